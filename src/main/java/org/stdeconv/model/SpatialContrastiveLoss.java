package org.stdeconv.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
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
        Neighbours nb = Neighbours.of(xy, z.getDataType(), positiveRadius, negativeRadius, maxRadius);
        return variant == ContrastiveVariant.INFONCE ? infoNce(z, nb) : authors(z, nb);
    }

    private NDArray infoNce(NDArray z, Neighbours nb) {
        // the epsilon inside the root keeps the gradient finite even for an all-zero embedding
        NDArray unit = z.div(z.square().sum(new int[]{1}, true).add(Scalars.of(z, 1e-12)).sqrt());
        NDArray s = unit.matMul(unit.transpose()).div(Scalars.of(z, temperature));
        NDArray lseNeg = maskedLogSumExp(s, nb.negative);
        NDArray margin = lseNeg.sub(s);                       // -log(e^s / (e^s + e^lse)) = softplus(lse - s)
        NDArray perPair = LogisticLoss.softplus(margin).mul(nb.positive);
        NDArray nPos = nb.positive.sum(new int[]{1});
        NDArray nNeg = nb.negative.sum(new int[]{1});
        NDArray perAnchor = perPair.sum(new int[]{1}).div(nPos.maximum(Scalars.of(nPos, 1)));
        NDArray valid = nPos.gt(Scalars.of(nPos, 0)).logicalAnd(nNeg.gt(Scalars.of(nNeg, 0))).toType(z.getDataType(), false);
        return perAnchor.mul(valid).sum().div(valid.sum().maximum(Scalars.of(valid, 1)));
    }

    private static NDArray authors(NDArray z, Neighbours nb) {
        int n = (int) z.getShape().get(0);
        NDArray sq = z.square().sum(new int[]{1}, true);
        NDArray d2 = sq.add(sq.transpose()).sub(z.matMul(z.transpose()).mul(Scalars.of(z, 2))).maximum(Scalars.of(z, 0));
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
        return perPair.sum(new int[]{1}).div(mask.sum(new int[]{1}).maximum(Scalars.of(mask, 1)));
    }

    /** log sum_j exp(x_ij) over mask_ij = 1, keeping dims (n x 1); stable by subtracting the row maximum. */
    static NDArray maskedLogSumExp(NDArray x, NDArray mask) {
        NDArray masked = x.sub(mask.neg().add(Scalars.of(mask, 1)).mul(Scalars.of(mask, MASKED)));
        NDArray m = masked.max(new int[]{1}, true).stopGradient();
        return masked.sub(m).exp().mul(mask).sum(new int[]{1}, true).add(Scalars.of(x, 1e-30)).log().add(m);
    }

    /** Positive and negative masks (n x n, 0/1 in the embeddings' type) from spot coordinates. */
    record Neighbours(NDArray positive, NDArray negative) {
        static Neighbours of(NDArray xy, DataType type, double positiveRadius, double negativeRadius, double maxRadius) {
            int n = (int) xy.getShape().get(0);
            NDArray c = xy.toType(DataType.FLOAT64, false);
            NDArray dist = c.expandDims(1).sub(c.expandDims(0)).square().sum(new int[]{2}).sqrt();
            NDArray notSelf = xy.getManager().eye(n, n, 0, DataType.FLOAT64).neg().add(1.0);
            NDArray positive = dist.lt(positiveRadius).toType(DataType.FLOAT64, false).mul(notSelf).toType(type, false);
            NDArray negative = dist.gt(negativeRadius).logicalAnd(dist.lt(maxRadius)).toType(type, false);
            return new Neighbours(positive.stopGradient(), negative.stopGradient());
        }
    }
}
