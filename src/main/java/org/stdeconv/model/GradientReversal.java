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
        // value: x' + (x - x') * -l with x' = x held constant, i.e. exactly x; gradient: exactly -l
        NDArray held = x.stopGradient();
        return held.add(x.sub(held).mul(Scalars.of(x, -lambda)));
    }
}
