package org.stdeconv.train;

import org.stdeconv.model.InputProfiles;
import org.stdeconv.model.IntervalCalibration;

/** Fits the model's {@link IntervalCalibration} on the held-out pseudo-spots of a training run (kept apart from the trainer). */
final class HeldOutCalibration {
    private HeldOutCalibration() {
    }

    /**
     * {@code predictions}: the final model's (or ensemble mean's) proportions for {@code data.split().heldOut()}, in
     * that order. The input profiles that measure each spot's difficulty are fitted on the training rows only, so the
     * held-out spots are unmixed on profiles that have not seen them, as a slide's spots are.
     */
    static IntervalCalibration fit(TrainingData data, float[][] predictions) {
        int[] rows = data.split().heldOut();
        double[][] truth = new double[rows.length][];
        float[][] inputs = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            truth[i] = data.y()[rows[i]];
            inputs[i] = data.x()[rows[i]];
        }
        InputProfiles profiles = InputProfiles.fit(data.x(), data.y(), data.split().train());
        return IntervalCalibration.fit(data.cellTypes(), predictions, truth, inputs, profiles);
    }
}
