package org.stdeconv.stats;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.QRDecomposition;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NnlsTest {
    @Test
    void handExample() {
        // columns e1 and e2, b = (2, -1): the negative coordinate is clamped
        double[] x = Nnls.solve(new double[][]{{1, 0}, {0, 1}}, new double[]{2, -1});
        assertArrayEquals(new double[]{2, 0}, x, 1e-12);
        // b inside the cone: exact non-negative solution
        assertArrayEquals(new double[]{0.25, 0.75}, Nnls.solve(new double[][]{{1, 0}, {1, 1}, {0, 1}}, new double[]{0.25, 1, 0.75}), 1e-12);
    }

    /** The optimum is the best feasible unconstrained solve over all supports: check that on random problems. */
    @Test
    void matchesBruteForceOverAllActiveSets() {
        Random rnd = new Random(11);
        for (int trial = 0; trial < 300; trial++) {
            int k = 1 + rnd.nextInt(5);
            int m = k + 1 + rnd.nextInt(6);
            double[][] a = new double[m][k];
            double[] b = new double[m];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < k; j++) a[i][j] = trial % 2 == 0 ? rnd.nextGaussian() : rnd.nextDouble();
                b[i] = rnd.nextGaussian();
            }
            double[] expected = bruteForce(a, b);
            double[] x = Nnls.solve(a, b);
            for (double v : x) assertTrue(v >= 0, "negative coefficient");
            assertEquals(residual(a, b, expected), residual(a, b, x), 1e-9 * (1 + residual(a, b, expected)), "trial " + trial);
            assertArrayEquals(expected, x, 1e-7, "trial " + trial);
        }
    }

    @Test
    void sameDesignSeveralRightHandSides() {
        double[][] a = {{1, 2}, {3, 1}, {0, 1}, {2, 2}};
        Nnls nnls = new Nnls(a);
        double[] b1 = {1, 3, 0, 2}, b2 = {2, 1, 1, 2};
        assertArrayEquals(Nnls.solve(a, b1), nnls.solve(b1), 1e-15);
        assertArrayEquals(Nnls.solve(a, b2), nnls.solve(b2), 1e-15);
        assertArrayEquals(new double[]{1, 0}, nnls.solve(b1), 1e-12);
    }

    private static double[] bruteForce(double[][] a, double[] b) {
        int m = a.length, k = a[0].length;
        double best = residual(a, b, new double[k]);
        double[] bestX = new double[k];
        for (int mask = 1; mask < 1 << k; mask++) {
            int n = Integer.bitCount(mask);
            int[] cols = new int[n];
            for (int j = 0, c = 0; j < k; j++) if ((mask & 1 << j) != 0) cols[c++] = j;
            double[][] sub = new double[m][n];
            for (int i = 0; i < m; i++) for (int c = 0; c < n; c++) sub[i][c] = a[i][cols[c]];
            double[] z = new QRDecomposition(new Array2DRowRealMatrix(sub)).getSolver().solve(new ArrayRealVector(b)).toArray();
            boolean feasible = true;
            for (double v : z) feasible &= v >= 0;
            if (!feasible) continue;
            double[] x = new double[k];
            for (int c = 0; c < n; c++) x[cols[c]] = z[c];
            double r = residual(a, b, x);
            if (r < best) {
                best = r;
                bestX = x;
            }
        }
        return bestX;
    }

    private static double residual(double[][] a, double[] b, double[] x) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double r = -b[i];
            for (int j = 0; j < x.length; j++) r += a[i][j] * x[j];
            s += r * r;
        }
        return s;
    }
}
