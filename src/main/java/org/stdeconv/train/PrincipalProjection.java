package org.stdeconv.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.stdeconv.model.DeconvNetwork;

import java.util.Random;

/**
 * The fixed first layer of network.projection: the top principal components of the training spots' gene inputs
 * (network.projection of them), so that the trained layers see a few hundred features instead of every gene. It is
 * fitted once, before training, and frozen: the layer costs one forward product per step and no weight gradient or
 * Adam update, which is where most of a step's work went with thousands of genes (docs/benchmarks/train.md). With
 * network.projection_basis cell_types_first the first K outputs are the cell types' directions
 * ({@link CellTypeDirections}) and the rest the principal components of what those leave.
 *
 * <p>Randomized subspace iteration (Halko, Martinsson and Tropp 2011): the large products run in PyTorch, only
 * (components + 10)-square matrices are decomposed, with commons-math in double precision; the start is a seeded
 * Gaussian, so the same inputs and seed give the same layer. Outputs are divided by one common factor
 * (the root mean variance of the kept outputs) so that they have unit variance on average without the
 * whitening that would blow the weakest components' noise up to the strongest ones' size. Appended (x, y) columns
 * pass through unchanged after the components.
 */
final class PrincipalProjection {
    private static final int OVERSAMPLING = 10;
    private static final int POWER_ITERATIONS = 3;

    /** rows = output units, columns = network inputs. */
    private final float[] weight;
    private final float[] bias;
    private final int outputs;

    private PrincipalProjection(float[] weight, float[] bias, int outputs) {
        this.weight = weight;
        this.bias = bias;
        this.outputs = outputs;
    }

    /** The top principal components alone (network.projection_basis: principal_components). */
    static PrincipalProjection fit(NDManager manager, float[][] x, int[] rows, int components, int inputs, long seed) {
        return fit(manager, x, null, rows, components, inputs, seed);
    }

    /**
     * Fits the layer on {@code rows} of {@code x}: with {@code proportions} (the true proportions of those rows, in
     * their order), the cell types' directions first and the principal components of what they leave after them;
     * without, {@code components} principal directions.
     *
     * @param inputs network input width (genes, then 2 when coordinates are appended)
     */
    static PrincipalProjection fit(NDManager manager, float[][] x, double[][] proportions, int[] rows, int components, int inputs, long seed) {
        int genes = x[0].length;
        int leading = proportions == null ? 0 : proportions[0].length;
        int principal = components - leading;
        int rank = Math.min(principal + OVERSAMPLING, Math.min(genes, rows.length));
        if (principal < 1 || principal >= rank) throw new IllegalArgumentException(components + " components (" + leading + " cell types) of " + genes + " genes and " + rows.length + " spots");
        try (NDManager m = manager.newSubManager()) {
            float[] flat = new float[rows.length * genes];
            for (int i = 0; i < rows.length; i++) System.arraycopy(x[rows[i]], 0, flat, i * genes, genes);
            NDArray a = m.create(flat, new Shape(rows.length, genes));
            NDArray mean = a.mean(new int[]{0}, true);
            NDArray centred = a.sub(mean);
            if (proportions == null) return principalOnly(m, centred, mean, components, rank, inputs, seed);
            NDArray types = CellTypeDirections.of(m, centred, proportions);
            NDArray rest = centred.sub(centred.matMul(types).matMul(types.transpose()));
            NDArray basis = subspace(m, rest, rank, seed);
            EigenDecomposition e = new EigenDecomposition(toMatrix(covariance(rest, basis)));
            Integer[] order = byDescending(e.getRealEigenvalues());
            float[] rotation = new float[rank * principal];
            for (int c = 0; c < principal; c++) for (int r = 0; r < rank; r++) rotation[r * principal + c] = (float) e.getV().getEntry(r, order[c]);
            NDArray directions = types.concat(basis.matMul(m.create(rotation, new Shape(rank, principal))), 1); // genes x components
            // one common scale, as for principal components alone: unit score variance on average over all columns
            float[] columnVariance = centred.matMul(directions).square().sum(new int[]{0}).div(rows.length - 1).toFloatArray();
            double meanVariance = 0;
            for (float v : columnVariance) meanVariance += v / components;
            directions = directions.mul(1 / Math.sqrt(Math.max(meanVariance, 1e-12)));
            return layer(directions, mean, components, inputs);
        }
    }

    private static PrincipalProjection principalOnly(NDManager m, NDArray centred, NDArray mean, int components, int rank, int inputs, long seed) {
        long rows = centred.getShape().get(0);
        NDArray basis = subspace(m, centred, rank, seed);
        // the scores' covariance within the found subspace, decomposed: its eigenvectors rotate the basis onto
        // the principal directions, its eigenvalues are their variances
        EigenDecomposition e = new EigenDecomposition(toMatrix(covariance(centred, basis)));
        double[] variance = e.getRealEigenvalues();
        Integer[] order = byDescending(variance);
        double meanVariance = 0;
        for (int c = 0; c < components; c++) meanVariance += variance[order[c]] / (rows - 1) / components;
        double scale = 1 / Math.sqrt(Math.max(meanVariance, 1e-12));
        float[] rotation = new float[rank * components];
        for (int c = 0; c < components; c++) {
            for (int r = 0; r < rank; r++) rotation[r * components + c] = (float) (e.getV().getEntry(r, order[c]) * scale);
        }
        return layer(basis.matMul(m.create(rotation, new Shape(rank, components))), mean, components, inputs);
    }

