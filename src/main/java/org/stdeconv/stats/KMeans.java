package org.stdeconv.stats;

import org.apache.commons.math3.ml.clustering.CentroidCluster;
import org.apache.commons.math3.ml.clustering.Clusterable;
import org.apache.commons.math3.ml.clustering.KMeansPlusPlusClusterer;
import org.apache.commons.math3.ml.distance.EuclideanDistance;
import org.apache.commons.math3.random.Well19937c;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * k-means with k-means++ seeding (Commons Math's maintained implementation), made reproducible: one seeded generator
 * drives every restart, the restart with the lowest within-cluster sum of squares wins (first one on ties), and
 * clusters are renumbered by their first member so the same input and seed always give the same labels.
 */
public final class KMeans {
    /** labels[i] in 0..k-1 for every point, centres in label order, inertia = sum of squared distances to centres. */
    public record Result(int[] labels, double[][] centres, double inertia) {
        public int k() {
            return centres.length;
        }
    }

    private KMeans() {
    }

    public static Result fit(double[][] points, int k, long seed, int restarts, int maxIterations) {
        if (k < 1) throw new IllegalArgumentException("k must be >= 1, got " + k);
        if (points.length < k) throw new IllegalArgumentException(points.length + " points cannot form " + k + " clusters");
        if (distinctRows(points) < k) throw new IllegalArgumentException("only " + distinctRows(points) + " distinct points for " + k + " clusters");
        List<Point> data = new ArrayList<>(points.length);
        for (int i = 0; i < points.length; i++) data.add(new Point(i, points[i]));
        Well19937c random = new Well19937c(seed);
        KMeansPlusPlusClusterer<Point> clusterer = new KMeansPlusPlusClusterer<>(k, maxIterations, new EuclideanDistance(), random,
                KMeansPlusPlusClusterer.EmptyClusterStrategy.FARTHEST_POINT);
        Result best = null;
        for (int r = 0; r < Math.max(1, restarts); r++) {
            Result candidate = toResult(clusterer.cluster(data), points);
            if (best == null || candidate.inertia() < best.inertia()) best = candidate;
        }
        return best;
    }

    private static Result toResult(List<CentroidCluster<Point>> clusters, double[][] points) {
        int[] raw = new int[points.length];
        for (int c = 0; c < clusters.size(); c++) for (Point p : clusters.get(c).getPoints()) raw[p.index] = c;
        // renumber by first appearance so labels do not depend on the library's cluster order
        int[] relabel = new int[clusters.size()];
        Arrays.fill(relabel, -1);
        int next = 0;
        int[] labels = new int[points.length];
        for (int i = 0; i < points.length; i++) {
            if (relabel[raw[i]] < 0) relabel[raw[i]] = next++;
            labels[i] = relabel[raw[i]];
        }
        int dim = points[0].length;
        double[][] centres = new double[next][dim];
        int[] counts = new int[next];
        for (int i = 0; i < points.length; i++) {
            counts[labels[i]]++;
            for (int d = 0; d < dim; d++) centres[labels[i]][d] += points[i][d];
        }
        for (int c = 0; c < next; c++) for (int d = 0; d < dim; d++) centres[c][d] /= counts[c];
        double inertia = 0;
        for (int i = 0; i < points.length; i++) {
            for (int d = 0; d < dim; d++) {
                double diff = points[i][d] - centres[labels[i]][d];
                inertia += diff * diff;
            }
        }
        return new Result(labels, centres, inertia);
    }

    private static int distinctRows(double[][] points) {
        java.util.Set<List<Double>> s = new java.util.HashSet<>();
        for (double[] p : points) s.add(Arrays.stream(p).boxed().toList());
        return s.size();
    }

    private record Point(int index, double[] coordinates) implements Clusterable {
        @Override
        public double[] getPoint() {
            return coordinates;
        }
    }
}
