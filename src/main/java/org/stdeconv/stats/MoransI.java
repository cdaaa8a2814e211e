package org.stdeconv.stats;

import java.util.Arrays;

/**
 * Moran's I, the spatial autocorrelation of one value per location:
 * <pre>
 *   I = (n / W) * sum_{i != j} w_ij (x_i - mean)(x_j - mean) / sum_i (x_i - mean)^2,   W = sum_{i != j} w_ij
 * </pre>
 * Neighbours are the pairs at distance at most {@code radius} (Euclidean, in the coordinates' units); their weight is
 * 1 ({@link Weights#BINARY}) or 1/distance ({@link Weights#INVERSE_DISTANCE}), every other pair weighs 0. Weights are
 * not row-standardised. I is near 1 for smooth patches, near {@link #expected(int)} = -1/(n-1) for spatial noise and
 * negative for checkerboards. Neighbours are found through a grid of cells of side {@code radius}, so the cost is
 * about n times the neighbours per location rather than n squared.
 */
public final class MoransI {
    public enum Weights {
        /** w_ij = 1 within the radius. */
        BINARY,
        /** w_ij = 1 / d_ij within the radius (pairs at distance 0 weigh as if at radius / 1000). */
        INVERSE_DISTANCE
    }

    private MoransI() {
    }

    /** Moran's I with binary weights; NaN when no pair lies within {@code radius} or the values are constant. */
    public static double compute(double[][] xy, double[] values, double radius) {
        return compute(xy, values, radius, Weights.BINARY);
    }

    /** Moran's I with the given weights; NaN when no pair lies within {@code radius} or the values are constant. */
    public static double compute(double[][] xy, double[] values, double radius, Weights weights) {
        int n = values.length;
        if (xy.length != n) throw new IllegalArgumentException(xy.length + " locations for " + n + " values");
        if (!(radius > 0)) throw new IllegalArgumentException("radius must be positive, got " + radius);
        // equal values are tested directly: for ten times 0.1 the mean is inexact and the deviations are rounding noise
        if (n < 2 || Correlation.constant(values)) return Double.NaN;
        double mean = 0;
        for (double v : values) mean += v;
        mean /= n;
        double[] z = new double[n];
        double denominator = 0;
        for (int i = 0; i < n; i++) {
            z[i] = values[i] - mean;
            denominator += z[i] * z[i];
        }
        if (denominator == 0) return Double.NaN;

        NeighbourGrid grid = new NeighbourGrid(xy, radius);
        double r2 = radius * radius;
        double zeroDistance = radius / 1000;
        double weightSum = 0;
        double crossSum = 0;
        for (int i = 0; i < n; i++) {
            double xi = xy[i][0], yi = xy[i][1];
            int cx = grid.cellX(xi), cy = grid.cellY(yi);
            for (int gx = cx - 1; gx <= cx + 1; gx++) {
                for (int gy = cy - 1; gy <= cy + 1; gy++) {
                    for (int j : grid.members(gx, gy)) {
                        if (j == i) continue;
                        double dx = xy[j][0] - xi, dy = xy[j][1] - yi;
                        double d2 = dx * dx + dy * dy;
                        if (d2 > r2) continue;
                        double w = weights == Weights.BINARY ? 1.0 : 1.0 / Math.max(Math.sqrt(d2), zeroDistance);
                        weightSum += w;
                        crossSum += w * z[i] * z[j];
                    }
                }
            }
        }
        if (weightSum == 0) return Double.NaN;
        return (n / weightSum) * crossSum / denominator;
    }

    /** The expectation of I under no spatial autocorrelation, -1/(n-1). */
    public static double expected(int n) {
        return -1.0 / (n - 1);
    }

    /** Locations bucketed into square cells of side radius: all neighbours of a point lie in its 3 x 3 block. */
    private static final class NeighbourGrid {
        private static final int[] NONE = new int[0];
        private final double minX, minY, side;
        private final int nx, ny;
        private final int[][] cells;

        NeighbourGrid(double[][] xy, double radius) {
            double x0 = Double.POSITIVE_INFINITY, y0 = Double.POSITIVE_INFINITY, x1 = Double.NEGATIVE_INFINITY, y1 = Double.NEGATIVE_INFINITY;
            for (double[] p : xy) {
                if (!Double.isFinite(p[0]) || !Double.isFinite(p[1])) throw new IllegalArgumentException("non-finite coordinate");
                x0 = Math.min(x0, p[0]); x1 = Math.max(x1, p[0]);
                y0 = Math.min(y0, p[1]); y1 = Math.max(y1, p[1]);
            }
            // a radius far below the extent would make a huge, nearly empty grid: cap the cell count, cells only get larger
            double cellSide = radius;
            long maxCells = Math.max(1024, 4L * xy.length);
            // counted in double: in long, a tiny radius (1e-300) overflowed the product, and the grid's arrays with it
            while ((Math.floor((x1 - x0) / cellSide) + 1) * (Math.floor((y1 - y0) / cellSide) + 1) > maxCells) cellSide *= 2;
            this.minX = x0;
            this.minY = y0;
            this.side = cellSide;
            this.nx = (int) ((x1 - x0) / cellSide) + 1;
            this.ny = (int) ((y1 - y0) / cellSide) + 1;
            int[] counts = new int[nx * ny];
            int[] cellOf = new int[xy.length];
            for (int i = 0; i < xy.length; i++) {
                cellOf[i] = cellX(xy[i][0]) * ny + cellY(xy[i][1]);
                counts[cellOf[i]]++;
            }
            cells = new int[nx * ny][];
            for (int c = 0; c < cells.length; c++) cells[c] = counts[c] == 0 ? NONE : new int[counts[c]];
            Arrays.fill(counts, 0);
            for (int i = 0; i < xy.length; i++) cells[cellOf[i]][counts[cellOf[i]]++] = i;
        }

        int cellX(double x) { return (int) ((x - minX) / side); }

        int cellY(double y) { return (int) ((y - minY) / side); }

        /** Members of the cell; cells are at least radius wide, so the 3 x 3 block around a point covers its radius. */
        int[] members(int gx, int gy) {
            if (gx < 0 || gy < 0 || gx >= nx || gy >= ny) return NONE;
            return cells[gx * ny + gy];
        }
    }
}