    /** An orthonormal basis of rank columns for the top of {@code centred}'s row space (randomized, seeded). */
    private static NDArray subspace(NDManager m, NDArray centred, int rank, long seed) {
        long genes = centred.getShape().get(1);
        NDArray basis = orthonormal(m, gaussian(m, Math.toIntExact(genes), rank, seed));
        for (int it = 0; it < POWER_ITERATIONS; it++) {
            basis = orthonormal(m, centred.transpose().matMul(centred.matMul(basis)));
        }
        return basis;
    }

    /** The scores' (unnormalised) covariance in the basis: (X B)' (X B). */
    private static NDArray covariance(NDArray centred, NDArray basis) {
        NDArray scores = centred.matMul(basis);
        return scores.transpose().matMul(scores);
    }

    /** The layer x -> (x - mean) D for directions D (genes x components); appended coordinates pass through. */
    private static PrincipalProjection layer(NDArray directions, NDArray mean, int components, int inputs) {
        int genes = Math.toIntExact(directions.getShape().get(0));
        float[] d = directions.toFloatArray();
        float[] offset = mean.matMul(directions).neg().toFloatArray();
        int outputs = components + (inputs - genes);
        float[] weight = new float[outputs * inputs];
        float[] bias = new float[outputs];
        for (int c = 0; c < components; c++) {
            for (int g = 0; g < genes; g++) weight[c * inputs + g] = d[g * components + c];
            bias[c] = offset[c];
        }
        for (int extra = 0; extra < inputs - genes; extra++) weight[(components + extra) * inputs + genes + extra] = 1f;
        return new PrincipalProjection(weight, bias, outputs);
    }

    /** Writes this projection into the network's projection layer and freezes it. */
    void install(DeconvNetwork network) {
        for (Parameter p : network.projection().getParameters().values()) {
            NDArray array = p.getArray();
            boolean isWeight = p.getType() == Parameter.Type.WEIGHT;
            float[] values = isWeight ? weight : bias;
            if (array.size() != values.length) {
                throw new IllegalStateException("projection layer " + p.getName() + " has " + array.size() + " values, the fit " + values.length);
            }
            // not NDArray.set: it runs under PyTorch's deprecated AutoNonVariableTypeMode and prints a C++ warning (ParameterGroup.restore)
            ParameterGroup.view(array).put(0, values, 0, values.length);
        }
        network.projection().freezeParameters(true);
    }

    int outputs() {
        return outputs;
    }

    /** Row-major outputs x inputs. */
    float[] weight() {
        return weight.clone();
    }

    float[] bias() {
        return bias.clone();
    }

    private static NDArray gaussian(NDManager m, int rowsOut, int columns, long seed) {
        Random random = new Random(seed ^ 0x70636150L);
        float[] v = new float[rowsOut * columns];
        for (int i = 0; i < v.length; i++) v[i] = (float) random.nextGaussian();
        return m.create(v, new Shape(rowsOut, columns));
    }

    /** Columns of {@code q} made orthonormal: q (E D^-1/2) with E D E^T the eigendecomposition of q^T q. */
    static NDArray orthonormal(NDManager m, NDArray q) {
        int k = Math.toIntExact(q.getShape().get(1));
        EigenDecomposition e = new EigenDecomposition(toMatrix(q.transpose().matMul(q)));
        double[] d = e.getRealEigenvalues();
        double largest = 0;
        for (double v : d) largest = Math.max(largest, v);
        float[] w = new float[k * k];
        for (int c = 0; c < k; c++) {
            // a direction with (numerically) no variance is dropped rather than blown up
            double s = d[c] > largest * 1e-10 ? 1 / Math.sqrt(d[c]) : 0;
            for (int r = 0; r < k; r++) w[r * k + c] = (float) (e.getV().getEntry(r, c) * s);
        }
        return q.matMul(m.create(w, new Shape(k, k)));
    }

    static RealMatrix toMatrix(NDArray square) {
        int k = Math.toIntExact(square.getShape().get(0));
        float[] v = square.toFloatArray();
        double[][] a = new double[k][k];
        // symmetrised: float rounding leaves the product a hair off symmetric, which EigenDecomposition rejects
        for (int i = 0; i < k; i++) for (int j = 0; j < k; j++) a[i][j] = 0.5 * ((double) v[i * k + j] + v[j * k + i]);
        return new Array2DRowRealMatrix(a, false);
    }

    private static Integer[] byDescending(double[] values) {
        Integer[] order = new Integer[values.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        java.util.Arrays.sort(order, (a, b) -> Double.compare(values[b], values[a]));
        return order;
    }
}
