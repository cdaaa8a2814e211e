package org.stdeconv.spatial;

import org.stdeconv.data.SpotPlaces;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The neighbourhood graph of a slide's spots: each spot is joined to the spots within {@link SpotSpacing#FACTOR}
 * times the median nearest-neighbour distance (the 6 touching spots on a Visium grid, the 8 around a square-grid
 * spot, whatever the units), each edge weighted by how alike the two spots' expression is:
 * w_ij = exp(-|x_i - x_j|^2 / m), with m the mean squared expression distance over all edges (not the median:
 * on a slide of large uniform regions most neighbours are near-identical and the median would be about 0). Neighbours that
 * look alike are held together strongly; a neighbour across a tissue boundary, whose expression differs, weakly.
 * The spacing comes from at most {@link #SPACING_ANCHORS} spots' nearest neighbours; neighbours are then found
 * through a grid of radius-sized cells, so building the graph stays linear in the spots.
 */
public final class SpotGraph {
    /** Spots whose nearest neighbour sets the spacing: exact up to this many, a fixed cost on a million-bin slide. */
    static final int SPACING_ANCHORS = 4000;

    private final int[][] neighbours;
    private final float[][] weights;
    private final int edges;

    private SpotGraph(int[][] neighbours, float[][] weights, int edges) {
        this.neighbours = neighbours;
        this.weights = weights;
        this.edges = edges;
    }

    /** The graph of spots at {@code xy} with every edge of weight 1 (no expression to compare). */
    public static SpotGraph unweighted(double[][] xy) {
        return of(xy, null);
    }

    /**
     * The graph of spots at {@code xy} with expression rows {@code x} (network inputs; null: every weight 1); spots
     * without coordinates get no edges.
     */
    public static SpotGraph of(double[][] xy, float[][] x) {
        int n = xy.length;
        double radius = SpotSpacing.FACTOR * SpotSpacing.medianNearestNeighbourDistance(xy, SPACING_ANCHORS);
        int[][] nb = new int[n][];
        if (!(radius > 0) || !Double.isFinite(radius)) {
            for (int i = 0; i < n; i++) nb[i] = new int[0];
            return new SpotGraph(nb, new float[n][0], 0);
        }
        Map<Long, List<Integer>> cells = new HashMap<>();
        for (int i = 0; i < n; i++) {
            if (!SpotPlaces.isPlaced(xy[i])) continue;
            cells.computeIfAbsent(cell(xy[i], radius, 0, 0), k -> new ArrayList<>()).add(i);
        }
        int total = 0;
        List<Double> squared = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<Integer> found = new ArrayList<>();
            if (SpotPlaces.isPlaced(xy[i])) {
                for (int dx = -1; dx <= 1; dx++) for (int dy = -1; dy <= 1; dy++) {
                    for (int j : cells.getOrDefault(cell(xy[i], radius, dx, dy), List.of())) {
                        double d = Math.hypot(xy[i][0] - xy[j][0], xy[i][1] - xy[j][1]);
                        if (j != i && d <= radius) found.add(j);
                    }
                }
            }
            nb[i] = found.stream().mapToInt(Integer::intValue).sorted().toArray();
            total += nb[i].length;
            if (x != null) for (int j : nb[i]) if (j > i) squared.add(squaredDistance(x[i], x[j]));
        }
        double scale = squared.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        float[][] w = new float[n][];
        for (int i = 0; i < n; i++) {
            w[i] = new float[nb[i].length];
            for (int e = 0; e < nb[i].length; e++) {
                w[i][e] = x != null && scale > 0 ? (float) Math.exp(-squaredDistance(x[i], x[nb[i][e]]) / scale) : 1f;
            }
        }
        return new SpotGraph(nb, w, total / 2);
    }

    public int size() {
        return neighbours.length;
    }

    /** Undirected edges. */
    public int edges() {
        return edges;
    }

    public int[] neighbours(int spot) {
        return neighbours[spot];
    }

    /** Weights of {@link #neighbours(int)}, in the same order. */
    public float[] weights(int spot) {
        return weights[spot];
    }


    private static long cell(double[] p, double size, int dx, int dy) {
        long cx = (long) Math.floor(p[0] / size) + dx, cy = (long) Math.floor(p[1] / size) + dy;
        return cx * 0x9E3779B97F4A7C15L ^ cy;
    }

    private static double squaredDistance(float[] a, float[] b) {
        double s = 0;
        for (int g = 0; g < a.length; g++) {
            double d = a[g] - b[g];
            s += d * d;
        }
        return s;
    }
}
