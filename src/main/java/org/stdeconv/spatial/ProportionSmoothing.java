package org.stdeconv.spatial;

/**
 * A spatial prior on a slide's predicted proportions (infer's spatial_smoothing): the proportions q that minimise
 * sum_i |q_i - p_i|^2 + lambda/2 sum_(i,j neighbours) |q_i - q_j|^2, i.e. the solution of (I + lambda L) q = p with L
 * the Laplacian of the {@link SpotGraph}. That is the mean of a Gaussian conditional autoregressive (CAR) prior of
 * the kind CARD fits, applied to the network's predictions: each spot keeps its own prediction and borrows from its
 * neighbours in proportion to lambda. Solved by Jacobi iterations q_i <- (p_i + lambda sum_j q_j) / (1 + lambda
 * deg_i), which converge because each step is a contraction; every q_i stays a convex combination of predictions, so
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
        boolean[] valid = new boolean[n];
        for (int i = 0; i < n; i++) valid[i] = isValid(p[i]);
        double[][] q = new double[n][];
        for (int i = 0; i < n; i++) q[i] = p[i] == null ? null : p[i].clone();
        for (int it = 0; it < ITERATIONS; it++) {
            double[][] next = new double[n][];
            for (int i = 0; i < n; i++) {
                if (!valid[i]) {
                    next[i] = q[i];
                    continue;
                }
                double[] sum = p[i].clone();
                int degree = 0;
                for (int j : graph.neighbours(i)) {
                    if (!valid[j]) continue;
                    for (int k = 0; k < sum.length; k++) sum[k] += lambda * q[j][k];
                    degree++;
                }
                double norm = 1 + lambda * degree;
                for (int k = 0; k < sum.length; k++) sum[k] /= norm;
                next[i] = sum;
            }
            q = next;
        }
        return q;
    }

    /** Whether a spot has a prediction to smooth and lend (spots without counts have NaN rows). */
    public static boolean isValid(double[] row) {
        return row != null && row.length > 0 && !Double.isNaN(row[0]);
    }
}
