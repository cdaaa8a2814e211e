package org.stdeconv.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import org.stdeconv.model.Scalars;

import java.util.Random;

/**
 * Spot mixing (optimization.spot_mixing): each spot of a training batch is replaced by a mixture of itself (weight
 * w, uniform in [0.5, 1]) and a random spot of the same batch (1 - w). A spot is a mixture of cells, so a mixture of
 * two spots is again a valid spot: expression is mixed in linear (counts per 10k) space, proportions with the same
 * weights, appended coordinates linearly. It widens the compositions the network sees beyond those of the training
 * spots, which helped on slides whose compositions differ from the simulation's (docs/benchmarks/accuracy.md).
 * Arrays are mixed outside autograd: the inputs carry no gradient.
 */
final class SpotMixer {
    private final NDArray inputs;
    private final NDArray truth;
    private final int genes;
    private final boolean logInput;
    private final Random random;

    /**
     * @param inputs   all training spots' network inputs (genes, then appended coordinates if any)
     * @param truth    their proportions
     * @param genes    how many leading input columns are genes
     * @param logInput whether gene inputs are log1p(counts per 10k), so mixing happens after expm1
     */
    SpotMixer(NDArray inputs, NDArray truth, int genes, boolean logInput, long seed) {
        this.inputs = inputs;
        this.truth = truth;
        this.genes = genes;
        this.logInput = logInput;
        // a stream of its own, apart from the batch order's Random(seed)
        this.random = new Random(seed ^ 0x6d69785370L);
    }

    /** Inputs and proportions of the mixed batch for these training rows: {x, y}, attached to {@code sm}. */
    NDArray[] batch(NDManager sm, int[] rows) {
        return draw(rows).arrays(sm, 0, rows.length);
    }

    /** Each row's partner and weight (the random part of a mixed batch, drawn in row order). */
    BatchDraw draw(int[] rows) {
        int n = rows.length;
        int[] partners = new int[n];
        float[] weights = new float[n];
        for (int i = 0; i < n; i++) {
            partners[i] = rows[random.nextInt(n)];
            weights[i] = (float) (0.5 + 0.5 * random.nextDouble());
        }
        return new BatchDraw(rows, partners, weights, this);
    }

    /** Row i = weights[i] * spot rows[i] + (1 - weights[i]) * spot partners[i]. */
    NDArray[] mix(NDManager sm, int[] rows, int[] partners, float[] weights) {
        int n = rows.length;
        float[] rest = new float[n];
        for (int i = 0; i < n; i++) rest[i] = 1f - weights[i];
        NDArray w = sm.create(weights, new Shape(n, 1));
        NDArray v = sm.create(rest, new Shape(n, 1));
        NDIndex own = new NDIndex("{}", sm.create(rows)), other = new NDIndex("{}", sm.create(partners));
        NDArray a = inputs.get(sm, own), b = inputs.get(sm, other);
        NDArray x;
        if (logInput) {
            NDArray one = Scalars.of(a, 1);
            NDIndex geneColumns = new NDIndex(":, :{}", genes);
            x = blend(a.get(geneColumns).exp().sub(one), b.get(geneColumns).exp().sub(one), w, v).add(one).log();
            if (a.getShape().get(1) > genes) {
                NDIndex coordinateColumns = new NDIndex(":, {}:", genes);
                x = x.concat(blend(a.get(coordinateColumns), b.get(coordinateColumns), w, v), 1);
            }
        } else {
            x = blend(a, b, w, v);
        }
        return new NDArray[]{x, blend(truth.get(sm, own), truth.get(sm, other), w, v)};
    }

    /** w * a + v * b, row by row (w and v are columns). */
    private static NDArray blend(NDArray a, NDArray b, NDArray w, NDArray v) {
        return a.mul(w).add(b.mul(v));
    }
}
