package org.stdeconv.train;

import org.stdeconv.testing.StandardError;
import org.junit.jupiter.api.Test;
import org.stdeconv.data.InputTransform;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class TrainingDataWarningsTest {
    /** Four types over {@code spots} spots, Tcell absent from every one of them, the last {@code heldOut} held out. */
    private static TrainingData data(int spots, int heldOut, boolean withTcell) {
        double[][] y = new double[spots][4];
        for (int i = 0; i < spots; i++) {
            y[i][i % 3] = withTcell ? 0.5 : 1.0;
            if (withTcell) y[i][3] = 0.5;
        }
        int[] train = new int[spots - heldOut], held = new int[heldOut];
        for (int i = 0; i < train.length; i++) train[i] = i;
        for (int i = 0; i < heldOut; i++) held[i] = train.length + i;
        return new TrainingData(List.of("g1"), List.of("Bcell", "Myeloid", "Epithelial", "Tcell"), InputTransform.log1pCp10k(),
                new float[spots][1], y, null, new FoldSplit(train, held), null, null, List.of());
    }


    @Test
    void aTypeAbsentFromEveryTrainingSpotIsNamed() {
        // trained with exit 0 and no word, and infer then gave that type about 0 on every spot
        String err = StandardError.during(() -> TrainingDataWarnings.warn(data(400, 80, false), "spots.h5ad", 5));
        assertTrue(err.contains("WARNING: spots.h5ad: proportion 0 in every training spot (obs true_<type>) for Tcell: the model lists each as an output"), err);
        assertEquals("", StandardError.during(() -> TrainingDataWarnings.warn(data(400, 80, true), "spots.h5ad", 5)));
    }

    @Test
    void fewHeldOutSpotsAreSaidWithWhatRestsOnThem() {
        // folds as many as the spots held out one spot, on which early stopping and the intervals then rested
        String err = StandardError.during(() -> TrainingDataWarnings.warn(data(400, 1, true), "spots.h5ad", 400));
        assertTrue(err.contains("WARNING: only 1 training spot is held out (folds: 400): early stopping and the 90% intervals' calibration rest on that one spot"), err);
        assertEquals("", StandardError.during(() -> TrainingDataWarnings.warn(data(400, 0, true), "spots.h5ad", 1)), "folds: 1 holds out none, on purpose");
        assertEquals("", StandardError.during(() -> TrainingDataWarnings.warn(data(400, TrainingDataWarnings.FEW_HELD_OUT, true), "spots.h5ad", 8)));
    }
}
