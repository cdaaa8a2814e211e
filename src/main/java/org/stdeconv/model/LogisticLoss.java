package org.stdeconv.model;

import ai.djl.ndarray.NDArray;

/**
 * Binary cross-entropy on logits, the domain classifier's loss, in the overflow-free form softplus(x) - x y. Ours
 * rather than DJL's sigmoidBinaryCrossEntropyLoss, which scales its result by a Java number (see {@link Scalars}).
 */
public final class LogisticLoss {
    private LogisticLoss() {
    }

    /** Mean over all entries; {@code labels} in [0, 1], the shape of {@code logits}. */
    public static NDArray withLogits(NDArray logits, NDArray labels) {
        return softplus(logits).sub(logits.mul(labels)).mean();
    }

    /** log(1 + e^x) without overflow. */
    static NDArray softplus(NDArray x) {
        return x.maximum(Scalars.of(x, 0)).add(x.abs().neg().exp().add(Scalars.of(x, 1)).log());
    }
}
