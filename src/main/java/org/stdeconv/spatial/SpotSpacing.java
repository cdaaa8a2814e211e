package org.stdeconv.spatial;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * The neighbourhood radius for Moran's I when none is configured: 1.5 times the median distance from a spot to its
 * nearest other spot. On a square lattice this takes in the 8 surrounding spots, on a hexagonal (Visium) one the 6
 * touching spots, whatever the coordinate units.
 */
public final class SpotSpacing {
    public static final double FACTOR = 1.5;

    private SpotSpacing() {
    }

    /** NaN when there are fewer than two distinct locations. */
    public static double defaultRadius(double[][] xy) {
        return FACTOR * medianNearestNeighbourDistance(xy);
    }

    public static double medianNearestNeighbourDistance(double[][] xy) {
        return medianNearestNeighbourDistance(xy, Integer.MAX_VALUE);
    }

    /**
     * The median, over at most {@code anchors} spots taken evenly through the rows (all of them when there are no
     * more), of the distance to the nearest other spot of the whole slide. Every anchor searches all spots, so a
     * sample of anchors keeps the spacing of the full slide (a sample of spots would overstate it) at a cost of
     * anchors x spots distances instead of spots squared.
     */
    public static double medianNearestNeighbourDistance(double[][] xy, int anchors) {
        int n = xy.length;
        int step = Math.max(1, (int) Math.ceil(n / (double) Math.max(1, anchors)));
        double[] nearest = new double[(n + step - 1) / step];
        int found = 0;
        // a sweep over the spots sorted by x: an anchor looks left and right only while the x gap alone is below its
        // nearest distance so far (a full scan of 4,000 anchors x a million bins took 11 s); hypot once for the
        // nearest, so the value is the one a full hypot scan gives
        double[] xs = new double[n], ys = new double[n];
        for (int j = 0; j < n; j++) {
            xs[j] = xy[j][0];
            ys[j] = xy[j][1];
        }
        int[] byX = IntStream.range(0, n).filter(j -> !Double.isNaN(xs[j])).boxed()
                .sorted(Comparator.comparingDouble((Integer j) -> xs[j]).thenComparingInt(j -> j)).mapToInt(Integer::intValue).toArray();
        int[] rank = new int[n];
        Arrays.fill(rank, -1);
        for (int r = 0; r < byX.length; r++) rank[byX[r]] = r;
        for (int i = 0; i < n; i += step) {
            if (rank[i] < 0) continue;
            double x = xs[i], y = ys[i];
            double[] best = {Double.POSITIVE_INFINITY};
            int[] nearestSpot = {-1};
            for (int r = rank[i] + 1; r < byX.length && sq(xs[byX[r]] - x) <= best[0]; r++) offer(i, byX[r], xs, ys, best, nearestSpot);
            for (int r = rank[i] - 1; r >= 0 && sq(xs[byX[r]] - x) <= best[0]; r--) offer(i, byX[r], xs, ys, best, nearestSpot);
            if (nearestSpot[0] >= 0) nearest[found++] = Math.hypot(x - xs[nearestSpot[0]], y - ys[nearestSpot[0]]);
        }
        if (found == 0) return Double.NaN;
        double[] d = Arrays.copyOf(nearest, found);
        Arrays.sort(d);
        return found % 2 == 1 ? d[found / 2] : 0.5 * (d[found / 2 - 1] + d[found / 2]);
    }

    private static double sq(double v) {
        return v * v;
    }

    /** Keeps spot j as anchor i's nearest other location if it is closer than the best so far (ties: the lower index). */
    private static void offer(int i, int j, double[] xs, double[] ys, double[] best, int[] nearestSpot) {
        double dx = xs[i] - xs[j], dy = ys[i] - ys[j], d2 = dx * dx + dy * dy;
        if (d2 > 0 && (d2 < best[0] || d2 == best[0] && j < nearestSpot[0])) {
            best[0] = d2;
            nearestSpot[0] = j;
        }
    }
}
