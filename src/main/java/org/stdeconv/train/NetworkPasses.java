package org.stdeconv.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import org.stdeconv.model.DeconvNetwork;
import org.stdeconv.model.GradientReversal;
import org.stdeconv.model.LogisticLoss;

/** Training-mode passes through the network's parts, as the trainer's steps compose them. */
final class NetworkPasses {
    private final DeconvNetwork net;
    private final ParameterStore ps;
    private final TrainingArrays arrays;

    NetworkPasses(DeconvNetwork net, ParameterStore ps, TrainingArrays arrays) {
        this.net = net;
        this.ps = ps;
        this.arrays = arrays;
    }

    NDArray forward(Block block, NDArray x) {
        return block.forward(ps, new NDList(x), true).singletonOrThrow();
    }

    /** Proportions (softmax of the head) of embeddings {@code z}. */
    NDArray head(NDArray z) {
        return forward(net.head(), z);
    }

    /** Proportions of network inputs {@code x}. */
    NDArray proportions(NDArray x) {
        return head(forward(net.encoder(), x));
    }

    /**
     * Encoder features of training spots {@code x} and, with {@code targetRows}, of those target spots, from one
     * pass over both: the 3000-gene input layer's product and weight gradient then cost one matrix operation each
     * instead of two (about 6 ms of a 25 ms paper-preset step).
     */
    NDArray[] encode(NDManager sm, NDArray x, int[] targetRows) {
        if (targetRows == null) return new NDArray[]{forward(net.encoder(), x), null};
        long n = x.getShape().get(0);
        NDArray both = forward(net.encoder(), x.concat(arrays.target(sm, targetRows), 0));
        return new NDArray[]{both.get(new NDIndex("0:{}", n)), both.get(new NDIndex("{}:", n))};
    }

    /** The domain classifier's outputs for embeddings {@code z}. */
    NDArray domain(NDArray z) {
        return forward(net.domainClassifier(), z);
    }

    /**
     * Binary cross-entropy of the domain classifier (training spots = 1, target = 0), behind gradient reversal with
     * coefficient {@code reversal}, or on frozen features when {@code reversal} is negative.
     */
    NDArray domainLoss(NDManager sm, NDArray z, NDArray zt, double reversal) {
        NDArray pooled = z.concat(zt, 0);
        NDArray in = reversal >= 0 ? GradientReversal.apply(pooled, (float) reversal) : pooled.stopGradient();
        NDArray logits = domain(in);
        long n = z.getShape().get(0), m = zt.getShape().get(0);
        NDArray labels = sm.ones(new Shape(n, 1)).concat(sm.zeros(new Shape(m, 1)), 0);
        return LogisticLoss.withLogits(logits, labels);
    }
}
