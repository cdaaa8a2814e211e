package org.stdeconv.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import java.util.Arrays;

/**
 * The rows of one training batch and, with spot mixing, each row's partner and weight: drawn in full before any
 * arrays are made, so that a range of the batch can be made on another thread (optimization.batch_shards) with the
 * same values it would have in the whole batch.
 *
 * @param partners null without spot mixing
 */
record BatchDraw(int[] rows, int[] partners, float[] weights, SpotMixer mixer, TrainingArrays plain) {
    BatchDraw(int[] rows, int[] partners, float[] weights, SpotMixer mixer) {
        this(rows, partners, weights, mixer, null);
    }

    /** Unmixed rows. */
    static BatchDraw unmixed(int[] rows, TrainingArrays arrays) {
        return new BatchDraw(rows, null, null, null, arrays);
    }

    int size() {
        return rows.length;
    }

    /** Inputs and proportions {x, y} of the batch's rows from..to-1, attached to {@code sm}. */
    NDArray[] arrays(NDManager sm, int from, int to) {
        int[] part = Arrays.copyOfRange(rows, from, to);
        if (mixer == null) return plain.plain(sm, part);
        return mixer.mix(sm, part, Arrays.copyOfRange(partners, from, to), Arrays.copyOfRange(weights, from, to));
    }
}
