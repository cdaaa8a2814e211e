package org.stdeconv.spatial;

import java.util.Arrays;

/**
 * A spatial prior on a slide's predicted proportions (infer's spatial_smoothing): the proportions q that minimise
 * sum_i |q_i - p_i|^2 + lambda/2 sum_(i,j neighbours) w_ij |q_i - q_j|^2, i.e. the solution of (I + lambda L) q = p
 * with L the Laplacian of the {@link SpotGraph} and w_ij its edge weights (1 on an unweighted graph). That is the mean
 * of a Gaussian conditional autoregressive (CAR) prior of the kind CARD fits, applied to the network's predictions:
 * each spot keeps its own prediction and borrows from its neighbours in proportion to lambda. Solved by Jacobi
 * iterations q_i <- (p_i + lambda sum_j w_ij q_j) / (1 + lambda sum_j w_ij), which converge because each step is a contraction; every q_i stays a convex combination of predictions, so
 * rows stay proportions. Spots without coordinates or neighbours, and spots without a prediction (NaN), are left as
 * they are and lend nothing to their neighbours.
 */
public final class ProportionSmoothing {
    /** Jacobi iterations: the error shrinks by lambda deg / (1 + lambda deg) per step (0.86 at lambda 1, deg 6). */
    static final int ITERATIONS = 60;

    private ProportionSmoothing() {
    }

    public static double[][] apply(double[][] p, double[][] xy, double lambda) {
        if (!(lambda > 0)) return p;
        return apply(p, SpotGraph.unweighted(xy), lambda);
    }

    public static double[][] apply(double[][] p, SpotGraph graph, double lambda) {
        int n = p.length;
        int k = 0;
        boolean[] valid = new boolean[n];
        for (int i = 0; i < n; i++) {
            valid[i] = isValid(p[i]);
            if (valid[i]) k = p[i].length;
        }
        // flat rows, two buffers: no allocation per spot and iteration (a million-bin slide was 30 s the other way);
        // the sums run in the same order as before, so the result is the same to the bit
        double[] q = new double[n * k], next = new double[n * k];
        for (int i = 0; i < n; i++) if (valid[i]) System.arraycopy(p[i], 0, q, i * k, k);
        for (int it = 0; it < ITERATIONS; it++) {
            for (int i = 0; i < n; i++) {
                if (!valid[i]) continue;
                int row = i * k;
                System.arraycopy(p[i], 0, next, row, k);
                int[] neighbours = graph.neighbours(i);
                float[] weights = graph.weights(i);
                double degree = 0;
                for (int e = 0; e < neighbours.length; e++) {
                    int j = neighbours[e];
                    if (!valid[j]) continue;
                    int other = j * k;
                    double pull = lambda * weights[e];
                    for (int c = 0; c < k; c++) next[row + c] += pull * q[other + c];
                    degree += weights[e];
                }
                double norm = 1 + lambda * degree;
                for (int c = 0; c < k; c++) next[row + c] /= norm;
            }
            double[] swap = q;
            q = next;
            next = swap;
        }
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) out[i] = !valid[i] ? (p[i] == null ? null : p[i].clone()) : Arrays.copyOfRange(q, i * k, i * k + k);
        return out;
    }

    /** Whether a spot has a prediction to smooth and lend (spots without counts have NaN rows). */
    public static boolean isValid(double[] row) {
        return row != null && row.length > 0 && !Double.isNaN(row[0]);
    }
}
