package org.stdeconv.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.stdeconv.model.PyTorchTestBase;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpotMixerTest extends PyTorchTestBase {
    static final int SPOTS = 6, GENES = 5, TYPES = 3;

    /** Random log1p-style inputs (genes, then 2 coordinate columns) and proportions that sum to 1. */
    static float[][] data(long seed, int coordinates) {
        Random r = new Random(seed);
        float[] x = new float[SPOTS * (GENES + coordinates)];
        for (int i = 0; i < x.length; i++) x[i] = r.nextFloat() < 0.3 ? 0f : 3f * r.nextFloat();
        float[] y = new float[SPOTS * TYPES];
        for (int i = 0; i < SPOTS; i++) {
            float a = r.nextFloat(), b = r.nextFloat() * (1 - a);
            y[i * TYPES] = a;
            y[i * TYPES + 1] = b;
            y[i * TYPES + 2] = 1 - a - b;
        }
        return new float[][]{x, y};
    }

    @Test
    void mixesLogInputsInLinearSpaceCoordinatesAndProportionsLinearly() {
        int width = GENES + 2;
        float[][] d = data(3, 2);
        try (NDManager sm = manager.newSubManager()) {
            SpotMixer mixer = new SpotMixer(sm.create(d[0], new Shape(SPOTS, width)), sm.create(d[1], new Shape(SPOTS, TYPES)), GENES, true, 1);
            int[] rows = {0, 2, 4}, partners = {1, 2, 5};
            float[] w = {0.5f, 0.9f, 0.75f};
            NDArray[] out = mixer.mix(sm, rows, partners, w);
            float[] x = out[0].toFloatArray(), y = out[1].toFloatArray();
            for (int i = 0; i < rows.length; i++) {
                int a = rows[i], b = partners[i];
                for (int j = 0; j < width; j++) {
                    double va = d[0][a * width + j], vb = d[0][b * width + j];
                    double expected = j < GENES ? Math.log1p(w[i] * Math.expm1(va) + (1 - w[i]) * Math.expm1(vb)) : w[i] * va + (1 - w[i]) * vb;
                    assertEquals(expected, x[i * width + j], 1e-4, "spot " + i + " column " + j);
                }
                double sum = 0;
                for (int k = 0; k < TYPES; k++) {
                    assertEquals(w[i] * d[1][a * TYPES + k] + (1 - w[i]) * d[1][b * TYPES + k], y[i * TYPES + k], 1e-6);
                    sum += y[i * TYPES + k];
                }
                assertEquals(1.0, sum, 1e-5, "mixed proportions still sum to 1");
            }
            // a spot mixed with itself is itself
            assertArrayEquals(java.util.Arrays.copyOfRange(d[0], 2 * width, 3 * width), java.util.Arrays.copyOfRange(x, width, 2 * width), 1e-4f);
        }
    }

    @Test
    void mixesGlobalMaxInputsLinearly() {
        float[][] d = data(4, 0);
        try (NDManager sm = manager.newSubManager()) {
            SpotMixer mixer = new SpotMixer(sm.create(d[0], new Shape(SPOTS, GENES)), sm.create(d[1], new Shape(SPOTS, TYPES)), GENES, false, 1);
            float[] x = mixer.mix(sm, new int[]{3}, new int[]{0}, new float[]{0.6f})[0].toFloatArray();
            for (int j = 0; j < GENES; j++) assertEquals(0.6 * d[0][3 * GENES + j] + 0.4 * d[0][j], x[j], 1e-5);
        }
    }

    @Test
    void batchesAreReproducibleForASeedAndStayWithinTheBatch() {
        float[][] d = data(5, 0);
        try (NDManager sm = manager.newSubManager()) {
            NDArray in = sm.create(d[0], new Shape(SPOTS, GENES)), truth = sm.create(d[1], new Shape(SPOTS, TYPES));
            int[] rows = {1, 3, 5};
            float[] first = new SpotMixer(in, truth, GENES, true, 7).batch(sm, rows)[1].toFloatArray();
            float[] again = new SpotMixer(in, truth, GENES, true, 7).batch(sm, rows)[1].toFloatArray();
            float[] other = new SpotMixer(in, truth, GENES, true, 8).batch(sm, rows)[1].toFloatArray();
            assertArrayEquals(first, again, 0f);
            assertTrue(!java.util.Arrays.equals(first, other), "another seed mixes differently");
            // every mixed composition lies between its own spot's and one of the batch's spots' (weight >= 0.5 on its own)
            for (int i = 0; i < rows.length; i++) {
                boolean found = false;
                for (int p : rows) {
                    double wOwn = Double.NaN;
                    boolean consistent = true;
                    for (int k = 0; k < TYPES && consistent; k++) {
                        double own = d[1][rows[i] * TYPES + k], partner = d[1][p * TYPES + k], got = first[i * TYPES + k];
                        if (Math.abs(own - partner) < 1e-6) { consistent = Math.abs(got - own) < 1e-5; continue; }
                        double w = (got - partner) / (own - partner);
                        if (Double.isNaN(wOwn)) wOwn = w; else consistent = Math.abs(w - wOwn) < 1e-3;
                    }
                    if (consistent && (Double.isNaN(wOwn) || (wOwn >= 0.5 - 1e-4 && wOwn <= 1 + 1e-4))) found = true;
                }
                assertTrue(found, "spot " + i + " is a mixture of its own spot (weight >= 0.5) and a spot of the batch");
            }
        }
    }
}
