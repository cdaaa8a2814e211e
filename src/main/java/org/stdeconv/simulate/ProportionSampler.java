package org.stdeconv.simulate;

import org.apache.commons.math3.distribution.GammaDistribution;

/**
 * Draws the target cell-type proportions of one spot (non-negative, summing to 1) over the types present in it;
 * {@link #withSparsity} restricts each spot to a random subset of types. One instance per worker thread: the
 * samplers hold the worker's {@link SpotRandom}.
 */
public interface ProportionSampler {
    /** Fills {@code out} (length = number of types) with one spot's proportions. */
    void sample(double[] out);

    static ProportionSampler of(SimulateConfig.Proportions settings, int nTypes, SpotRandom random) {
        int max = settings.maxTypes == 0 ? nTypes : Math.min(settings.maxTypes, nTypes);
        int min = settings.minTypes == 0 ? max : Math.min(settings.minTypes, max);
        return switch (settings.mode) {
            case DIRICHLET -> withSparsity(new Dirichlet(settings.concentration, random), nTypes, min, max, random);
            case PAPER -> withSparsity(new StickBreaking(random), nTypes, min, max, random);
        };
    }

    /** Proportions over the first {@code length} entries of {@code out}. */
    interface OverTypes {
        void sample(double[] out, int length);
    }

    /**
     * Each spot holds between {@code min} and {@code max} types (uniform count), chosen uniformly; the inner scheme
     * spreads the spot over them in cell-type order.
     */
    static ProportionSampler withSparsity(OverTypes inner, int nTypes, int min, int max, SpotRandom random) {
        int[] order = new int[nTypes];
        double[] sub = new double[nTypes];
        return out -> {
            java.util.Arrays.fill(out, 0);
            int m = min + random.nextInt(max - min + 1);
            if (m == nTypes) {
                inner.sample(out, nTypes);
                return;
            }
            for (int i = 0; i < nTypes; i++) order[i] = i;
            for (int i = 0; i < m; i++) {
                int j = i + random.nextInt(nTypes - i);
                int t = order[i]; order[i] = order[j]; order[j] = t;
            }
            java.util.Arrays.sort(order, 0, m);
            inner.sample(sub, m);
            for (int i = 0; i < m; i++) out[order[i]] = sub[i];
        };
    }

    /** Symmetric Dirichlet: independent Gamma(concentration, 1) draws, normalised. */
    final class Dirichlet implements OverTypes {
        private final GammaDistribution gamma;
        private final SpotRandom random;

        public Dirichlet(double concentration, SpotRandom random) {
            this.gamma = new GammaDistribution(random, concentration, 1.0);
            this.random = random;
        }

        @Override
        public void sample(double[] out, int length) {
            double sum = 0;
            for (int i = 0; i < length; i++) {
                out[i] = gamma.sample();
                sum += out[i];
            }
            if (sum > 0 && Double.isFinite(sum)) {
                for (int i = 0; i < length; i++) out[i] /= sum;
            } else {
                // tiny concentrations can underflow every draw to 0: the limit is all mass on one type
                java.util.Arrays.fill(out, 0, length, 0);
                out[random.nextInt(length)] = 1;
            }
        }
    }

    /**
     * The ST-deconv authors' generate_random_ratio: in type order, each type takes U(0, remaining) and the last type
     * the remainder, so early types get more on average (mean 1/2, 1/4, ...). Kept as the paper's scheme.
     */
    final class StickBreaking implements OverTypes {
        private final SpotRandom random;

        public StickBreaking(SpotRandom random) {
            this.random = random;
        }

        @Override
        public void sample(double[] out, int length) {
            double used = 0;
            for (int i = 0; i < length - 1; i++) {
                out[i] = random.nextDouble() * (1 - used);
                used += out[i];
            }
            out[length - 1] = Math.max(0, 1 - used);
        }
    }
}
