package org.stdeconv.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * The published code's "MMD", for reproduction studies only: on the domain classifier's outputs it averages only
 * the diagonal of the xx and yy kernel terms (always 1), so it equals 2 - 2 mean exp(-(x - y)^2 / 2) and is not
 * 0 for identical samples. Predictions: [source outputs (n x 1), target outputs (m x 1)].
 */
public final class AuthorsMmdLoss extends Loss {
    public AuthorsMmdLoss() {
        super("authors_mmd");
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        return evaluate(predictions.get(0), predictions.get(1));
    }

    public NDArray evaluate(NDArray source, NDArray target) {
        NDArray diff = source.reshape(-1, 1).sub(target.reshape(1, -1));
        NDArray kxy = diff.square().neg().div(Scalars.of(diff, 2)).exp().mean();
        return kxy.mul(Scalars.of(kxy, -2)).add(Scalars.of(kxy, 2));
    }
}
