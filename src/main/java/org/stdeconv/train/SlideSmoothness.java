package org.stdeconv.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import org.stdeconv.model.Scalars;
import org.stdeconv.spatial.SpotGraph;

import java.util.Arrays;
import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * The spatial smoothness loss on the target slide (slide_smoothness.weight): the paper's idea that neighbouring
 * spots should look alike, applied to the slide being deconvolved rather than to the pseudo-spots' synthetic
 * layout. For a batch of target spots (at most slide_smoothness.pairs), each is paired with one of its neighbours in its slide's {@link SpotGraph} (drawn
 * with the seeded stream), and the loss is the weighted mean squared difference of their predicted proportions,
 * sum_e w_e |p_i - p_j|^2 / sum_e w_e, with w the expression similarity of the pair: a discrete form of CARD's
 * conditional autoregressive prior, learnt into the network instead of fitted per slide.
 */
final class SlideSmoothness {
    private final TargetNeighbours graph;
    private final NDArray targetInputs;
    private final Random random;
    private final int maxPairs;

    /** One slide: its graph's spots are the rows of {@code targetInputs}. */
    SlideSmoothness(SpotGraph graph, NDArray targetInputs, int maxPairs, long seed) {
        this(TargetNeighbours.of(graph), targetInputs, maxPairs, seed);
    }

    /** Several slides concatenated in {@code targetInputs}; each spot is paired with a neighbour on its own slide. */
    SlideSmoothness(TargetNeighbours graph, NDArray targetInputs, int maxPairs, long seed) {
        this.graph = graph;
        this.targetInputs = targetInputs;
        this.maxPairs = maxPairs;
        this.random = new Random(seed ^ 0x736d6f6f74L);
    }

    /**
     * The loss for the first {@code maxPairs} of these target spots that have a neighbour, or null when none has. {@code proportions} runs the
     * network (training mode) on a batch of inputs.
     */
    NDArray evaluate(NDManager sm, int[] targetRows, UnaryOperator<NDArray> proportions) {
        int[] from = new int[targetRows.length], to = new int[targetRows.length];
        float[] w = new float[targetRows.length];
        int m = 0;
        for (int spot : targetRows) {
            if (m == maxPairs) break;
            int[] nb = graph.neighbours(spot);
            if (nb.length == 0) continue;
            int e = random.nextInt(nb.length);
            from[m] = spot;
            to[m] = nb[e];
            w[m] = graph.weights(spot)[e];
            m++;
        }
        if (m == 0) return null;
        int[] rows = new int[2 * m];
        System.arraycopy(from, 0, rows, 0, m);
        System.arraycopy(to, 0, rows, m, m);
        NDArray p = proportions.apply(targetInputs.get(sm, new NDIndex("{}", sm.create(rows))));
        NDArray diff = p.get(new NDIndex("0:{}", m)).sub(p.get(new NDIndex("{}:", m)));
        NDArray weights = sm.create(Arrays.copyOf(w, m), new Shape(m, 1));
        NDArray total = weights.sum();
        return diff.square().mul(weights).sum().div(total.maximum(Scalars.of(total, 1e-12)));
    }
}
