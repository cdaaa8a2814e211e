package org.stdeconv.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.ParameterStore;
import org.stdeconv.model.DeconvNetwork;

import java.util.Arrays;

/** The held-out fold: the network's proportions for its spots (eval mode: no dropout) and their RMSE. */
final class HeldOutValidation {
    /** Spots per forward pass: bounds the memory of a pass over a large fold. */
    static final int CHUNK = 1024;

    private HeldOutValidation() {
    }

    /** Proportions for the held-out spots, in the order of {@code data.split().heldOut()}. */
    static float[][] predictions(NDManager root, ParameterStore ps, DeconvNetwork net, NDArray inputs, TrainingData data) {
        return proportions(root, ps, net, inputs, data.split().heldOut(), data.cellTypes().size());
    }

    /** The network's {@code k} proportions (eval mode) for these rows of {@code inputs}, in their order. */
    static float[][] proportions(NDManager root, ParameterStore ps, DeconvNetwork net, NDArray inputs, int[] rows, int k) {
        float[][] out = new float[rows.length][k];
        for (int s = 0; s < rows.length; s += CHUNK) {
            int[] chunk = Arrays.copyOfRange(rows, s, Math.min(rows.length, s + CHUNK));
            try (NDManager sm = root.newSubManager()) {
                NDArray x = inputs.get(sm, new NDIndex("{}", sm.create(chunk)));
                float[] p = net.forward(ps, new NDList(x), false).singletonOrThrow().toFloatArray();
                for (int i = 0; i < chunk.length; i++) System.arraycopy(p, i * k, out[s + i], 0, k);
            }
        }
        return out;
    }

    /** RMSE over all held-out spots and cell types of predictions in the order of {@code data.split().heldOut()}. */
    static double rmse(TrainingData data, float[][] predictions) {
        int[] rows = data.split().heldOut();
        int k = data.cellTypes().size();
        double sum = 0;
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < k; j++) {
                double e = predictions[i][j] - data.y()[rows[i]][j];
                sum += e * e;
            }
        }
        return Math.sqrt(sum / ((double) rows.length * k));
    }
}
