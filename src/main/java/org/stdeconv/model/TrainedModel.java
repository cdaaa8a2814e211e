package org.stdeconv.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.stdeconv.data.InputTransform;

import java.util.List;

/**
 * A loaded model. Each {@link #predict} call works in its own NDManager sub-manager, so the native memory of a
 * batch is freed when the call returns (infer streams very many spots through it).
 */
public final class TrainedModel implements ProportionModel {
    private final NDManager manager;
    private final DeconvNetwork network;
    private final ModelManifest manifest;
    private final ParameterStore parameters;

    TrainedModel(NDManager manager, DeconvNetwork network, ModelManifest manifest) {
        this.manager = manager;
        this.network = network;
        this.manifest = manifest;
        this.parameters = new ParameterStore(manager, false);
    }

    public ModelManifest manifest() {
        return manifest;
    }

    @Override
    public List<String> genes() {
        return List.copyOf(manifest.genes);
    }

    @Override
    public List<String> cellTypes() {
        return List.copyOf(manifest.cellTypes);
    }

    @Override
    public InputTransform transform() {
        return manifest.inputTransform;
    }

    @Override
    public boolean needsCoordinates() {
        return manifest.appendCoordinates;
    }

    @Override
    public float[][] predict(float[][] batch, double[][] xy) {
        int n = batch.length;
        if (n == 0) return new float[0][];
        float[] flat = NetworkInput.flatten(batch, xy, manifest);
        int k = manifest.cellTypes.size();
        float[][] out = new float[n][k];
        try (NDManager m = manager.newSubManager()) {
            NDArray x = m.create(flat, new Shape(n, manifest.network.inputSize));
            float[] p = network.forward(parameters, new NDList(x), false).singletonOrThrow().toFloatArray();
            for (int i = 0; i < n; i++) System.arraycopy(p, i * k, out[i], 0, k);
        }
        return out;
    }

    @Override
    public String checksum() {
        return manifest.parametersSha256;
    }

    @Override
    public void close() {
        manager.close();
    }
}
