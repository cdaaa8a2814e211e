package org.stdeconv.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class ScalarsTest extends PyTorchTestBase {
    /**
     * d(3x)/dx, with the garbage collector run and the freed memory refilled between forward and backward, as happens
     * at random in a long training run. With DJL's {@code x.mul(3f)} this gradient came out as garbage.
     */
    private static float[] gradientOfScaling(BiFunction<NDArray, Double, NDArray> scale) {
        try (NDManager m = manager.newSubManager()) {
            NDArray x = m.create(new float[]{1f, 2f, 3f, 4f});
            x.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray y = scale.apply(x, 3.0).sum();
                for (int i = 0; i < 5; i++) {
                    System.gc();
                    List<ByteBuffer> filler = new ArrayList<>();
                    for (int j = 0; j < 2000; j++) filler.add(ByteBuffer.allocateDirect(4).putFloat(0, 1e30f));
                }
                gc.backward(y);
            }
            return x.getGradient().toFloatArray();
        }
    }

    @Test
    void aScalarOperandSurvivesGarbageCollectionBeforeBackward() {
        float[] expected = {3f, 3f, 3f, 3f};
        for (int trial = 0; trial < 20; trial++) {
            assertArrayEquals(expected, gradientOfScaling((x, v) -> x.mul(Scalars.of(x, v))), "trial " + trial);
        }
    }
}
