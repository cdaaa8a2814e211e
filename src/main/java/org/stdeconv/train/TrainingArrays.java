package org.stdeconv.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import org.stdeconv.data.InputTransform;
import org.stdeconv.model.ModelManifest;
import org.stdeconv.model.NetworkInput;

/**
 * The training data as tensors that live for the whole run (network inputs, proportions, coordinates, the target
 * slide's inputs), and the rows of one batch taken from them, mixed when optimization.spot_mixing is on.
 */
final class TrainingArrays {
    final NDArray inputs;
    final NDArray truth;
    /** Null when the training spots have no coordinates. */
    final NDArray coords;
    /** Null without a target slide. */
    final NDArray targetInputs;
    /** Null unless optimization.spot_mixing is on. */
    private final SpotMixer mixer;

    TrainingArrays(NDManager root, TrainingData data, ModelManifest layout, boolean spotMixing, long seed) {
        int n = data.x().length;
        int width = layout.network.inputSize;
        inputs = root.create(NetworkInput.flatten(data.x(), data.xy(), layout), new Shape(n, width));
        int k = data.cellTypes().size();
        float[] y = new float[n * k];
        for (int i = 0; i < n; i++) for (int j = 0; j < k; j++) y[i * k + j] = (float) data.y()[i][j];
        truth = root.create(y, new Shape(n, k));
        if (data.xy() != null) {
            float[] c = new float[n * 2];
            for (int i = 0; i < n; i++) {
                c[2 * i] = (float) data.xy()[i][0];
                c[2 * i + 1] = (float) data.xy()[i][1];
            }
            coords = root.create(c, new Shape(n, 2));
        } else {
            coords = null;
        }
        boolean log = layout.inputTransform.kind == InputTransform.Kind.LOG1P_CP10K;
        mixer = spotMixing ? new SpotMixer(inputs, truth, layout.genes.size(), log, seed) : null;
        targetInputs = data.hasTarget()
                ? root.create(NetworkInput.flatten(data.target(), data.targetXy(), layout), new Shape(data.target().length, width))
                : null;
    }

    /** Inputs and proportions {x, y} of these training rows (mixed with partners when spot mixing is on). */
    NDArray[] batch(NDManager sm, int[] rows) {
        return mixer != null ? mixer.batch(sm, rows) : plain(sm, rows);
    }

    /** The rows of a batch with what mixing draws for them; its arrays can then be made a range at a time. */
    BatchDraw draw(int[] rows) {
        return mixer != null ? mixer.draw(rows) : BatchDraw.unmixed(rows, this);
    }

    /** The unmixed inputs and proportions {x, y} of these training rows. */
    NDArray[] plain(NDManager sm, int[] rows) {
        NDIndex index = new NDIndex("{}", sm.create(rows));
        return new NDArray[]{inputs.get(sm, index), truth.get(sm, index)};
    }

    NDArray coords(NDManager sm, int[] rows) {
        return coords.get(sm, new NDIndex("{}", sm.create(rows)));
    }

    NDArray target(NDManager sm, int[] rows) {
        return targetInputs.get(sm, new NDIndex("{}", sm.create(rows)));
    }
}
