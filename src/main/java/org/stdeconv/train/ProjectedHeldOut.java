package org.stdeconv.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.ParameterStore;
import org.stdeconv.model.DeconvNetwork;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The held-out spots after the network's fixed first layer (network.projection), in the chunks
 * {@link HeldOutValidation} passes. Training never changes that layer, so every epoch's validation can start after
 * it: the same operations on the same values as a whole pass (the same proportions to the bit), without the product
 * with every gene that made up about half of a STARmap validation pass and most of a PDAC one.
 */
final class ProjectedHeldOut {
    /** One array per chunk, held by a manager that lives as long as the training's. */
    private final List<NDArray> chunks = new ArrayList<>();
    private final int rows;

    /** Passes {@code rows} of {@code inputs} through {@code net}'s projection once, keeping the outputs in {@code keep}. */
    ProjectedHeldOut(NDManager keep, ParameterStore ps, DeconvNetwork net, NDArray inputs, int[] rows) {
        this.rows = rows.length;
        for (int s = 0; s < rows.length; s += HeldOutValidation.CHUNK) {
            int[] chunk = Arrays.copyOfRange(rows, s, Math.min(rows.length, s + HeldOutValidation.CHUNK));
            try (NDManager sm = keep.newSubManager()) {
                NDArray x = inputs.get(sm, new NDIndex("{}", sm.create(chunk)));
                NDArray projected = net.projection().forward(ps, new NDList(x), false).singletonOrThrow();
                projected.attach(keep);
                chunks.add(projected);
            }
        }
    }

    /** The network's {@code k} proportions (eval mode) for the held-out rows, in their order. */
    float[][] proportions(NDManager root, ParameterStore ps, DeconvNetwork net, int k) {
        float[][] out = new float[rows][k];
        int s = 0;
        for (NDArray projected : chunks) {
            int n = Math.toIntExact(projected.getShape().get(0));
            try (NDManager sm = root.newSubManager()) {
                // the chunk goes back to its keeper when sm closes; what the pass makes is closed with sm
                projected.tempAttach(sm);
                float[] p = net.forwardAfterProjection(ps, new NDList(projected), false).singletonOrThrow().toFloatArray();
                for (int i = 0; i < n; i++) System.arraycopy(p, i * k, out[s + i], 0, k);
            }
            s += n;
        }
        return out;
    }
}
