package org.stdeconv.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SeededDropoutTest extends PyTorchTestBase {
    @Test
    void masksDropTheRateAndScaleTheRestLikePyTorch() {
        DropoutMasks masks = new DropoutMasks();
        masks.seed(7);
        float rate = 0.3f;
        float[] mask = masks.draw(100_001, rate);
        int dropped = 0;
        for (float v : mask) {
            if (v == 0f) dropped++;
            else assertEquals(1f / (1f - rate), v, 0f, "a kept value is scaled by 1 / (1 - rate)");
        }
        // binomial(100001, 0.3): sd 145, so 5 sd is about 0.007 of the count
        assertEquals(rate, dropped / 100_001.0, 0.007, "share dropped");
    }

    @Test
    void theSameSeedGivesTheSameMasksAndAnotherSeedOthers() {
        DropoutMasks a = new DropoutMasks(), b = new DropoutMasks();
        a.seed(11);
        b.seed(11);
        float[] first = a.draw(1000, 0.2f);
        assertArrayEquals(first, b.draw(1000, 0.2f));
        assertFalse(Arrays.equals(a.draw(1000, 0.2f), first), "the stream moves on");
        b.seed(12);
        a.seed(11);
        assertArrayEquals(first, a.draw(1000, 0.2f), "seeding restarts the stream");
        assertFalse(Arrays.equals(first, b.draw(1000, 0.2f)), "another seed, other masks");
    }

    @Test
    void dropoutActsOnlyInTraining() {
        DropoutMasks masks = new DropoutMasks();
        masks.seed(3);
        SeededDropout dropout = new SeededDropout(0.5f, masks);
        try (NDManager m = manager.newSubManager()) {
            ParameterStore ps = new ParameterStore(m, false);
            NDArray x = m.ones(new Shape(64, 32));
            float[] eval = dropout.forward(ps, new NDList(x), false).singletonOrThrow().toFloatArray();
            assertArrayEquals(x.toFloatArray(), eval, "identity outside training");
            float[] train = dropout.forward(ps, new NDList(x), true).singletonOrThrow().toFloatArray();
            long zeros = 0;
            for (float v : train) {
                assertTrue(v == 0f || v == 2f, "0 or 1 / (1 - 0.5), got " + v);
                if (v == 0f) zeros++;
            }
            assertTrue(zeros > 0.35 * train.length && zeros < 0.65 * train.length, zeros + " of " + train.length + " dropped at rate 0.5");
        }
        assertThrows(IllegalArgumentException.class, () -> new SeededDropout(1f, masks), "a rate of 1 would divide by zero");
    }
}
