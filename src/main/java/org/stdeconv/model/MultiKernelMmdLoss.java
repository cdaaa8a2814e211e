package org.stdeconv.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
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
        return evaluate(source, target, null);
    }

    /**
     * With the source rows weighted by {@code sourceWeights} (a column n x 1 summing to 1, held constant; null = each
     * 1/n): w'Kxx w + mean Kyy - 2 w'Kxy 1/m, the MMD between the weighted source sample and the target.
     */
    public NDArray evaluate(NDArray source, NDArray target, NDArray sourceWeights) {
        long n = source.getShape().get(0);
        NDArray pooled = source.concat(target, 0);
        NDArray sq = pooled.square().sum(new int[]{1}, true);
        NDArray d2 = sq.add(sq.transpose()).sub(pooled.matMul(pooled.transpose()).mul(Scalars.of(pooled, 2))).maximum(Scalars.of(pooled, 0));
        long total = d2.getShape().get(0);
        NDArray base = fixedBandwidth != null
                ? d2.getManager().create(fixedBandwidth).toType(d2.getDataType(), false)
                : d2.sum().div(Scalars.of(d2, Math.max(total * total - total, 1))).stopGradient().maximum(Scalars.of(d2, 1e-12));
        NDArray kernel = null;
        for (double s : scales) {
            NDArray k = d2.neg().div(base.mul(Scalars.of(d2, s))).exp();
            kernel = kernel == null ? k : kernel.add(k);
        }
        NDArray kxx = sourceWeights == null
                ? kernel.get("0:" + n + ", 0:" + n).mean()
                : kernel.get("0:" + n + ", 0:" + n).matMul(sourceWeights).mul(sourceWeights).sum();
        NDArray kyy = kernel.get(n + ":, " + n + ":").mean();
        NDArray kxy = sourceWeights == null
                ? kernel.get("0:" + n + ", " + n + ":").mean()
                : kernel.get("0:" + n + ", " + n + ":").mean(new int[]{1}, true).mul(sourceWeights).sum();
        return kxx.add(kyy).sub(kxy.mul(Scalars.of(kxy, 2)));
    }
}
