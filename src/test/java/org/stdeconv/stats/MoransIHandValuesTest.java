package org.stdeconv.stats;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Moran's I on inputs small enough to compute by hand (evaluate's use: binary weights within a radius). */
class MoransIHandValuesTest {
    private static final double[][] LINE = {{0, 0}, {1, 0}, {2, 0}, {3, 0}};

    @Test
    void gradientOnALine() {
        // z = (-1.5, -0.5, 0.5, 1.5), neighbour pairs 0-1, 1-2, 2-3 both ways: Σwzz = 2 (0.75 - 0.25 + 0.75) = 2.5, W = 6, Σz² = 5
        assertEquals(4.0 / 6 * 2.5 / 5, MoransI.compute(LINE, new double[]{1, 2, 3, 4}, 1.0), 1e-12);
    }

    @Test
    void alternatingValuesGiveMinusOne() {
        // every neighbour product is -0.25: 4/6 * (-1.5) / 1
        assertEquals(-1.0, MoransI.compute(LINE, new double[]{1, 0, 1, 0}, 1.0), 1e-12);
    }

    @Test
    void radiusTakesInFartherPairs() {
        // radius 2 adds pairs 0-2 and 1-3: Σwzz = 2.5 + 2 (-0.75 - 0.75) = -0.5, W = 10 -> 4/10 * -0.5 / 5
        assertEquals(4.0 / 10 * -0.5 / 5, MoransI.compute(LINE, new double[]{1, 2, 3, 4}, 2.0), 1e-12);
    }

    @Test
    void constantValuesAreNaNEvenWhenTheirMeanIsInexact() {
        assertTrue(Double.isNaN(MoransI.compute(LINE, new double[]{0.3, 0.3, 0.3, 0.3}, 1.0)));
        double[] tenths = new double[10];
        Arrays.fill(tenths, 0.1);
        double[][] line10 = new double[10][];
        for (int i = 0; i < 10; i++) line10[i] = new double[]{i, 0};
        assertTrue(Double.isNaN(MoransI.compute(line10, tenths, 1.5)));
    }

    @Test
    void noPairWithinTheRadiusIsNaN() {
        assertTrue(Double.isNaN(MoransI.compute(LINE, new double[]{1, 2, 3, 4}, 0.5)));
    }
}
