package org.stdeconv.infer;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExpressionSketchTest {
    @Test
    void sketchDistancesFollowInputDistances() {
        Random r = new Random(5);
        int genes = 500;
        ExpressionSketch sketch = new ExpressionSketch(genes);
        double[] ratios = new double[200];
        for (int t = 0; t < ratios.length; t++) {
            float[] a = new float[genes], b = new float[genes];
            for (int g = 0; g < genes; g++) {
                a[g] = r.nextDouble() < 0.2 ? (float) r.nextDouble() * 3 : 0;
                b[g] = r.nextDouble() < 0.2 ? (float) r.nextDouble() * 3 : 0;
            }
            double input = 0, sketched = 0;
            for (int g = 0; g < genes; g++) input += Math.pow(a[g] - b[g], 2);
            float[] za = sketch.of(a), zb = sketch.of(b);
            for (int d = 0; d < ExpressionSketch.DIMENSIONS; d++) sketched += Math.pow(za[d] - zb[d], 2);
            ratios[t] = sketched / ExpressionSketch.DIMENSIONS / input;
        }
        java.util.Arrays.sort(ratios);
        // E ratio = 1; with 16 directions the middle 90 % lies well within [0.3, 2]
        assertTrue(ratios[10] > 0.3 && ratios[189] < 2 && Math.abs(ratios[100] - 1) < 0.25, ratios[10] + " .. " + ratios[100] + " .. " + ratios[189]);
    }

    @Test
    void aSketchDependsOnlyOnTheInput() {
        float[] x = {0, 1.5f, 0, 2, 0.25f};
        assertArrayEquals(new ExpressionSketch(5).of(x), new ExpressionSketch(5).of(x));
        assertArrayEquals(new float[ExpressionSketch.DIMENSIONS], new ExpressionSketch(5).of(new float[5]));
        // gene g's direction does not depend on how many genes the model has
        assertArrayEquals(new ExpressionSketch(5).of(x), new ExpressionSketch(50).of(java.util.Arrays.copyOf(x, 50)));
    }
}
