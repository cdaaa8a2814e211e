package org.stdeconv.simulate;

import org.stdeconv.data.CsrMatrix;

import static org.stdeconv.simulate.ScaledRows.denseScaledRow;
import static org.stdeconv.simulate.ScaledRows.dot;
import static org.stdeconv.simulate.ScaledRows.rowDot;
import static org.stdeconv.simulate.ScaledRows.rowNorm;

/** The paper layout's clusters: k-means on the pseudo-spots' unit-variance-scaled counts, as the authors' sklearn call. */
final class LayoutKMeans {
    private static final int MAX_ITERATIONS = 100;

    private LayoutKMeans() {
    }

    /** Lloyd's k-means with k-means++ seeding on the scaled fit rows; returns the centres. */
    static double[][] centres(CsrMatrix m, int fit, double[] scale, SpotRandom random) {
        int genes = m.cols();
        int k = Math.min(PaperLayout.CLUSTERS, fit);
        double[] rowNorm = new double[fit];
        for (int r = 0; r < fit; r++) rowNorm[r] = rowNorm(m, r, scale);
        double[][] centres = new double[k][];
        centres[0] = denseScaledRow(m, random.nextInt(fit), scale, genes);
        double[] nearest = new double[fit];
        java.util.Arrays.fill(nearest, Double.POSITIVE_INFINITY);
        for (int c = 1; c < k; c++) {
            double total = 0;
            double cNorm = dot(centres[c - 1], centres[c - 1]);
            for (int r = 0; r < fit; r++) {
                double d = Math.max(0, rowNorm[r] - 2 * rowDot(m, r, scale, centres[c - 1]) + cNorm);
                nearest[r] = Math.min(nearest[r], d);
                total += nearest[r];
            }
            int pick = 0;
            if (total > 0) {
                double u = random.nextDouble() * total, acc = 0;
                for (pick = 0; pick < fit - 1; pick++) {
                    acc += nearest[pick];
                    if (acc > u) break;
                }
            } else {
                pick = random.nextInt(fit);
            }
            centres[c] = denseScaledRow(m, pick, scale, genes);
        }
        int[] labels = new int[fit];
        java.util.Arrays.fill(labels, -1);
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            int changed = assign(m, 0, fit, scale, rowNorm, centres, labels);
            double[][] sums = new double[k][genes];
            int[] counts = new int[k];
            for (int r = 0; r < fit; r++) {
                counts[labels[r]]++;
                for (int q = m.rowStart(r); q < m.rowEnd(r); q++) sums[labels[r]][m.indices()[q]] += m.data()[q] * scale[m.indices()[q]];
            }
            for (int c = 0; c < k; c++) {
                if (counts[c] == 0) continue; // an emptied cluster keeps its centre
                for (int g = 0; g < genes; g++) sums[c][g] /= counts[c];
                centres[c] = sums[c];
            }
            // stop when (almost) no spot moves: the labels are an annotation, a stray spot more or less is immaterial
            if (it > 0 && changed <= fit / 1000) {
                org.stdeconv.log.Log.info("simulate: paper layout: k-means settled after %d iterations", it + 1);
                break;
            }
        }
        return centres;
    }

    /** Assigns rows [from, to) to their nearest centre (in parallel; each row on its own); returns how many changed. */
    private static int assign(CsrMatrix m, int from, int to, double[] scale, double[] rowNorm, double[][] centres, int[] labels) {
        double[] centreNorm = new double[centres.length];
        for (int c = 0; c < centres.length; c++) centreNorm[c] = dot(centres[c], centres[c]);
        return java.util.stream.IntStream.range(from, to).parallel().map(r -> {
            int best = nearest(m, r, scale, rowNorm[r], centres, centreNorm);
            if (labels[r] == best) return 0;
            labels[r] = best;
            return 1;
        }).sum();
    }

    /** The centre nearest to scaled row {@code r} ({@code rowNorm} its squared norm). */
    static int nearest(CsrMatrix m, int r, double[] scale, double rowNorm, double[][] centres, double[] centreNorm) {
        int best = 0;
        double bestD = Double.POSITIVE_INFINITY;
        for (int c = 0; c < centres.length; c++) {
            double d = rowNorm - 2 * rowDot(m, r, scale, centres[c]) + centreNorm[c];
            if (d < bestD) { bestD = d; best = c; }
        }
        return best;
    }
}
