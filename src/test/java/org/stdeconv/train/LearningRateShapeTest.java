package org.stdeconv.train;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LearningRateShapeTest {
    @Test
    void constantRateRampsUpOverTheWarmupThenStaysAtOne() {
        LearningRateShape s = LearningRateShape.constant(4);
        assertEquals(0.25, s.factor(1), 1e-12);
        assertEquals(0.75, s.factor(3), 1e-12);
        assertEquals(1.0, s.factor(4), 1e-12);
        assertEquals(1.0, s.factor(100_000), 1e-12);
        assertEquals(1.0, LearningRateShape.constant(0).factor(1), 1e-12);
    }

    @Test
    void cosineFallsFromOneAfterWarmupToZeroAtTheLastStep() {
        LearningRateShape s = new LearningRateShape(10, Annealing.COSINE, 110);
        assertEquals(0.5, s.factor(5), 1e-12);          // still warming up
        assertEquals(1.0, s.factor(10), 1e-12);
        assertEquals(0.5, s.factor(60), 1e-12);         // halfway through the annealing
        assertEquals(0.5 * (1 + Math.cos(Math.PI * 0.25)), s.factor(35), 1e-12);
        assertEquals(0.0, s.factor(110), 1e-12);
        assertEquals(0.0, s.factor(500), 1e-12);        // past the end: no negative rates
        for (int t = 11; t <= 110; t++) assertTrue(s.factor(t) < s.factor(t - 1), "not falling at step " + t);
    }

    @Test
    void cosineWithoutRoomAfterTheWarmupIsTheWarmupAlone() {
        LearningRateShape s = new LearningRateShape(100, Annealing.COSINE, 50);
        assertEquals(0.5, s.factor(50), 1e-12);
    }
}
