package org.stdeconv.infer;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class SpatialPriorTest {
    @Test
    void boundsOfTheNetworksAnswersOnlyGrowToHoldTheSmoothedValue() {
        double[][] smoothed = {{0.30, 0.70}, {0.05, 0.95}, {Double.NaN, Double.NaN}};
        double[][][] network = {{{0.10, 0.50}, {0.08, 0.80}, {Double.NaN, Double.NaN}}, {{0.40, 0.90}, {0.20, 0.90}, {Double.NaN, Double.NaN}}};
        double[][][] bounds = new SpatialPrior(smoothed, 0.2, "auto").boundsAround(network);
        assertArrayEquals(new double[]{0.10, 0.50}, bounds[0][0]);
        assertArrayEquals(new double[]{0.40, 0.90}, bounds[1][0]);
        assertArrayEquals(new double[]{0.05, 0.80}, bounds[0][1], "lower bound lowered to the smoothed 0.05");
        assertArrayEquals(new double[]{0.20, 0.95}, bounds[1][1], "upper bound raised to the smoothed 0.95");
        assertTrue(Double.isNaN(bounds[0][2][0]) && Double.isNaN(bounds[1][2][1]), "a spot without counts keeps NaN bounds");
        for (int i = 0; i < 2; i++) {
            for (int k = 0; k < 2; k++) assertTrue(bounds[0][i][k] <= smoothed[i][k] && smoothed[i][k] <= bounds[1][i][k]);
        }
    }

    @Test
    void aFixedStrengthOnSpotsWithoutNeighboursSaysItWasNotApplied() {
        // coordinates near 1e300: distances overflow, the graph has no edge, and lambda 0.5 was logged but did nothing
        double[][] p = {{0.2, 0.8}, {0.6, 0.4}, {0.5, 0.5}};
        double[][] far = {{0, 0}, {1e300, 0}, {0, 1e300}};
        SpatialPrior prior = SpatialPrior.fixed(p, far, 0.5);
        assertEquals(0.0, prior.lambda());
        assertTrue(prior.note().contains("not applied (no spot has a neighbour)"), prior.note());
        assertArrayEquals(p, prior.proportions());
        // on a grid the same strength smooths
        double[][] grid = {{0, 0}, {1, 0}, {2, 0}};
        SpatialPrior smoothed = SpatialPrior.fixed(p, grid, 0.5);
        assertEquals(0.5, smoothed.lambda());
        assertNotEquals(p[0][0], smoothed.proportions()[0][0]);
    }

    @Test
    void withoutSmoothingTheCalibratedBoundsAreKept() {
        double[][] p = {{0.30, 0.70}};
        double[][][] network = {{{0.35, 0.50}}, {{0.40, 0.90}}};
        double[][][] bounds = SpatialPrior.off(p).boundsAround(new double[][][]{{network[0][0].clone()}, {network[1][0].clone()}});
        assertArrayEquals(network[0][0], bounds[0][0]);
        assertArrayEquals(network[1][0], bounds[1][0]);
    }
}
