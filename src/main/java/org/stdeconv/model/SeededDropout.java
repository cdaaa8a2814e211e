package org.stdeconv.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Dropout whose masks come from its network's {@link DropoutMasks} instead of PyTorch's global generator, so that
 * networks trained at the same time on different threads stay reproducible. Identity outside training.
 */
final class SeededDropout extends AbstractBlock {
    /** The encoding version DJL's Dropout writes (input shapes only): models saved with it load unchanged. */
    private static final byte VERSION = 2;

    private final float rate;
    private final DropoutMasks masks;

    SeededDropout(float rate, DropoutMasks masks) {
        super(VERSION);
        if (!(rate > 0 && rate < 1)) throw new IllegalArgumentException("dropout rate " + rate + " outside (0, 1)");
        this.rate = rate;
        this.masks = masks;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        if (!training) return inputs;
        NDArray x = inputs.singletonOrThrow();
        NDArray mask = x.getManager().create(masks.draw(Math.toIntExact(x.size()), rate), x.getShape());
        return new NDList(x.mul(mask));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
