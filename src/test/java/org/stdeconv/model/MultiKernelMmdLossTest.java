package org.stdeconv.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MultiKernelMmdLossTest extends PyTorchTestBase {
    private static final MultiKernelMmdLoss MMD = new MultiKernelMmdLoss(List.of(0.25, 0.5, 1.0, 2.0, 4.0));

    private static double[][] sample(Random r, int n, int d, double shift) {
        double[][] x = new double[n][d];
        for (int i = 0; i < n; i++) for (int k = 0; k < d; k++) x[i][k] = r.nextGaussian() + shift;
        return x;
    }

    private static double mmd(double[][] x, double[][] y) {
        try (NDManager m = manager.newSubManager()) {
            NDArray v = MMD.evaluate(m.create(x), m.create(y));
            return v.getDouble();
        }
    }

    @Test
    void sampleWithItselfIsZero() {
        double[][] x = sample(new Random(1), 40, 8, 0);
        assertEquals(0, mmd(x, x), 1e-12);
    }

    @Test
    void growsWithMeanShift() {
        Random r = new Random(2);
        double[][] x = sample(r, 60, 8, 0);
        double[][] base = sample(r, 60, 8, 0);
        double previous = mmd(x, base);
        assertTrue(previous >= 0);
        for (double shift : new double[]{0.25, 0.5, 1, 2, 4}) {
            double[][] y = new double[base.length][];
            for (int i = 0; i < y.length; i++) {
                y[i] = base[i].clone();
                for (int k = 0; k < y[i].length; k++) y[i][k] += shift;
            }
            double v = mmd(x, y);
            assertTrue(v > previous, "MMD at shift " + shift + " (" + v + ") exceeds the smaller shift's " + previous);
            previous = v;
        }
    }

    @Test
    void equalWeightsGiveThePlainMmd() {
        Random r = new Random(3);
        double[][] x = sample(r, 30, 6, 0), y = sample(r, 20, 6, 0.5);
        try (NDManager m = manager.newSubManager()) {
            double[] equal = new double[30];
            java.util.Arrays.fill(equal, 1.0 / 30);
            NDArray w = m.create(equal).reshape(30, 1);
            double plain = MMD.evaluate(m.create(x), m.create(y)).getDouble();
            double weighted = MMD.evaluate(m.create(x), m.create(y), w).getDouble();
            assertEquals(plain, weighted, 1e-9);
        }
    }

    /** Source = a half like the target and a half shifted away: weights on the first half only measure that half. */
    @Test
    void weightsSelectWhichSourceRowsAreCompared() {
        Random r = new Random(4);
        double[][] near = sample(r, 20, 6, 0), far = sample(r, 20, 6, 3), y = sample(r, 25, 6, 0);
        double[][] x = new double[40][];
        for (int i = 0; i < 20; i++) {
            x[i] = near[i];
            x[20 + i] = far[i];
        }
        // a fixed bandwidth: the pooled batch differs between the two calls, the kernel must not
        MultiKernelMmdLoss fixed = new MultiKernelMmdLoss(List.of(0.5, 1.0, 2.0), 12.0);
        try (NDManager m = manager.newSubManager()) {
            double[] w = new double[40];
            for (int i = 0; i < 20; i++) w[i] = 1.0 / 20;
            double weighted = fixed.evaluate(m.create(x), m.create(y), m.create(w).reshape(40, 1)).getDouble();
            double nearOnly = fixed.evaluate(m.create(near), m.create(y)).getDouble();
            double plain = fixed.evaluate(m.create(x), m.create(y)).getDouble();
            assertEquals(nearOnly, weighted, 1e-9);
            assertTrue(weighted < plain / 2, "weighted " + weighted + " vs plain " + plain);
        }
    }

    @Test
    void authorsVariantIsNotZeroForIdenticalSamples() {
        try (NDManager m = manager.newSubManager()) {
            NDArray x = m.create(new double[]{0.1, 0.5, 0.9}).reshape(3, 1);
            double v = new AuthorsMmdLoss().evaluate(x, x).getDouble();
            // 2 - 2 mean exp(-(xi - xj)^2 / 2) over all 9 pairs: > 0 although the samples are identical
            double expected = 0;
            double[] a = {0.1, 0.5, 0.9};
            for (double p : a) for (double q : a) expected += Math.exp(-(p - q) * (p - q) / 2) / 9;
            assertEquals(2 - 2 * expected, v, 1e-12);
            assertTrue(v > 0.05);
        }
    }
}
