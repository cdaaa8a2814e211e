package org.stdeconv.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stdeconv.model.EngineSetup;

import java.nio.ByteOrder;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The in-place Adam of ParameterGroup against DJL's Adam, and its learning-rate warmup. */
class ParameterGroupTest {
    private static final float LR = 0.01f;
    private static NDManager manager;

    @BeforeAll
    static void start() {
        EngineSetup.startSeeded(1, 5);
        manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
    }

    @AfterAll
    static void stop() {
        manager.close();
    }

    private static Linear layer(long seedInput) {
        Linear l = Linear.builder().setUnits(3).build();
        l.initialize(manager, DataType.FLOAT32, new Shape(1, 5));
        // identical starting values for every layer of a test
        for (Parameter p : l.getParameters().values()) {
            float[] v = new float[(int) p.getArray().size()];
            for (int i = 0; i < v.length; i++) v[i] = (float) Math.sin(seedInput + 0.7 * i);
            // through the tensor's memory, as ParameterGroup.restore does: NDArray.set prints PyTorch's deprecation warning
            p.getArray().toByteBuffer(true).order(ByteOrder.nativeOrder()).asFloatBuffer().put(v);
        }
        return l;
    }

    /** A loss whose gradients differ in size between entries, so Adam's per-entry normalisation matters. */
    private static NDArray loss(Linear l, ParameterStore ps, int step) {
        NDArray x = manager.arange(10f).reshape(2, 5).mul(0.1f * (step + 1)).sin();
        NDArray y = l.forward(ps, new NDList(x), true).singletonOrThrow();
        return y.square().sum().add(y.get(":, 0").sum().mul(3f));
    }

