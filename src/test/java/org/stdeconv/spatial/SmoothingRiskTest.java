package org.stdeconv.spatial;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SmoothingRiskTest {
    private static final int SIDE = 30;

    private static double[][] grid() {
        double[][] xy = new double[SIDE * SIDE][];
        for (int i = 0; i < xy.length; i++) xy[i] = new double[]{i % SIDE, i / SIDE};
        return xy;
    }

    /** Three vertical bands of one composition each: neighbours share their composition except at two borders. */
    private static double[][] bandedTruth() {
        double[][][] bands = {{{0.7, 0.2, 0.1}}, {{0.1, 0.6, 0.3}}, {{0.2, 0.1, 0.7}}};
        double[][] t = new double[SIDE * SIDE][];
        for (int i = 0; i < t.length; i++) t[i] = bands[(i % SIDE) * 3 / SIDE][0].clone();
        return t;
    }

    /** Every spot's composition drawn on its own (as in the CARD-simulated sets): neighbours share nothing. */
    private static double[][] independentTruth(long seed) {
        Random r = new Random(seed);
        double[][] t = new double[SIDE * SIDE][];
        for (int i = 0; i < t.length; i++) {
            double a = -Math.log(r.nextDouble()), b = -Math.log(r.nextDouble()), c = -Math.log(r.nextDouble());
            t[i] = new double[]{a / (a + b + c), b / (a + b + c), c / (a + b + c)};
        }
        return t;
    }

    private static double[][] withNoise(double[][] truth, double sd, long seed) {
        Random r = new Random(seed);
        double[][] p = new double[truth.length][];
        for (int i = 0; i < truth.length; i++) {
            p[i] = truth[i].clone();
            for (int k = 0; k < p[i].length; k++) p[i][k] += sd * r.nextGaussian();
        }
        return p;
    }

    private static double mse(double[][] a, double[][] b) {
        double s = 0;
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            for (int k = 0; k < a[i].length; k++) {
                s += Math.pow(a[i][k] - b[i][k], 2);
                n++;
            }
        }
        return s / n;
    }

    @Test
    void theEstimatedRiskFollowsTheTrueErrorAndTheChoiceIsAboutTheOneTheTruthWouldMake() {
        double sd = 0.08;
        double[][] truth = bandedTruth();
        SpotGraph graph = SpotGraph.unweighted(grid());
        for (long seed = 1; seed <= 2; seed++) {
            double[][] p = withNoise(truth, sd, seed);
            SmoothingRisk.Choice choice = SmoothingRisk.choose(p, graph, sd * sd);
            double best = Double.MAX_VALUE;
            for (int g = 0; g < SmoothingRisk.GRID.length; g++) {
                double lambda = SmoothingRisk.GRID[g];
                double actual = mse(lambda > 0 ? ProportionSmoothing.apply(p, graph, lambda) : p, truth);
                best = Math.min(best, actual);
                // unbiased, up to the noise of one draw and of the trace estimate: within 15 % of the noise variance
                assertEquals(actual, choice.risk()[g], 0.15 * sd * sd, "seed " + seed + ", lambda " + lambda);
            }
            double chosen = mse(ProportionSmoothing.apply(p, graph, choice.lambda()), truth);
            assertTrue(choice.lambda() > 0 && chosen <= 1.1 * best, "lambda " + choice.lambda() + ": MSE " + chosen + ", best on the grid " + best);
            assertTrue(chosen < 0.5 * mse(p, truth), "MSE " + mse(p, truth) + " -> " + chosen);
        }
    }

    @Test
    void leavesIndependentNeighboursAloneWhenTheNetworkIsAccurate() {
        double sd = 0.03;
        double[][] truth = independentTruth(3);
        double[][] p = withNoise(truth, sd, 4);
        SmoothingRisk.Choice choice = SmoothingRisk.choose(p, SpotGraph.unweighted(grid()), sd * sd);
        assertEquals(0.0, choice.lambda(), "the neighbours' differences are composition, not noise");
    }

    @Test
    void spotsWithoutAPredictionAreLeftOutAndAZeroErrorMeansNoSmoothing() {
        double[][] truth = bandedTruth();
        double[][] p = withNoise(truth, 0.05, 5);
        for (int i = 0; i < p.length; i += 7) p[i] = new double[]{Double.NaN, Double.NaN, Double.NaN};
        SpotGraph graph = SpotGraph.unweighted(grid());
        SmoothingRisk.Choice noisy = SmoothingRisk.choose(p, graph, 0.05 * 0.05);
        assertTrue(noisy.lambda() > 0 && Double.isFinite(noisy.risk()[noisy.risk().length - 1]), "lambda " + noisy.lambda());
        assertEquals(0.0, SmoothingRisk.choose(p, graph, 0).lambda(), "an exact network gains nothing from smoothing");
        assertThrows(IllegalArgumentException.class, () -> SmoothingRisk.choose(p, graph, Double.NaN));
    }
}
