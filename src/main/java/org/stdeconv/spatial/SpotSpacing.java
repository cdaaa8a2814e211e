package org.stdeconv.spatial;

import java.util.Arrays;

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
        for (int i = 0; i < n; i += step) {
            double best = Double.POSITIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                if (i == j) continue;
                double d = Math.hypot(xy[i][0] - xy[j][0], xy[i][1] - xy[j][1]);
                if (d > 0 && d < best) best = d;
            }
            if (Double.isFinite(best)) nearest[found++] = best;
        }
        if (found == 0) return Double.NaN;
        double[] d = Arrays.copyOf(nearest, found);
        Arrays.sort(d);
        return found % 2 == 1 ? d[found / 2] : 0.5 * (d[found / 2 - 1] + d[found / 2]);
    }
}
