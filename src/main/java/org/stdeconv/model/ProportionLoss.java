package org.stdeconv.model;

import ai.djl.ndarray.NDArray;

import java.util.Locale;

/**
 * The loss between the proportion head's softmax output and a spot's true proportions (train's
 * optimization.proportion_loss). {@code l1}: the paper's mean absolute error over spots and types. {@code kl}: the
 * Kullback-Leibler divergence from the true composition to the predicted one, summed over types and averaged over
 * spots, i.e. the cross-entropy of soft labels minus its constant part. The head ends in a softmax, so KL is the loss
 * that output is made for: its gradient on the head's logits is (p - y) / spots, proportional to the error, where
 * L1's is a sign of fixed size whatever the error; on STARmap it reached a lower error in the same steps
 * (docs/benchmarks/ablation.md, session 12).
 */
public enum ProportionLoss {
    L1, KL;

    /** Guards log(0): a softmax in float32 underflows to 0 for logits about 87 below the largest. */
    private static final double EPSILON = 1e-8;

    /** The loss of {@code predicted} (spots x types, rows summing to 1) against {@code truth} of the same shape. */
    public NDArray evaluate(NDArray predicted, NDArray truth) {
        return evaluate(predicted, truth, null);
    }

    /**
     * The loss with each spot's share weighted by {@code spotWeights} (a spots x 1 column summing to 1) instead of
     * averaged; null averages, as {@link #evaluate(NDArray, NDArray)}.
     */
    public NDArray evaluate(NDArray predicted, NDArray truth, NDArray spotWeights) {
        if (spotWeights != null) {
            NDArray perSpot = switch (this) {
                case L1 -> predicted.sub(truth).abs().mean(new int[]{1}, true);
                case KL -> truth.mul(logRatio(predicted, truth)).sum(new int[]{1}, true);
            };
            return perSpot.mul(spotWeights).sum();
        }
        return switch (this) {
            case L1 -> meanAbsoluteError(predicted, truth);
            case KL -> truth.mul(logRatio(predicted, truth)).sum(new int[]{1}).mean();
        };
    }

    private static NDArray logRatio(NDArray predicted, NDArray truth) {
        NDArray eps = Scalars.of(predicted, EPSILON);
        return truth.add(eps).log().sub(predicted.add(eps).log());
    }

    /** Mean |predicted - truth| over spots and types: the L1 loss, and the figure the log shows whatever the loss. */
    public static NDArray meanAbsoluteError(NDArray predicted, NDArray truth) {
        return predicted.sub(truth).abs().mean();
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
