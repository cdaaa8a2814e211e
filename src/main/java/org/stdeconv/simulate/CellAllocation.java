package org.stdeconv.simulate;

/** Splits a spot's cells over the types so that the counts follow the target proportions and sum to the total. */
final class CellAllocation {
    private CellAllocation() {
    }

    /** Fills {@code counts} (per type) with {@code n} cells allocated from {@code proportions}. */
    static void allocate(double[] proportions, int n, SimulateConfig.Rounding rounding, SpotRandom random, int[] counts) {
        java.util.Arrays.fill(counts, 0);
        if (rounding == SimulateConfig.Rounding.MULTINOMIAL) {
            for (int c = 0; c < n; c++) counts[drawType(proportions, random)]++;
        } else {
            largestRemainder(proportions, n, counts);
        }
    }

    private static int drawType(double[] p, SpotRandom random) {
        double u = random.nextDouble();
        double acc = 0;
        int last = 0;
        for (int t = 0; t < p.length; t++) {
            if (p[t] <= 0) continue;
            acc += p[t];
            last = t;
            if (u < acc) return t;
        }
        return last; // rounding left u above the accumulated sum
    }

    /** Hamilton's method; ties go to the earlier type so the result is a pure function of the proportions. */
    static void largestRemainder(double[] p, int n, int[] counts) {
        int assigned = 0;
        double[] remainder = new double[p.length];
        for (int t = 0; t < p.length; t++) {
            double exact = p[t] * n;
            counts[t] = (int) Math.floor(exact);
            remainder[t] = exact - counts[t];
            assigned += counts[t];
        }
        while (assigned < n) {
            int best = -1;
            for (int t = 0; t < p.length; t++) {
                if (p[t] > 0 && (best < 0 || remainder[t] > remainder[best])) best = t;
            }
            counts[best]++;
            remainder[best] = -1;
            assigned++;
        }
        while (assigned > n) { // floating error can push a floor one too high
            int worst = -1;
            for (int t = 0; t < p.length; t++) if (counts[t] > 0 && (worst < 0 || remainder[t] < remainder[worst])) worst = t;
            counts[worst]--;
            remainder[worst] = 2;
            assigned--;
        }
    }
}
