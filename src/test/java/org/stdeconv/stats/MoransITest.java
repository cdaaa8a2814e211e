package org.stdeconv.stats;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class MoransITest {
    private static final double[][] LINE = {{0, 0}, {1, 0}, {2, 0}, {3, 0}};

    @Test
    void gradientOnALineMatchesTheHandComputedValue() {
        // mean 2.5, z = -1.5 -0.5 0.5 1.5, sum z^2 = 5; radius 1: 6 ordered neighbour pairs, cross sum 2 * 1.25 = 2.5
        // I = (4 / 6) * 2.5 / 5 = 1/3
        assertEquals(1.0 / 3, MoransI.compute(LINE, new double[]{1, 2, 3, 4}, 1.0), 1e-12);
    }

    @Test
    void inverseDistanceWeightsMatchTheHandComputedValue() {
        // radius 2 adds the 4 ordered pairs at distance 2 with weight 1/2: cross 2.5 + 0.5 * 2 * (-0.75 - 0.75) = 1,
        // W = 6 + 2 = 8, I = (4 / 8) * 1 / 5 = 0.1
        assertEquals(0.1, MoransI.compute(LINE, new double[]{1, 2, 3, 4}, 2.0, MoransI.Weights.INVERSE_DISTANCE), 1e-12);
    }

    @Test
    void alternatingValuesGiveMinusOne() {
        assertEquals(-1.0, MoransI.compute(LINE, new double[]{1, 0, 1, 0}, 1.0), 1e-12);
    }

    @Test
    void constantValuesOrNoNeighboursGiveNaN() {
        assertTrue(Double.isNaN(MoransI.compute(LINE, new double[]{2, 2, 2, 2}, 1.0)));
        assertTrue(Double.isNaN(MoransI.compute(LINE, new double[]{1, 2, 3, 4}, 0.5)));
        // a radius far below the spacing (evaluate's morans_radius: 1e-300) once overflowed the neighbour grid
        assertTrue(Double.isNaN(MoransI.compute(LINE, new double[]{1, 2, 3, 4}, 1e-300)));
        assertEquals(-1.0 / 3, MoransI.expected(4), 1e-12);
    }

    @Test
    void gridSearchAgreesWithAllPairsOnScatteredPoints() {
        Random r = new Random(3);
        int n = 700;
        double[][] xy = new double[n][];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            xy[i] = new double[]{r.nextDouble() * 50, r.nextDouble() * 20};
            v[i] = Math.sin(xy[i][0] / 7) + r.nextGaussian() * 0.3;
        }
        for (MoransI.Weights w : MoransI.Weights.values()) {
            for (double radius : new double[]{0.7, 3, 12}) {
                assertEquals(allPairs(xy, v, radius, w), MoransI.compute(xy, v, radius, w), 1e-9, w + " radius " + radius);
            }
        }
    }

    private static double allPairs(double[][] xy, double[] v, double radius, MoransI.Weights weights) {
        int n = v.length;
        double mean = java.util.Arrays.stream(v).average().orElseThrow();
        double num = 0, w = 0, den = 0;
        for (int i = 0; i < n; i++) {
            den += (v[i] - mean) * (v[i] - mean);
            for (int j = 0; j < n; j++) {
                if (i == j) continue;
                double d = Math.hypot(xy[i][0] - xy[j][0], xy[i][1] - xy[j][1]);
                if (d > radius) continue;
                double wij = weights == MoransI.Weights.BINARY ? 1 : 1 / d;
                w += wij;
                num += wij * (v[i] - mean) * (v[j] - mean);
            }
        }
        return n / w * num / den;
    }
}
