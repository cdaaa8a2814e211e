package org.stdeconv.model;

import ai.djl.ndarray.NDArray;

/**
 * DANN's gradient-reversal layer: the identity going forward, the gradient times {@code -lambda} going back, so
 * that the encoder learns to fool the domain classifier that learns (normally) behind it.
 */
public final class GradientReversal {
    private GradientReversal() {
    }

    public static NDArray apply(NDArray x, float lambda) {
        // value: -l*x + (1+l)*x = x; gradient: only the first term is tracked, so it is exactly -l
        return x.mul(-lambda).add(x.mul(1 + lambda).stopGradient());
    }
}
