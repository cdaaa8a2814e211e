package org.stdeconv.qc;

import java.util.Arrays;

/** Min, quartiles, max and mean of one metric over the observations a mask selects (quantiles interpolate linearly, as numpy's default). */
record MetricSummary(int n, double min, double q25, double median, double q75, double max, double mean) {

    static MetricSummary of(double[] values, boolean[] mask) {
        double[] v = new double[values.length];
        int n = 0;
        double sum = 0;
        for (int i = 0; i < values.length; i++) {
            if (mask != null && !mask[i]) continue;
            v[n++] = values[i];
            sum += values[i];
        }
        if (n == 0) return new MetricSummary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        double[] s = Arrays.copyOf(v, n);
        Arrays.sort(s);
        return new MetricSummary(n, s[0], quantile(s, 0.25), quantile(s, 0.5), quantile(s, 0.75), s[n - 1], sum / n);
    }

    static double quantile(double[] sorted, double p) {
        double pos = p * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
