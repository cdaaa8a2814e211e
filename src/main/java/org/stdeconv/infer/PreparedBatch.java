package org.stdeconv.infer;

import org.stdeconv.data.CsrMatrix;

/**
 * Spots [start, start + size) ready for the network: transformed input in model gene order, coordinates when the
 * model reads them, the raw counts only when the annotated .h5ad copies them, and which spots have no counts over
 * the model's genes (nothing to deconvolve: infer reports NaN for them rather than the network's answer to zeros),
 * and, when the slide's noise is measured, the two halves of the measured spots' counts ({@link ThinnedNoise}).
 */
record PreparedBatch(int start, int size, float[][] input, double[][] xy, CsrMatrix rawCounts, boolean[] noCounts,
                     ThinnedNoise.Halves halves) {
}
