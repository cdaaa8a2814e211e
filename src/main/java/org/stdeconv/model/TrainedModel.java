package org.stdeconv.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.stdeconv.data.InputTransform;

import java.util.List;

/**
 * A loaded model: one network, or an ensemble whose proportions are the mean of its networks'. Each {@link #predict} call works in its own NDManager sub-manager, so the native memory of a
 * batch is freed when the call returns (infer streams very many spots through it).
 */
public final class TrainedModel implements ProportionModel {
    private final NDManager manager;
    private final List<DeconvNetwork> networks;
    private final ModelManifest manifest;
    private final ParameterStore parameters;
    private final IntervalCalibration calibration;

    TrainedModel(NDManager manager, List<DeconvNetwork> networks, ModelManifest manifest, IntervalCalibration calibration) {
        this.manager = manager;
        this.networks = List.copyOf(networks);
        this.manifest = manifest;
        this.parameters = new ParameterStore(manager, false);
        this.calibration = calibration;
    }

    @Override
    public IntervalCalibration intervalCalibration() {
        return calibration;
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
            NDArray sum = null;
            for (DeconvNetwork network : networks) {
                NDArray p = network.forward(parameters, new NDList(x), false).singletonOrThrow();
                sum = sum == null ? p : sum.add(p);
            }
            float[] p = (networks.size() == 1 ? sum : sum.div((float) networks.size())).toFloatArray();
            for (int i = 0; i < n; i++) System.arraycopy(p, i * k, out[i], 0, k);
        }
        return out;
    }

    @Override
    public String checksum() {
        if (manifest.ensembleMembers.isEmpty()) return manifest.parametersSha256;
        StringBuilder all = new StringBuilder(manifest.parametersSha256);
        for (ModelManifest.Member m : manifest.ensembleMembers) all.append('+').append(m.parametersSha256);
        return all.toString();
    }

    @Override
    public void close() {
        manager.close();
    }
}
