package org.stdeconv.stats;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AveragePrecisionTest {
    @Test
    void handExample() {
        // thresholds 0.9 (P 1, R 1/2), 0.8 (R unchanged), 0.7 (P 2/3, R 1): 1/2 + 1/2 * 2/3 = 5/6
        assertEquals(5.0 / 6, AveragePrecision.of(new boolean[]{true, false, true, false}, new double[]{0.9, 0.8, 0.7, 0.1}), 1e-12);
    }

    @Test
    void tiedScoresEnterTogether() {
        // 0.5 tie: one positive of two (P 1/2, R 1/2); 0.1: P 2/4, R 1 -> 1/4 + 1/4
        assertEquals(0.5, AveragePrecision.of(new boolean[]{true, false, false, true}, new double[]{0.5, 0.5, 0.2, 0.1}), 1e-12);
        // if ties were broken in favour of the positive, this would be 0.75
        assertEquals(0.5, AveragePrecision.of(new boolean[]{false, true, false, true}, new double[]{0.5, 0.5, 0.2, 0.1}), 1e-12);
    }

    @Test
    void perfectRankingIsOneAndNoPositiveIsNaN() {
        assertEquals(1.0, AveragePrecision.of(new boolean[]{false, true, true}, new double[]{0.1, 0.8, 0.9}), 1e-12);
        assertEquals(1.0, AveragePrecision.of(new boolean[]{true, true}, new double[]{0, 0}), 1e-12);
        assertTrue(Double.isNaN(AveragePrecision.of(new boolean[]{false, false}, new double[]{0.3, 0.1})));
    }
}
