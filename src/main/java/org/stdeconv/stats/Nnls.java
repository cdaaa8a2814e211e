package org.stdeconv.stats;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.NonSymmetricMatrixException;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * Non-negative least squares, min ||A x - b|| subject to x >= 0, by the Lawson-Hanson active-set method in its
 * cross-product form (Bro and De Jong 1997): the design is reduced once to {@code AᵀA}, so solving many right-hand
 * sides against the same reference profiles (one per spot) costs k x k work per step instead of genes x k.
 * Commons Math has no NNLS, hence this class.
 */
public final class Nnls {
    private final double[][] a;
    private final double[][] gram;

    /** {@code a}: m rows (e.g. genes) x k columns (e.g. cell-type profiles). */
    public Nnls(double[][] a) {
        if (a.length == 0) throw new IllegalArgumentException("empty design matrix");
        int k = a[0].length;
        for (double[] row : a) if (row.length != k) throw new IllegalArgumentException("ragged design matrix");
        this.a = a;
        this.gram = new double[k][k];
        for (double[] row : a) {
            for (int p = 0; p < k; p++) {
                if (row[p] == 0) continue;
                for (int q = p; q < k; q++) gram[p][q] += row[p] * row[q];
            }
        }
        for (int p = 0; p < k; p++) for (int q = 0; q < p; q++) gram[p][q] = gram[q][p];
    }

    public int columns() {
        return gram.length;
    }

    /** The non-negative coefficients for right-hand side {@code b} (length m). */
    public double[] solve(double[] b) {
        if (b.length != a.length) throw new IllegalArgumentException("b has " + b.length + " entries, A has " + a.length + " rows");
        int k = gram.length;
        double[] atb = new double[k];
        for (int i = 0; i < a.length; i++) {
            if (b[i] == 0) continue;
            for (int p = 0; p < k; p++) atb[p] += a[i][p] * b[i];
        }
        return solveGram(gram, atb);
    }

    /** The coefficients for a right-hand side already reduced to {@code Aᵀb} (a sparse b is cheaper to reduce by its caller). */
    public double[] solveReduced(double[] atb) {
        if (atb.length != gram.length) throw new IllegalArgumentException("Aᵀb has " + atb.length + " entries, A has " + gram.length + " columns");
        return solveGram(gram, atb);
    }

    /** One-shot convenience: min ||A x - b||, x >= 0. */
    public static double[] solve(double[][] a, double[] b) {
        return new Nnls(a).solve(b);
    }

    /**
     * Lawson-Hanson on the normal equations: {@code gram} = AᵀA (k x k, symmetric), {@code atb} = Aᵀb. A variable
     * enters the passive set while its gradient component is positive; an unconstrained solve on the passive set
     * that turns a coefficient non-positive is cut back along the segment from the last feasible point.
     */
    public static double[] solveGram(double[][] gram, double[] atb) {
        int k = atb.length;
        double scale = 0;
        for (double v : atb) scale = Math.max(scale, Math.abs(v));
        for (int p = 0; p < k; p++) scale = Math.max(scale, Math.abs(gram[p][p]));
        double tol = 1e-12 * Math.max(scale, Double.MIN_NORMAL) * k;
        double[] x = new double[k];
        boolean[] passive = new boolean[k];
        double[] w = gradient(gram, atb, x);
        int maxOuter = 3 * k + 10;
        for (int outer = 0; outer < maxOuter; outer++) {
            int t = -1;
            for (int j = 0; j < k; j++) if (!passive[j] && w[j] > tol && (t < 0 || w[j] > w[t])) t = j;
            if (t < 0) break;
            passive[t] = true;
            double[] z = solvePassive(gram, atb, passive);
            int inner = 0;
            while (anyNonPositive(z, passive) && inner++ < 3 * k + 10) {
                double alpha = Double.POSITIVE_INFINITY;
                for (int j = 0; j < k; j++) {
                    if (passive[j] && z[j] <= 0) {
                        double step = x[j] - z[j];
                        alpha = Math.min(alpha, step > 0 ? x[j] / step : 0);
                    }
                }
                for (int j = 0; j < k; j++) x[j] += alpha * (z[j] - x[j]);
                for (int j = 0; j < k; j++) {
                    if (passive[j] && x[j] <= tol) {
                        passive[j] = false;
                        x[j] = 0;
                    }
                }
                z = solvePassive(gram, atb, passive);
            }
            x = z;
            w = gradient(gram, atb, x);
        }
        for (int j = 0; j < k; j++) if (x[j] < 0) x[j] = 0;
        return x;
    }

    private static boolean anyNonPositive(double[] z, boolean[] passive) {
        for (int j = 0; j < z.length; j++) if (passive[j] && z[j] <= 0) return true;
        return false;
    }

    /** Aᵀb - AᵀA x: the negative gradient of half the squared residual. */
    private static double[] gradient(double[][] gram, double[] atb, double[] x) {
        double[] w = atb.clone();
        for (int p = 0; p < w.length; p++) for (int q = 0; q < w.length; q++) w[p] -= gram[p][q] * x[q];
        return w;
    }

    /** Unconstrained least squares restricted to the passive variables; the others are zero. */
    private static double[] solvePassive(double[][] gram, double[] atb, boolean[] passive) {
        int k = atb.length;
        int[] idx = new int[k];
        int n = 0;
        for (int j = 0; j < k; j++) if (passive[j]) idx[n++] = j;
        double[] out = new double[k];
        if (n == 0) return out;
        double[][] g = new double[n][n];
        double[] c = new double[n];
        for (int p = 0; p < n; p++) {
            c[p] = atb[idx[p]];
            for (int q = 0; q < n; q++) g[p][q] = gram[idx[p]][idx[q]];
        }
        RealMatrix m = new Array2DRowRealMatrix(g, false);
        double[] sol;
        try {
            sol = new CholeskyDecomposition(m).getSolver().solve(new ArrayRealVector(c, false)).toArray();
        } catch (NonPositiveDefiniteMatrixException | NonSymmetricMatrixException e) {
            // collinear profiles: the minimum-norm solution keeps the method going
            sol = new SingularValueDecomposition(m).getSolver().solve(new ArrayRealVector(c, false)).toArray();
        }
        for (int p = 0; p < n; p++) out[idx[p]] = sol[p];
        return out;
    }
}
