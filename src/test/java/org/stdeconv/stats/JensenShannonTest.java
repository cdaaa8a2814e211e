package org.stdeconv.stats;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JensenShannonTest {
    @Test
    void boundsAndHandValue() {
        assertEquals(0.0, JensenShannon.divergence(new double[]{0.2, 0.8}, new double[]{0.2, 0.8}), 1e-15);
        assertEquals(1.0, JensenShannon.divergence(new double[]{1, 0}, new double[]{0, 1}), 1e-15);
        // m = (0.75, 0.25): 1/2 log2(4/3) + 1/2 (1/2 log2(2/3) + 1/2 log2 2)
        double expected = 0.5 * log2(4.0 / 3) + 0.5 * (0.5 * log2(2.0 / 3) + 0.5);
        assertEquals(expected, JensenShannon.divergence(new double[]{1, 0}, new double[]{0.5, 0.5}), 1e-12);
        assertEquals(0.311278124459, expected, 1e-12);
    }

    @Test
    void normalisesAndIsSymmetric() {
        assertEquals(JensenShannon.divergence(new double[]{1, 0}, new double[]{0.5, 0.5}),
                JensenShannon.divergence(new double[]{2, 2}, new double[]{3, 0}), 1e-12);
        assertTrue(Double.isNaN(JensenShannon.divergence(new double[]{0, 0}, new double[]{0.5, 0.5})));
    }

    private static double log2(double v) {
        return Math.log(v) / Math.log(2);
    }
}
