package org.stdeconv.train;

import org.stdeconv.model.IntervalCalibration;

/** Fits the model's {@link IntervalCalibration} on the held-out pseudo-spots of a training run (kept apart from the trainer). */
final class HeldOutCalibration {
    private HeldOutCalibration() {
    }

    /** {@code predictions}: the final model's (or ensemble mean's) proportions for {@code data.split().heldOut()}, in that order. */
    static IntervalCalibration fit(TrainingData data, float[][] predictions) {
        int[] rows = data.split().heldOut();
        double[][] truth = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) truth[i] = data.y()[rows[i]];
        return IntervalCalibration.fit(data.cellTypes(), predictions, truth);
    }
}
