package org.stdeconv.stats;

/**
 * Moran's I, the spatial autocorrelation of one value per location: I = (n / W) * Σ_{i≠j} w_ij z_i z_j / Σ z_i², with
 * z the deviations from the mean and binary weights w_ij = 1 for pairs at distance at most {@code radius}. Near 1
 * for smooth patches, near -1/(n-1) for noise, negative for checkerboards; NaN when the values are all equal or no
 * pair is within the radius.
 *
 * <p>Same public API as the simulate branch's class of this name (written in parallel); the lead keeps one.
 */
public final class MoransI {
    private MoransI() {
    }

    public static double compute(double[][] xy, double[] values, double radius) {
        int n = values.length;
        if (xy.length != n) throw new IllegalArgumentException(xy.length + " locations for " + n + " values");
        if (!(radius > 0)) throw new IllegalArgumentException("radius must be positive, got " + radius);
        // tested directly: with values such as ten times 0.1 the mean is inexact and a variance test would see noise
        if (n < 2 || Correlation.constant(values)) return Double.NaN;
        double mean = 0;
        for (double v : values) mean += v;
        mean /= n;
        double denominator = 0;
        for (double v : values) denominator += (v - mean) * (v - mean);
        double r2 = radius * radius, cross = 0;
        long pairs = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i == j) continue;
                double dx = xy[i][0] - xy[j][0], dy = xy[i][1] - xy[j][1];
                if (dx * dx + dy * dy > r2) continue;
                cross += (values[i] - mean) * (values[j] - mean);
                pairs++;
            }
        }
        if (pairs == 0) return Double.NaN;
        return (double) n / pairs * cross / denominator;
    }

    /** The expectation of I without spatial autocorrelation, -1/(n-1). */
    public static double expected(int n) {
        return -1.0 / (n - 1);
    }
}
