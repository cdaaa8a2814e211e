package org.stdeconv.infer;

import org.stdeconv.data.InputTransform;
import org.stdeconv.model.ProportionModel;

import java.util.ArrayList;
import java.util.List;

/**
 * A deterministic stand-in for a trained network: softmax(x W + b [+ xy V]) with fixed pseudo-random weights,
 * computed row by row in plain Java, so a row's prediction never depends on the batch it came in.
 */
final class LinearSoftmaxModel implements ProportionModel {
    private final List<String> genes;
    private final List<String> types;
    private final boolean coordinates;
    private final float[][] w;
    private final float[] b;
    int calls;
    int largestBatch;
    boolean closed;

    /** The model's checksum: the same weights under another checksum stand for another trained model. */
    private String checksum = "test-linear-softmax-7";

    LinearSoftmaxModel(List<String> genes, List<String> types, boolean coordinates) {
        this.genes = List.copyOf(genes);
        this.types = List.copyOf(types);
        this.coordinates = coordinates;
        java.util.Random r = new java.util.Random(7);
        w = new float[genes.size()][types.size()];
        for (float[] row : w) for (int t = 0; t < row.length; t++) row[t] = (float) r.nextGaussian() * 0.5f;
        b = new float[types.size()];
        for (int t = 0; t < b.length; t++) b[t] = (float) r.nextGaussian() * 0.1f;
    }

    static LinearSoftmaxModel of(int nGenes, int nTypes) {
        return of(genes("g", 0, nGenes), nTypes);
    }

    static LinearSoftmaxModel of(List<String> genes, int nTypes) {
        List<String> t = new ArrayList<>();
        for (int i = 0; i < nTypes; i++) t.add("Type" + (char) ('A' + i));
        return new LinearSoftmaxModel(genes, t, false);
    }

    static List<String> genes(String prefix, int from, int to) {
        List<String> g = new ArrayList<>();
        for (int i = from; i < to; i++) g.add(prefix + i);
        return g;
    }

    @Override public List<String> genes() { return genes; }
    @Override public List<String> cellTypes() { return types; }
    @Override public InputTransform transform() { return InputTransform.log1pCp10k(); }
    @Override public boolean needsCoordinates() { return coordinates; }
    @Override public String checksum() { return checksum; }

    LinearSoftmaxModel withChecksum(String other) {
        checksum = other;
        return this;
    }
    @Override public void close() { closed = true; }

    @Override
    public float[][] predict(float[][] batch, double[][] xy) {
        calls++;
        largestBatch = Math.max(largestBatch, batch.length);
        if (coordinates != (xy != null)) throw new IllegalArgumentException("coordinates given: " + (xy != null));
        float[][] out = new float[batch.length][];
        for (int i = 0; i < batch.length; i++) out[i] = predictRow(batch[i], xy == null ? null : xy[i]);
        return out;
    }

    float[] predictRow(float[] x, double[] xy) {
        if (x.length != genes.size()) throw new IllegalArgumentException("row of " + x.length + " values for " + genes.size() + " genes");
        double[] z = new double[types.size()];
        for (int t = 0; t < z.length; t++) {
            double s = b[t];
            for (int g = 0; g < x.length; g++) s += x[g] * w[g][t];
            if (xy != null) s += 0.01 * (t % 2 == 0 ? xy[0] : xy[1]);
            z[t] = s;
        }
        double max = java.util.Arrays.stream(z).max().orElse(0), sum = 0;
        for (int t = 0; t < z.length; t++) sum += (z[t] = Math.exp(z[t] - max));
        float[] p = new float[z.length];
        for (int t = 0; t < z.length; t++) p[t] = (float) (z[t] / sum);
        return p;
    }
}
