package org.stdeconv.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * Moran's I, the spatial autocorrelation of one value over spots: I = (n / W) * Σ w_ij z_i z_j / Σ z_i², with z the
 * deviations from the mean and binary weights w_ij = 1 for neighbours. Neighbours: every spot within the distance of
 * a spot's k-th nearest other spot (ties included, so an inner spot of a square lattice with k = 4 gets exactly its four edge
 * neighbours), made symmetric. About +1 for smooth patterns, about -1/(n-1) for random ones; NaN when the value
 * does not vary or no spot has a neighbour.
 */
public final class MoransI {
    private MoransI() {
    }

    /** Moran's I of {@code values} with the neighbour lists of {@link #neighbours}. */
    public static double of(double[] values, int[][] neighbours) {
        int n = values.length;
        if (neighbours.length != n) throw new IllegalArgumentException(neighbours.length + " neighbour lists for " + n + " values");
        if (n < 2 || Correlation.constant(values)) return Double.NaN;
        double mean = 0;
        for (double v : values) mean += v;
        mean /= n;
        double denom = 0;
        for (double v : values) denom += (v - mean) * (v - mean);
        double num = 0;
        long weightSum = 0;
        for (int i = 0; i < n; i++) {
            for (int j : neighbours[i]) {
                num += (values[i] - mean) * (values[j] - mean);
                weightSum++;
            }
        }
        if (!(denom > 0) || weightSum == 0) return Double.NaN;
        return (double) n / weightSum * num / denom;
    }

    /** Convenience: {@link #of} with {@link #neighbours}(xy, k). */
    public static double of(double[] values, double[][] xy, int k) {
        return of(values, neighbours(xy, k));
    }

    /** Symmetric neighbour lists (sorted indices) from the k-nearest-neighbour distance of each spot, ties included. */
    public static int[][] neighbours(double[][] xy, int k) {
        int n = xy.length;
        if (k < 1) throw new IllegalArgumentException("k must be >= 1");
        List<TreeSet<Integer>> sets = new ArrayList<>(n);
        for (int i = 0; i < n; i++) sets.add(new TreeSet<>());
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) d[j] = j == i ? Double.POSITIVE_INFINITY : distance(xy[i], xy[j]);
            double[] sorted = d.clone();
            Arrays.sort(sorted);
            int kk = Math.min(k, n - 1);
            if (kk < 1) continue;
            double radius = sorted[kk - 1] * (1 + 1e-9);
            for (int j = 0; j < n; j++) {
                if (j != i && d[j] <= radius) {
                    sets.get(i).add(j);
                    sets.get(j).add(i);
                }
            }
        }
        int[][] out = new int[n][];
        for (int i = 0; i < n; i++) out[i] = sets.get(i).stream().mapToInt(Integer::intValue).toArray();
        return out;
    }

    private static double distance(double[] a, double[] b) {
        double dx = a[0] - b[0], dy = a[1] - b[1];
        return Math.sqrt(dx * dx + dy * dy);
    }
}
