package org.stdeconv.infer;

import org.stdeconv.data.CsrMatrix;

/**
 * Spots [start, start + size) ready for the network: transformed input in model gene order, coordinates when the
 * model reads them, and the raw counts only when the annotated .h5ad copies them.
 */
record PreparedBatch(int start, int size, float[][] input, double[][] xy, CsrMatrix rawCounts) {
}
