package org.stdeconv.model;

import org.stdeconv.data.InputTransform;

import java.util.List;

/**
 * A trained deconvolution model as infer (and evaluate) use it: which genes it reads, in which order, how counts
 * are transformed, which cell types it predicts. Implementations hold native memory: close them.
 */
public interface ProportionModel extends AutoCloseable {
    /** Input genes, in the order the network reads them. */
    List<String> genes();

    /** Output cell types, in column order of {@link #predict}. */
    List<String> cellTypes();

    /** The training transform from counts to network input. */
    InputTransform transform();

    /** Whether the model also reads spot coordinates (the paper's optional (x, y) append). */
    boolean needsCoordinates();

    /**
     * Proportions for a batch of spots: rows already transformed and in {@link #genes()} order; {@code xy} (n x 2)
     * only when {@link #needsCoordinates()}, else null. Each returned row is non-negative and sums to 1.
     */
    float[][] predict(float[][] batch, double[][] xy);

    /** SHA-256 of the parameter files: recorded by infer so outputs say which model made them. */
    String checksum();

    @Override
    void close();

    /** The calibrated 90% intervals of this model's proportions, or null when it was trained without them. */
    default IntervalCalibration intervalCalibration() {
        return null;
    }
}
