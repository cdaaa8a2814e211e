package org.stdeconv.evaluate;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TruthMetricsTest {
    // type C is absent everywhere and predicted absent: zero variance on both sides
    private static final double[][] TRUTH = {{1, 0, 0}, {0.5, 0.5, 0}, {0, 1, 0}};
    private static final double[][] PRED = {{0.8, 0.2, 0}, {0.6, 0.4, 0}, {0.5, 0.5, 0}};
    private static final List<String> TYPES = List.of("A", "B", "C");

    private static double log2(double v) {
        return Math.log(v) / Math.log(2);
    }

    @Test
    void rmseOverAllSpotsAndTypesAndPerType() {
        TruthMetrics m = TruthMetrics.compute(PRED, TRUTH, TYPES, 0);
        // squared errors: A 0.04 + 0.01 + 0.25, B the same, C 0 -> 0.6 over 9 entries
        assertEquals(Math.sqrt(0.6 / 9), m.rmse(), 1e-12);
        assertEquals(Math.sqrt(0.1), m.perType().get("A").rmse(), 1e-12);
        assertEquals(Math.sqrt(0.1), m.perType().get("B").rmse(), 1e-12);
        assertEquals(0.0, m.perType().get("C").rmse(), 1e-15);
    }

    @Test
    void correlationsAndZeroVarianceType() {
        TruthMetrics m = TruthMetrics.compute(PRED, TRUTH, TYPES, 0);
        // A: deviations (5, -1, -4)/30 vs (0.5, 0, -0.5): r = 0.15 / sqrt(42/900 * 0.5) = 4.5 / sqrt(21)
        assertEquals(4.5 / Math.sqrt(21), m.perType().get("A").pearson(), 1e-12);
        assertEquals(4.5 / Math.sqrt(21), m.perType().get("B").pearson(), 1e-12);
        assertEquals(1.0, m.perType().get("A").spearman(), 1e-12);
        assertTrue(Double.isNaN(m.perType().get("C").pearson()));
        assertTrue(Double.isNaN(m.perType().get("C").spearman()));
        // presence of C is never true: AUPR undefined, not 0
        assertTrue(Double.isNaN(m.perType().get("C").aupr()));
        // A present in spots 1 and 2, which have the two highest scores: perfect ranking
        assertEquals(1.0, m.perType().get("A").aupr(), 1e-12);
    }

    @Test
    void auprFollowsThePresenceThreshold() {
        double[][] truth = {{0.7, 0.3}, {0.2, 0.8}, {0.9, 0.1}};
        double[][] pred = {{0.3, 0.7}, {0.4, 0.6}, {0.8, 0.2}};
        TruthMetrics m = TruthMetrics.compute(pred, truth, List.of("A", "B"), 0.5);
        // A present in spots 1 and 3; scores 0.3, 0.4, 0.8: ranking 3 (P 1, R 1/2), 2 (P 1/2), 1 (P 2/3, R 1) -> 1/2 + 1/3
        assertEquals(0.5 + 1.0 / 3, m.perType().get("A").aupr(), 1e-12);
    }

    @Test
    void jensenShannonPerSpotAndMean() {
        TruthMetrics m = TruthMetrics.compute(PRED, TRUTH, TYPES, 0);
        double s1 = 0.5 * log2(1 / 0.9) + 0.5 * (0.8 * log2(0.8 / 0.9) + 0.2 * log2(0.2 / 0.1));
        double s2 = 0.5 * (0.5 * log2(0.5 / 0.55) + 0.5 * log2(0.5 / 0.45)) + 0.5 * (0.6 * log2(0.6 / 0.55) + 0.4 * log2(0.4 / 0.45));
        double s3 = 0.5 * log2(4.0 / 3) + 0.5 * (0.5 * log2(2.0 / 3) + 0.5);
        assertArrayEquals(new double[]{s1, s2, s3}, m.jensenShannonPerSpot(), 1e-12);
        assertEquals((s1 + s2 + s3) / 3, m.meanJensenShannon(), 1e-12);
    }

    @Test
    void dominantTypeWithTies() {
        TruthMetrics m = TruthMetrics.compute(PRED, TRUTH, TYPES, 0);
        // spot 1: A = A; spot 2: true tie A/B, predicted A -> right; spot 3: predicted tie resolves to the first type (A), truth B -> wrong
        assertArrayEquals(new boolean[]{true, true, false}, m.dominantRightPerSpot());
        assertEquals(2.0 / 3, m.dominantAccuracy(), 1e-12);
    }
}
