package org.stdeconv.spatial;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProportionSmoothingTest {
    /** A 10 x 10 grid; the left half is type A-rich (0.8, 0.2), the right half type B-rich (0.2, 0.8). */
    static double[][] grid() {
        double[][] xy = new double[100][];
        for (int i = 0; i < 100; i++) xy[i] = new double[]{i % 10, i / 10};
        return xy;
    }

    static double[][] truth() {
        double[][] t = new double[100][];
        for (int i = 0; i < 100; i++) t[i] = i % 10 < 5 ? new double[]{0.8, 0.2} : new double[]{0.2, 0.8};
        return t;
    }

    /** The truth with independent noise on every spot, renormalised. */
    static double[][] noisy(long seed) {
        Random r = new Random(seed);
        double[][] p = truth();
        for (double[] row : p) {
            double a = Math.min(0.99, Math.max(0.01, row[0] + 0.25 * r.nextGaussian()));
            row[0] = a;
            row[1] = 1 - a;
        }
        return p;
    }

    static double rmse(double[][] a, double[][] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) for (int k = 0; k < a[i].length; k++) s += Math.pow(a[i][k] - b[i][k], 2);
        return Math.sqrt(s / (a.length * a[0].length));
    }

    @Test
    void solvesTheCarSystemAndKeepsRowsProportions() {
        double[][] p = noisy(1), xy = grid();
        double lambda = 0.7;
        double[][] q = ProportionSmoothing.apply(p, xy, lambda);
        SpotGraph g = SpotGraph.unweighted(xy);
        for (int i = 0; i < 100; i++) {
            assertEquals(1.0, q[i][0] + q[i][1], 1e-12);
            assertTrue(q[i][0] >= 0 && q[i][1] >= 0);
            // (1 + lambda deg_i) q_i - lambda sum_j q_j = p_i: the minimiser of |q - p|^2 + lambda/2 sum |q_i - q_j|^2
            for (int k = 0; k < 2; k++) {
                double lhs = (1 + lambda * g.neighbours(i).length) * q[i][k];
                for (int j : g.neighbours(i)) lhs -= lambda * q[j][k];
                assertEquals(p[i][k], lhs, 1e-6, "spot " + i);
            }
        }
    }

    @Test
    void bringsNoisyPredictionsOfSpatiallyCoherentTissueCloserToTheTruth() {
        double[][] p = noisy(2);
        double before = rmse(p, truth()), after = rmse(ProportionSmoothing.apply(p, grid(), 0.5), truth());
        assertTrue(after < 0.7 * before, "RMSE " + before + " -> " + after);
    }

    @Test
    void leavesSpotsWithoutPredictionOrNeighboursAsTheyAreAndZeroIsOff() {
        double[][] p = noisy(3), xy = grid();
        p[44] = new double[]{Double.NaN, Double.NaN};
        xy[99] = new double[]{500, 500};
        double[][] q = ProportionSmoothing.apply(p, xy, 1);
        assertTrue(Double.isNaN(q[44][0]));
        assertArrayEquals(p[99], q[99], 0);
        for (double v : q[45]) assertTrue(Double.isFinite(v), "a NaN neighbour lends nothing");
        assertSame(p, ProportionSmoothing.apply(p, xy, 0));
    }

    @Test
    void weighsNeighboursByHowAlikeTheirExpressionIsSoTheBoundaryStaysSharp() {
        double[][] p = noisy(4), xy = grid();
        // expression that tells the two halves apart (as their compositions differ), with a little noise
        Random r = new Random(9);
        float[][] x = new float[100][];
        for (int i = 0; i < 100; i++) x[i] = new float[]{(i % 10 < 5 ? 3f : 0f) + 0.1f * (float) r.nextGaussian(), 0.1f * (float) r.nextGaussian()};
        SpotGraph weighted = SpotGraph.of(xy, x), plain = SpotGraph.unweighted(xy);
        double[][] qWeighted = ProportionSmoothing.apply(p, weighted, 2), qPlain = ProportionSmoothing.apply(p, plain, 2);
        // the columns either side of the boundary (x = 4 and 5) are pulled across it far less
        double[][] border = new double[20][], borderWeighted = new double[20][], borderPlain = new double[20][];
        for (int row = 0, n = 0; row < 10; row++) {
            for (int col = 4; col <= 5; col++, n++) {
                border[n] = truth()[row * 10 + col];
                borderWeighted[n] = qWeighted[row * 10 + col];
                borderPlain[n] = qPlain[row * 10 + col];
            }
        }
        assertTrue(rmse(borderWeighted, border) < 0.5 * rmse(borderPlain, border), rmse(borderPlain, border) + " -> " + rmse(borderWeighted, border));
        // with every weight 1 the weighted solver is the plain one, to the bit
        assertArrayEquals(qPlain[37], ProportionSmoothing.apply(p, SpotGraph.of(xy, null), 2)[37], 0);
    }
}
