package org.stdeconv.infer;

import org.stdeconv.data.CsrMatrix;
import org.stdeconv.data.GeneAlignment;
import org.stdeconv.data.InputTransform;
import org.stdeconv.io.SpotSource;

/** Reads a block of spots, aligns it to the model's genes and applies the model's input transform. */
final class BatchPreparer {
    private final SpotSource slide;
    private final GeneAlignment alignment;
    private final InputTransform transform;
    private final boolean coordinates;
    private final boolean keepCounts;

    BatchPreparer(SpotSource slide, GeneAlignment alignment, InputTransform transform, boolean coordinates, boolean keepCounts) {
        this.slide = slide;
        this.alignment = alignment;
        this.transform = transform;
        this.coordinates = coordinates;
        this.keepCounts = keepCounts;
    }

    PreparedBatch prepare(int start, int size) {
        CsrMatrix raw = slide.readRows(start, size);
        CsrMatrix aligned = raw.remapColumns(alignment.sourceColumns());
        float[][] input = transform.apply(aligned);
        boolean[] noCounts = new boolean[size];
        for (int i = 0; i < size; i++) noCounts[i] = !(aligned.rowSum(i) > 0);
        double[][] xy = null;
        if (coordinates) {
            xy = new double[size][];
            for (int i = 0; i < size; i++) xy[i] = slide.spatial()[start + i].clone();
        }
        return new PreparedBatch(start, size, input, xy, keepCounts ? raw : null, noCounts);
    }
}
