package org.stdeconv.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Autograd gradients of every loss term against central finite differences, in float64 on tiny inputs. */
class LossGradientTest extends PyTorchTestBase {
    private static double[] random(Random r, int n, double scale) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = r.nextGaussian() * scale;
        return v;
    }

    /** Coordinates on a small jittered grid so that every spot has positives and negatives at radii 2, 3, 6. */
    private static NDArray grid(NDManager m, int n, Random r) {
        double[] xy = new double[2 * n];
        for (int i = 0; i < n; i++) {
            xy[2 * i] = (i % 4) * 1.5 + r.nextDouble() * 0.3;
            xy[2 * i + 1] = (i / 4) * 1.5 + r.nextDouble() * 0.3;
        }
        return m.create(xy, new Shape(n, 2));
    }

    private static void check(double[] x, Shape shape, Function<NDArray, NDArray> loss) {
        double[] analytic;
        try (NDManager m = manager.newSubManager()) {
            NDArray a = m.create(x, shape);
            a.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray l = loss.apply(a);
                gc.backward(l);
            }
            analytic = a.getGradient().toDoubleArray();
        }
        double h = 1e-6;
        double maxAbs = 0;
        for (double g : analytic) maxAbs = Math.max(maxAbs, Math.abs(g));
        assertTrue(maxAbs > 1e-6, "gradient is not trivially zero");
        for (int k = 0; k < x.length; k++) {
            double[] plus = x.clone(), minus = x.clone();
            plus[k] += h;
            minus[k] -= h;
            double numeric;
            try (NDManager m = manager.newSubManager()) {
                numeric = (loss.apply(m.create(plus, shape)).getDouble() - loss.apply(m.create(minus, shape)).getDouble()) / (2 * h);
            }
            assertEquals(numeric, analytic[k], 1e-6 + 1e-5 * Math.abs(numeric), "d loss / d x[" + k + "]");
        }
    }

    @Test
    void infoNceContrastiveGradient() {
        Random r = new Random(1);
        int n = 12, d = 4;
        NDArray xy = grid(manager, n, r);
        SpatialContrastiveLoss loss = new SpatialContrastiveLoss(2, 3, 6, 0.5, ContrastiveVariant.INFONCE);
        check(random(r, n * d, 1), new Shape(n, d), z -> loss.evaluate(z, xy));
    }

    @Test
    void authorsContrastiveGradient() {
        Random r = new Random(2);
        int n = 12, d = 4;
        NDArray xy = grid(manager, n, r);
        SpatialContrastiveLoss loss = new SpatialContrastiveLoss(2, 3, 6, 0.5, ContrastiveVariant.AUTHORS);
        check(random(r, n * d, 1), new Shape(n, d), z -> loss.evaluate(z, xy));
    }

    @Test
    void multiKernelMmdGradient() {
        Random r = new Random(3);
        int n = 6, m = 5, d = 3;
        double[] t = random(r, m * d, 1);
        MultiKernelMmdLoss loss = new MultiKernelMmdLoss(List.of(0.5, 1.0, 2.0), 3.0);
        check(random(r, n * d, 1), new Shape(n, d), x -> loss.evaluate(x, x.getManager().create(t, new Shape(m, d)).add(0.7)));
    }

    @Test
    void authorsMmdGradient() {
        Random r = new Random(4);
        double[] t = random(r, 5, 1);
        AuthorsMmdLoss loss = new AuthorsMmdLoss();
        check(random(r, 6, 1), new Shape(6, 1), x -> loss.evaluate(x, x.getManager().create(t, new Shape(5, 1))));
    }

    @Test
    void l1Gradient() {
        Random r = new Random(5);
        double[] y = random(r, 12, 1);
        check(random(r, 12, 1), new Shape(4, 3), p -> p.sub(p.getManager().create(y, new Shape(4, 3))).abs().mean());
    }

    @Test
    void gradientReversalKeepsValuesAndFlipsGradient() {
        try (NDManager m = manager.newSubManager()) {
            NDArray x = m.create(new double[]{1.5, -2, 0.25}, new Shape(3));
            x.setRequiresGradient(true);
            NDArray y;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                y = GradientReversal.apply(x, 0.3f);
                gc.backward(y.mul(x.stopGradient()).sum());
            }
            org.junit.jupiter.api.Assertions.assertArrayEquals(new double[]{1.5, -2, 0.25}, y.toDoubleArray(), 1e-12);
            // d/dx sum(GRL(x) * c) = -0.3 * c
            org.junit.jupiter.api.Assertions.assertArrayEquals(new double[]{-0.45, 0.6, -0.075}, x.getGradient().toDoubleArray(), 1e-7);
        }
    }
}
