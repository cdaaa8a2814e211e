package org.stdeconv.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.loss.Loss;

import java.util.List;

/**
 * Squared maximum mean discrepancy between two samples of encoder features with a sum of Gaussian kernels
 * (multi-kernel MMD as in Long et al., DAN). Bandwidths are the given multiples of the mean pairwise squared
 * distance of the pooled batch (held constant for the gradient). Biased V-statistic:
 * mean k(x, x') + mean k(y, y') - 2 mean k(x, y), so MMD(x, x) = 0 exactly.
 * Predictions: [source (n x d), target (m x d)]; labels are unused.
 */
public final class MultiKernelMmdLoss extends Loss {
    private final double[] scales;
    private final Double fixedBandwidth;

    public MultiKernelMmdLoss(List<Double> scales) {
        this(scales, null);
    }

    /** With a fixed base bandwidth instead of the batch's mean squared distance (null = adaptive). */
    public MultiKernelMmdLoss(List<Double> scales, Double fixedBandwidth) {
        super("mmd");
        this.scales = scales.stream().mapToDouble(Double::doubleValue).toArray();
        this.fixedBandwidth = fixedBandwidth;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        return evaluate(predictions.get(0), predictions.get(1));
    }

    public NDArray evaluate(NDArray source, NDArray target) {
        return evaluatePooled(source.concat(target, 0), source.getShape().get(0));
    }

    /** The MMD between the first {@code n} rows of {@code pooled} (source) and the remaining rows (target). */
    public NDArray evaluatePooled(NDArray pooled, long n) {
        NDArray sq = pooled.square().sum(new int[]{1}, true);
        NDArray d2 = sq.add(sq.transpose()).sub(pooled.matMul(pooled.transpose()).mul(2f)).maximum(0f);
        long total = d2.getShape().get(0);
        NDArray base = fixedBandwidth != null
                ? d2.getManager().create(fixedBandwidth).toType(d2.getDataType(), false)
                : d2.sum().div(Scalars.like(d2, Math.max(total * total - total, 1))).stopGradient().maximum(1e-12f);
        NDArray scaled = d2.div(base).neg();
        NDArray kernel = null;
        for (double s : scales) {
            NDArray k = scaled.mul(Scalars.like(d2, 1 / s)).exp();
            kernel = kernel == null ? k : kernel.add(k);
        }
        return kernel.mul(blockWeights(pooled.getManager(), n, total - n, d2.getDataType())).sum();
    }

    /** 1/n^2 on the source block, 1/m^2 on the target block, -1/(nm) on both cross blocks: the V-statistic as one sum. */
    private static NDArray blockWeights(NDManager manager, long n, long m, DataType type) {
        int t = Math.toIntExact(n + m);
        double[] w = new double[t * t];
        for (int i = 0; i < t; i++) {
            for (int j = 0; j < t; j++) {
                boolean si = i < n, sj = j < n;
                w[i * t + j] = si && sj ? 1.0 / (n * n) : !si && !sj ? 1.0 / (m * m) : -1.0 / (n * m);
            }
        }
        if (type == DataType.FLOAT64) return manager.create(w, new Shape(t, t));
        float[] f = new float[w.length];
        for (int i = 0; i < f.length; i++) f[i] = (float) w[i];
        return manager.create(f, new Shape(t, t)).toType(type, false);
    }
}
