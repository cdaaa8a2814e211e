package org.stdeconv.stats;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class BenjaminiHochbergTest {
    @Test
    void matchesTheStepUpRuleWorkedOutByHand() {
        // ascending: 0.005 (rank 1), 0.01 (2), 0.03 (3), 0.04 (4), 0.5 (5); p * 5 / rank = 0.025, 0.025, 0.05, 0.05, 0.5;
        // running minimum from the top leaves them as they are. R: p.adjust(c(.01,.04,.03,.005,.5), "BH")
        double[] q = BenjaminiHochberg.adjust(new double[]{0.01, 0.04, 0.03, 0.005, 0.5});
        assertArrayEquals(new double[]{0.025, 0.05, 0.05, 0.025, 0.5}, q, 1e-15);
    }

    @Test
    void runningMinimumPullsEarlierRanksDown() {
        // p * 4 / rank = 0.08, 0.06, 0.0533.., 0.04 -> running min from the top: 0.04 everywhere
        double[] q = BenjaminiHochberg.adjust(new double[]{0.02, 0.03, 0.04, 0.04});
        assertArrayEquals(new double[]{0.04, 0.04, 0.04, 0.04}, q, 1e-15);
    }

    @Test
    void capsAtOneAndTreatsNaNAsOne() {
        double[] q = BenjaminiHochberg.adjust(new double[]{0.9, Double.NaN, 0.0});
        // sorted: 0 (rank 1), 0.9 (rank 2), NaN->1 (rank 3): 0, 1.35 -> min(1, 1.35, 1) = 1, 1
        assertArrayEquals(new double[]{1.0, 1.0, 0.0}, q, 1e-15);
        assertEquals(0, BenjaminiHochberg.adjust(new double[0]).length);
    }
}