    @Test
    void matchesDjlAdamAndLeavesGradientsAtZero() {
        Linear ours = layer(1), theirs = layer(1);
        ParameterStore ps = new ParameterStore(manager, false);
        ParameterGroup group = new ParameterGroup(LR, LearningRateShape.constant(0), 1, ours);
        Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(LR)).build();
        for (Parameter p : theirs.getParameters().values()) p.getArray().setRequiresGradient(true);
        for (int step = 0; step < 6; step++) {
            try (GradientCollector gc = manager.getEngine().newGradientCollector()) {
                gc.backward(loss(ours, ps, step));
            }
            group.gradientsWritten();
            group.step();
            try (GradientCollector gc = manager.getEngine().newGradientCollector()) {
                gc.backward(loss(theirs, ps, step));
            }
            for (Parameter p : theirs.getParameters().values()) {
                NDArray g = p.getArray().getGradient();
                adam.update(p.getId(), p.getArray(), g);
                g.subi(g);
            }
        }
        List<Parameter> a = List.copyOf(ours.getParameters().values()), b = List.copyOf(theirs.getParameters().values());
        for (int i = 0; i < a.size(); i++) {
            float[] x = a.get(i).getArray().toFloatArray(), y = b.get(i).getArray().toFloatArray();
            for (int j = 0; j < x.length; j++) assertEquals(y[j], x[j], 1e-6, a.get(i).getName() + "[" + j + "]");
            float[] g = a.get(i).getArray().getGradient().toFloatArray();
            assertArrayEquals(new float[g.length], g, "gradient of " + a.get(i).getName() + " cleared by the step");
        }
        float moved = Math.abs(a.get(0).getArray().toFloatArray()[0] - (float) Math.sin(1));
        assertEquals(true, moved > 1e-3, "the parameters moved (by " + moved + ")");
    }

    @Test
    void restoreWritesASnapshotBackAndTrainingGoesOnFromIt() {
        Linear l = layer(3), again = layer(3);
        ParameterStore ps = new ParameterStore(manager, false);
        ParameterGroup group = new ParameterGroup(LR, LearningRateShape.constant(0), 1, l);
        List<float[]> saved = group.snapshot();
        for (int step = 0; step < 3; step++) {
            try (GradientCollector gc = manager.getEngine().newGradientCollector()) {
                gc.backward(loss(l, ps, step));
            }
            group.gradientsWritten();
            group.step();
        }
        float[] moved = l.getParameters().get("weight").getArray().toFloatArray();
        assertEquals(true, Math.abs(moved[0] - saved.get(0)[0]) > 1e-3, "the steps moved the weights");
        group.restore(saved);
        List<Parameter> p = List.copyOf(l.getParameters().values());
        for (int i = 0; i < p.size(); i++) assertArrayEquals(saved.get(i), p.get(i).getArray().toFloatArray(), p.get(i).getName() + " restored");
        // the restored tensors are still the ones autograd differentiates: the same gradients as a fresh layer's
        for (Linear layer : List.of(l, again)) {
            for (Parameter q : layer.getParameters().values()) q.getArray().setRequiresGradient(true);
            try (GradientCollector gc = manager.getEngine().newGradientCollector()) {
                gc.backward(loss(layer, ps, 0));
            }
        }
        float[] a = l.getParameters().get("weight").getArray().getGradient().toFloatArray();
        float[] b = again.getParameters().get("weight").getArray().getGradient().toFloatArray();
        assertEquals(true, Math.abs(b[0]) > 1e-3, "a gradient to compare");
        assertArrayEquals(b, a, 1e-6f, "gradient of the weights after restoring");
    }

    @Test
    void warmupScalesTheFirstStepsLearningRate() {
        Linear plain = layer(2), warm = layer(2);
        ParameterStore ps = new ParameterStore(manager, false);
        ParameterGroup plainGroup = new ParameterGroup(LR, LearningRateShape.constant(0), 1, plain), warmGroup = new ParameterGroup(LR, LearningRateShape.constant(4), 1, warm);
        for (ParameterGroup g : List.of(plainGroup, warmGroup)) {
            Linear l = g == plainGroup ? plain : warm;
            try (GradientCollector gc = manager.getEngine().newGradientCollector()) {
                gc.backward(loss(l, ps, 0));
            }
            g.gradientsWritten();
            g.step();
        }
        // Adam's first step moves every weight by about lr (times the sign of its gradient); warmup 4 by lr / 4
        float[] start = layer(2).getParameters().get("weight").getArray().toFloatArray();
        float[] a = plain.getParameters().get("weight").getArray().toFloatArray(), b = warm.getParameters().get("weight").getArray().toFloatArray();
        for (int j = 0; j < a.length; j++) {
            assertEquals(LR, Math.abs(a[j] - start[j]), 1e-4, "plain step of weight " + j);
            assertEquals(LR / 4, Math.abs(b[j] - start[j]), 1e-4, "warmed-up step of weight " + j);
        }
    }

    @Test
    void aLargeParameterSplitOverThreadsGetsTheSameBytesAsOneThread() {
        int inputs = 600, units = 512;
        assertEquals(true, (long) inputs * units >= AdamUpdate.SPLIT_FROM, "the weight is large enough to be split");
        ParameterStore ps = new ParameterStore(manager, false);
        float[][] weights = new float[2][];
        for (int threads : new int[] {1, 2}) {
            Linear l = Linear.builder().setUnits(units).build();
            l.initialize(manager, DataType.FLOAT32, new Shape(1, inputs));
            for (Parameter p : l.getParameters().values()) {
                float[] v = new float[(int) p.getArray().size()];
                for (int i = 0; i < v.length; i++) v[i] = (float) Math.sin(0.37 * i);
                p.getArray().toByteBuffer(true).order(ByteOrder.nativeOrder()).asFloatBuffer().put(v);
            }
            ParameterGroup group = new ParameterGroup(LR, LearningRateShape.constant(0), threads, l);
            for (int step = 0; step < 3; step++) {
                try (GradientCollector gc = manager.getEngine().newGradientCollector()) {
                    NDArray x = manager.arange((float) (3 * inputs)).reshape(3, inputs).mul(0.01f * (step + 1)).sin();
                    NDArray y = l.forward(ps, new NDList(x), true).singletonOrThrow();
                    gc.backward(y.square().sum().add(y.get(":, 0").sum().mul(3f)));
                }
                group.gradientsWritten();
                group.step();
            }
            weights[threads - 1] = l.getParameters().get("weight").getArray().toFloatArray();
            float[] g = l.getParameters().get("weight").getArray().getGradient().toFloatArray();
            assertArrayEquals(new float[g.length], g, "gradient cleared by the step on " + threads + " thread(s)");
        }
        float moved = Math.abs(weights[1][weights[1].length - 1] - (float) Math.sin(0.37 * (weights[1].length - 1)));
        assertEquals(true, moved > 1e-3, "the last range moved too (by " + moved + ")");
        assertArrayEquals(weights[0], weights[1], "one thread and two");
    }
}
