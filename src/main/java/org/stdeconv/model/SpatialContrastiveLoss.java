package org.stdeconv.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.loss.Loss;

/**
 * The spatial contrastive loss on encoder embeddings, vectorised over a batch. Labels: the spots' (x, y) (n x 2);
 * predictions: their embeddings (n x d). Spot j is a positive of anchor i when 0 < |xy_i - xy_j| < positive radius
 * (j != i), a negative when negative radius < |xy_i - xy_j| < max radius.
 *
 * <p>{@link ContrastiveVariant#INFONCE}: with s_ij = cos(z_i, z_j) / temperature,
 * loss_i = mean over positives p of -log( exp(s_ip) / (exp(s_ip) + sum over negatives n of exp(s_in)) ),
 * averaged over anchors that have at least one positive and one negative (0 when none has). Cosine similarities
 * are bounded, and the log-sum-exp and softplus are evaluated in their stable forms.
 *
 * <p>{@link ContrastiveVariant#AUTHORS}: the published code's formula, with Euclidean distances d_ij:
 * loss_i = mean_p -log softmax_P(-d_i)_p + mean_n -log softmax_N(d_i)_n (a missing set contributes 0), averaged
 * over all anchors. Kept for reproduction studies only: it never contrasts positives with negatives.
 */
public final class SpatialContrastiveLoss extends Loss {
    /** Pushes masked-out similarities out of every log-sum-exp; similarities are bounded by 1/temperature. */
    private static final float MASKED = 1e4f;

    private final double positiveRadius;
    private final double negativeRadius;
    private final double maxRadius;
    private final double temperature;
    private final ContrastiveVariant variant;

    public SpatialContrastiveLoss(double positiveRadius, double negativeRadius, double maxRadius, double temperature, ContrastiveVariant variant) {
        super("contrastive");
        this.positiveRadius = positiveRadius;
        this.negativeRadius = negativeRadius;
        this.maxRadius = maxRadius;
        this.temperature = temperature;
        this.variant = variant;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        return evaluate(predictions.singletonOrThrow(), labels.singletonOrThrow());
    }

    /** The loss of embeddings {@code z} (n x d) of spots at {@code xy} (n x 2). */
    public NDArray evaluate(NDArray z, NDArray xy) {
        double[] flat = xy.toType(DataType.FLOAT64, false).toDoubleArray();
        double[][] points = new double[flat.length / 2][];
        int[] rows = new int[points.length];
        for (int i = 0; i < points.length; i++) {
            points[i] = new double[]{flat[2 * i], flat[2 * i + 1]};
            rows[i] = i;
        }
        return evaluate(z, neighbours(xy.getManager(), points, rows, z.getDataType()));
    }

    /** The loss of embeddings {@code z} (n x d) with neighbour masks from {@link #neighbours}. */
    public NDArray evaluate(NDArray z, Neighbours nb) {
        return variant == ContrastiveVariant.INFONCE ? infoNce(z, nb) : authors(z, nb);
    }

    /**
     * Positive and negative masks (n x n, 0/1 in {@code type}) of the spots {@code xy[rows[i]]}, computed on the
     * Java side: two small arrays handed to the engine instead of a dozen tensor operations per batch.
     */
    public Neighbours neighbours(NDManager manager, double[][] xy, int[] rows, DataType type) {
        int n = rows.length;
        double[] positive = new double[n * n];
        double[] negative = new double[n * n];
        for (int i = 0; i < n; i++) {
            double[] a = xy[rows[i]];
            for (int j = 0; j < n; j++) {
                double[] b = xy[rows[j]];
                double dx = a[0] - b[0], dy = a[1] - b[1];
                double d = Math.sqrt(dx * dx + dy * dy);
                if (i != j && d < positiveRadius) positive[i * n + j] = 1;
                if (d > negativeRadius && d < maxRadius) negative[i * n + j] = 1;
            }
        }
        // InfoNCE averages over anchors with at least one positive and one negative, each anchor's term being the
        // mean over its positives: the weight of anchor i is 1 / (its positives * the number of such anchors)
        double[] weights = new double[n];
        int anchors = 0;
        for (int i = 0; i < n; i++) {
            int pos = 0, neg = 0;
            for (int j = 0; j < n; j++) {
                pos += positive[i * n + j] > 0 ? 1 : 0;
                neg += negative[i * n + j] > 0 ? 1 : 0;
            }
            if (pos > 0 && neg > 0) {
                weights[i] = 1.0 / pos;
                anchors++;
            }
        }
        for (int i = 0; i < n; i++) weights[i] /= Math.max(anchors, 1);
        Shape shape = new Shape(n, n);
        return new Neighbours(mask(manager, positive, shape, type), mask(manager, negative, shape, type), mask(manager, weights, new Shape(n), type));
    }

