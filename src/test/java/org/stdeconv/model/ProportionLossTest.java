package org.stdeconv.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ProportionLossTest extends PyTorchTestBase {
    @Test
    void klIsTheDivergenceFromTheTrueComposition() {
        try (NDManager m = manager.newSubManager()) {
            NDArray truth = m.create(new double[]{0.5, 0.5, 0, 1, 0, 0}, new Shape(2, 3));
            NDArray predicted = m.create(new double[]{0.25, 0.25, 0.5, 1, 0, 0}, new Shape(2, 3));
            // spot 1: 0.5 log(0.5 / 0.25) twice = log 2; spot 2 is exact (a type absent from both costs nothing)
            assertEquals(Math.log(2) / 2, ProportionLoss.KL.evaluate(predicted, truth).getDouble(), 1e-7);
            assertEquals(0, ProportionLoss.KL.evaluate(truth, truth).getDouble(), 1e-12);
        }
    }

    @Test
    void l1IsTheMeanAbsoluteErrorOverSpotsAndTypes() {
        try (NDManager m = manager.newSubManager()) {
            NDArray truth = m.create(new double[]{0.5, 0.5, 0, 1, 0, 0}, new Shape(2, 3));
            NDArray predicted = m.create(new double[]{0.25, 0.25, 0.5, 0.7, 0.1, 0.2}, new Shape(2, 3));
            assertEquals((0.25 + 0.25 + 0.5 + 0.3 + 0.1 + 0.2) / 6, ProportionLoss.L1.evaluate(predicted, truth).getDouble(), 1e-12);
        }
    }

    /** Spot weights (a column summing to 1) replace the average over spots; uniform ones give the plain loss. */
    @Test
    void spotWeightsReplaceTheAverageOverSpots() {
        try (NDManager m = manager.newSubManager()) {
            NDArray truth = m.create(new double[]{0.5, 0.5, 0, 1, 0, 0}, new Shape(2, 3));
            NDArray predicted = m.create(new double[]{0.25, 0.25, 0.5, 0.7, 0.1, 0.2}, new Shape(2, 3));
            NDArray uniform = m.create(new double[]{0.5, 0.5}, new Shape(2, 1));
            NDArray secondOnly = m.create(new double[]{0, 1}, new Shape(2, 1));
            for (ProportionLoss loss : ProportionLoss.values()) {
                assertEquals(loss.evaluate(predicted, truth).getDouble(), loss.evaluate(predicted, truth, uniform).getDouble(), 1e-12, loss.toString());
                assertEquals(loss.evaluate(predicted.get("1:"), truth.get("1:")).getDouble(), loss.evaluate(predicted, truth, secondOnly).getDouble(), 1e-12, loss.toString());
            }
            assertEquals((0.3 + 0.1 + 0.2) / 3, ProportionLoss.L1.evaluate(predicted, truth, secondOnly).getDouble(), 1e-12);
            assertEquals(-Math.log(0.7 + 1e-8), ProportionLoss.KL.evaluate(predicted, truth, secondOnly).getDouble(), 1e-7);
        }
    }

    /** Why KL suits a softmax head: its gradient on the logits is the error itself, (p - y) / spots. */
    @Test
    void klGradientOnTheLogitsIsTheErrorOverTheSpots() {
        Random r = new Random(3);
        int spots = 5, types = 4;
        double[] logits = new double[spots * types], truth = new double[spots * types];
        for (int i = 0; i < spots; i++) {
            double sum = 0;
            for (int j = 0; j < types; j++) {
                logits[i * types + j] = r.nextGaussian();
                truth[i * types + j] = j == 0 && i % 2 == 0 ? 0 : r.nextDouble();
                sum += truth[i * types + j];
            }
            for (int j = 0; j < types; j++) truth[i * types + j] /= sum;
        }
        try (NDManager m = manager.newSubManager()) {
            NDArray z = m.create(logits, new Shape(spots, types));
            z.setRequiresGradient(true);
            NDArray y = m.create(truth, new Shape(spots, types));
            double[] p;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray softmax = z.softmax(1);
                p = softmax.toDoubleArray();
                gc.backward(ProportionLoss.KL.evaluate(softmax, y));
            }
            double[] g = z.getGradient().toDoubleArray();
            // the guard against log(0) shifts it by about y 1e-8 / p: a few 1e-7 at these logits
            for (int k = 0; k < g.length; k++) assertEquals((p[k] - truth[k]) / spots, g[k], 2e-6, "logit " + k);
        }
    }
}
