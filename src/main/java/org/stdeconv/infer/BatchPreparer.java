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
    private final ThinnedNoise noise;

    /** {@code noise}: the slide's noise measurement whose spots' counts are split, or null. */
    BatchPreparer(SpotSource slide, GeneAlignment alignment, InputTransform transform, boolean coordinates, boolean keepCounts, ThinnedNoise noise) {
        this.slide = slide;
        this.alignment = alignment;
        this.transform = transform;
        this.coordinates = coordinates;
        this.keepCounts = keepCounts;
        this.noise = noise;
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
        ThinnedNoise.Halves halves = noise == null ? null : noise.halves(aligned, start, transform, xy);
        return new PreparedBatch(start, size, input, xy, keepCounts ? raw : null, noCounts, halves);
    }
}
