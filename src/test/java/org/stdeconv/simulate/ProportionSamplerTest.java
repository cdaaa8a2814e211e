package org.stdeconv.simulate;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class ProportionSamplerTest {
    private static final int SPOTS = 10_000;

    private static double[][] draw(SimulateConfig.Proportions settings, int types) {
        SpotRandom random = new SpotRandom(7, SpotRandom.SPOTS, 0);
        ProportionSampler sampler = ProportionSampler.of(settings, types, random);
        double[][] out = new double[SPOTS][types];
        for (int i = 0; i < SPOTS; i++) {
            random.reseed(7, SpotRandom.SPOTS, i);
            sampler.sample(out[i]);
        }
        return out;
    }

    private static void assertOnSimplex(double[][] p) {
        for (double[] row : p) {
            double sum = 0;
            for (double v : row) {
                assertTrue(v >= 0, "negative proportion " + v);
                sum += v;
            }
            assertEquals(1.0, sum, 1e-9);
        }
    }

    @Test
    void dirichletMatchesItsMeanAndVariance() {
        SimulateConfig.Proportions s = new SimulateConfig.Proportions();
        s.minTypes = 0; // every type in every spot: the Dirichlet itself
        s.concentration = 0.5;
        int k = 4;
        double[][] p = draw(s, k);
        assertOnSimplex(p);
        // Dirichlet(0.5 x 4): mean 1/4, variance a (a0 - a) / (a0^2 (a0 + 1)) = 0.5 * 1.5 / (4 * 3) = 0.0625
        for (int t = 0; t < k; t++) {
            double mean = 0, sq = 0;
            for (double[] row : p) { mean += row[t]; sq += row[t] * row[t]; }
            mean /= SPOTS;
            double var = sq / SPOTS - mean * mean;
            assertEquals(0.25, mean, 0.01, "mean of type " + t); // standard error 0.0025
            assertEquals(0.0625, var, 0.006, "variance of type " + t);
        }
    }

    @Test
    void concentrationChangesTheSpread() {
        SimulateConfig.Proportions s = new SimulateConfig.Proportions();
        s.minTypes = 0;
        s.concentration = 20;
        double[][] p = draw(s, 4);
        double sq = 0;
        for (double[] row : p) sq += (row[0] - 0.25) * (row[0] - 0.25);
        // a = 20: variance 20 * 60 / (6400 * 81) = 0.002315
        assertEquals(0.002315, sq / SPOTS, 0.0003);
    }

    @Test
    void theLargestConcentrationAllowedGivesEvenMixturesNotOneType() {
        SimulateConfig.Proportions s = new SimulateConfig.Proportions();
        s.minTypes = 0;
        s.concentration = SimulateConfig.Proportions.MAX_CONCENTRATION;
        double[][] p = draw(s, 4);
        assertOnSimplex(p);
        for (double[] row : p) for (double v : row) assertEquals(0.25, v, 0.01); // sd of a share about 2e-4
    }

    @Test
    void paperSchemeHalvesTheShareOfEachLaterType() {
        SimulateConfig.Proportions s = new SimulateConfig.Proportions();
        s.mode = SimulateConfig.ProportionMode.PAPER;
        s.minTypes = 0;
        double[][] p = draw(s, 4);
        assertOnSimplex(p);
        double[] expected = {0.5, 0.25, 0.125, 0.125}; // E[U(0, remaining)] halves what is left each time
        for (int t = 0; t < 4; t++) {
            double mean = 0;
            for (double[] row : p) mean += row[t];
            assertEquals(expected[t], mean / SPOTS, 0.01, "type " + t);
        }
    }

    @Test
    void sparsityKeepsBetweenMinAndMaxTypesAndUsesThemAll() {
        SimulateConfig.Proportions s = new SimulateConfig.Proportions();
        s.minTypes = 1;
        s.maxTypes = 2;
        double[][] p = draw(s, 5);
        assertOnSimplex(p);
        int[] present = new int[6];
        int[] perType = new int[5];
        for (double[] row : p) {
            int m = 0;
            for (int t = 0; t < 5; t++) if (row[t] > 0) { m++; perType[t]++; }
            present[m]++;
        }
        assertEquals(0, present[0] + present[3] + present[4] + present[5], "spots with other than 1 or 2 types");
        assertEquals(0.5, present[1] / (double) SPOTS, 0.02, "half the spots hold one type");
        for (int t = 0; t < 5; t++) assertEquals(0.3, perType[t] / (double) SPOTS, 0.02, "type " + t + " present in 1.5/5 of spots");
    }

    @Test
    void largestRemainderSumsToTheCellsAndStaysWithinOneOfTheExactShare() {
        double[] p = {0.52, 0.33, 0.15};
        int[] c = new int[3];
        CellAllocation.largestRemainder(p, 7, c);
        // exact 3.64, 2.31, 1.05 -> floors 3, 2, 1 (6), remaining cell to the largest remainder (0.64)
        assertArrayEquals(new int[]{4, 2, 1}, c);
        CellAllocation.largestRemainder(new double[]{1.0 / 3, 1.0 / 3, 1.0 / 3}, 10, c);
        assertEquals(10, c[0] + c[1] + c[2]);
        assertArrayEquals(new int[]{4, 3, 3}, c, "ties go to the earlier type");
    }

    @Test
    void binomialThinningHasTheBinomialMeanAndVariance() {
        SpotRandom r = new SpotRandom(1, 2, 3);
        int n = 200, draws = 20_000;
        for (double p : new double[]{0.05, 0.3, 0.8}) {
            double sum = 0, sq = 0;
            for (int i = 0; i < draws; i++) {
                int x = DepthThinning.binomial(n, p, r);
                assertTrue(x >= 0 && x <= n);
                sum += x;
                sq += (double) x * x;
            }
            double mean = sum / draws, var = sq / draws - mean * mean;
            assertEquals(n * p, mean, 0.05 * n * p + 0.1, "mean at p=" + p);
            assertEquals(n * p * (1 - p), var, 0.08 * n * p * (1 - p), "variance at p=" + p);
        }
        assertEquals(0, DepthThinning.binomial(10, 0, r));
        assertEquals(10, DepthThinning.binomial(10, 1, r));
    }
}
