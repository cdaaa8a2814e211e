package org.stdeconv.stats;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CorrelationTest {
    @Test
    void pearsonOfHandExample() {
        // dx = dy-permuted (-1.5, -0.5, 0.5, 1.5): Σdxdy = 3, Σdx² = Σdy² = 5
        assertEquals(0.6, Correlation.pearson(new double[]{1, 2, 3, 4}, new double[]{2, 1, 4, 3}), 1e-12);
        assertEquals(1.0, Correlation.pearson(new double[]{1, 2, 3}, new double[]{10, 20, 30}), 1e-12);
        assertEquals(-1.0, Correlation.pearson(new double[]{1, 2, 3}, new double[]{3, 2, 1}), 1e-12);
    }

    @Test
    void spearmanAveragesTiedRanks() {
        // ranks x = (1, 2.5, 2.5, 4), y = (1, 3, 2, 4): r = 4.5 / sqrt(4.5 * 5) = 3 / sqrt(10)
        assertArrayEquals(new double[]{1, 2.5, 2.5, 4}, Correlation.ranks(new double[]{1, 2, 2, 3}), 1e-12);
        assertEquals(3 / Math.sqrt(10), Correlation.spearman(new double[]{1, 2, 2, 3}, new double[]{1, 3, 2, 4}), 1e-12);
        // monotone but non-linear: Spearman 1, Pearson below 1
        double[] x = {1, 2, 3, 4, 5}, y = {1, 4, 9, 16, 100};
        assertEquals(1.0, Correlation.spearman(x, y), 1e-12);
        assertTrue(Correlation.pearson(x, y) < 0.95);
    }

    @Test
    void zeroVarianceOrTooFewPairsIsNaNNotAnError() {
        assertTrue(Double.isNaN(Correlation.pearson(new double[]{0, 0, 0}, new double[]{1, 2, 3})));
        assertTrue(Double.isNaN(Correlation.pearson(new double[]{1, 2, 3}, new double[]{0.5, 0.5, 0.5})));
        assertTrue(Double.isNaN(Correlation.spearman(new double[]{0, 0, 0}, new double[]{1, 2, 3})));
        assertTrue(Double.isNaN(Correlation.pearson(new double[]{1}, new double[]{2})));
        // ten times 0.1 has a mean of 0.09999999999999999: a variance test on the deviations would see noise
        double[] tenths = new double[10];
        java.util.Arrays.fill(tenths, 0.1);
        assertTrue(Double.isNaN(Correlation.pearson(tenths, new double[]{1, 2, 3, 4, 5, 6, 7, 8, 9, 10})));
        assertTrue(Double.isNaN(Correlation.spearman(tenths, new double[]{1, 2, 3, 4, 5, 6, 7, 8, 9, 10})));
        assertTrue(Double.isNaN(Correlation.spearman(new double[]{}, new double[]{})));
    }
}