    private static NDArray mask(NDManager manager, double[] values, Shape shape, DataType type) {
        if (type == DataType.FLOAT64) return manager.create(values, shape);
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) f[i] = (float) values[i];
        return manager.create(f, shape).toType(type, false);
    }

    private NDArray infoNce(NDArray z, Neighbours nb) {
        // the epsilon inside the root keeps the gradient finite even for an all-zero embedding
        NDArray unit = z.div(z.square().sum(new int[]{1}, true).add(Scalars.like(z, 1e-12)).sqrt());
        NDArray s = unit.matMul(unit.transpose()).div(Scalars.like(z, temperature));
        NDArray lseNeg = maskedLogSumExp(s, nb.negative);
        NDArray margin = lseNeg.sub(s);                       // -log(e^s / (e^s + e^lse)) = softplus(lse - s)
        NDArray perPair = softplus(margin).mul(nb.positive);
        return perPair.sum(new int[]{1}).mul(nb.anchorWeights).sum();
    }

    private static NDArray authors(NDArray z, Neighbours nb) {
        int n = (int) z.getShape().get(0);
        NDArray sq = z.square().sum(new int[]{1}, true);
        NDArray d2 = sq.add(sq.transpose()).sub(z.matMul(z.transpose()).mul(2f)).maximum(0f);
        // the diagonal is never used; keeping it away from sqrt(0) keeps its gradient finite
        NDArray d = d2.add(z.getManager().eye(n).toType(z.getDataType(), false)).sqrt();
        NDArray pos = meanNegLogSoftmax(d.neg(), nb.positive);
        NDArray neg = meanNegLogSoftmax(d, nb.negative);
        return pos.add(neg).mean();
    }

    /** Per row: mean over mask of -log softmax restricted to the mask (0 for an empty mask). */
    private static NDArray meanNegLogSoftmax(NDArray logits, NDArray mask) {
        NDArray lse = maskedLogSumExp(logits, mask);
        NDArray perPair = lse.sub(logits).mul(mask);
        return perPair.sum(new int[]{1}).div(mask.sum(new int[]{1}).maximum(1f));
    }

    /** log sum_j exp(x_ij) over mask_ij = 1, keeping dims (n x 1); stable by subtracting the row maximum. */
    static NDArray maskedLogSumExp(NDArray x, NDArray mask) {
        NDArray masked = x.sub(mask.neg().add(1f).mul(MASKED));
        NDArray m = masked.max(new int[]{1}, true).stopGradient();
        return masked.sub(m).exp().mul(mask).sum(new int[]{1}, true).add(1e-30f).log().add(m);
    }

    /** log(1 + e^x) without overflow. */
    static NDArray softplus(NDArray x) {
        return x.maximum(0f).add(x.abs().neg().exp().add(1f).log());
    }

    /**
     * Positive and negative masks (n x n, 0/1 in the embeddings' type) and the InfoNCE weight of each anchor (n):
     * see {@link #neighbours}.
     */
    public record Neighbours(NDArray positive, NDArray negative, NDArray anchorWeights) {
    }
}
