package org.stdeconv.train;

import org.stdeconv.log.Log;

import java.util.ArrayList;
import java.util.List;

/**
 * Training data that trains, but not into what the user expects: said before training, so that the model's answers
 * are not taken at face value. Warnings, not refusals: each has a legitimate use (a type kept as an output on purpose,
 * a quick run with few held-out spots).
 */
final class TrainingDataWarnings {
    /** Fewer held-out spots than this make early stopping and the 90% interval calibration rest on too few errors. */
    static final int FEW_HELD_OUT = 50;

    private TrainingDataWarnings() {
    }

    static void warn(TrainingData data, String trainingDataFile, int folds) {
        List<String> absent = new ArrayList<>();
        for (int t = 0; t < data.cellTypes().size(); t++) {
            boolean seen = false;
            for (double[] row : data.y()) if (row[t] > 0) { seen = true; break; }
            if (!seen) absent.add(data.cellTypes().get(t));
        }
        if (!absent.isEmpty()) {
            Log.warn("%s: proportion 0 in every training spot (obs true_<type>) for %s: the model lists each as an output but cannot learn it, "
                    + "and will predict about 0 for it on every slide; give training spots that hold it, or drop its column",
                    trainingDataFile, String.join(", ", absent));
        }
        int heldOut = data.split().heldOut().length;
        if (heldOut > 0 && heldOut < FEW_HELD_OUT) {
            Log.warn("only %d training spot%s held out (folds: %d): early stopping and the 90%% intervals' calibration rest on %s; "
                    + "use fewer folds (5 holds out a fifth)", heldOut, heldOut == 1 ? " is" : "s are", folds, heldOut == 1 ? "that one spot" : "them alone");
        }
    }
}
