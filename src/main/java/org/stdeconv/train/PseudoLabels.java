package org.stdeconv.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.function.Function;

/**
 * The soft labels of self-training: the network's own proportions (eval mode, no dropout) for every target spot,
 * taken first after a share of the predictor steps and again at intervals, optionally sharpened. Between two takes
 * they stand still, so the training-mode network (dropout on) is pulled towards what it answered before: a teacher
 * that is the network itself a few hundred steps ago, at the cost of one eval pass over the slide per take.
 */
final class PseudoLabels {
    private final int firstStep;
    private final int everySteps;
    private final double temperature;
    private final int targetSpots;
    /** Target spots of a step the term acts on (self_training.spots). */
    private final int spotsPerStep;
    private final Function<int[], float[][]> predict;
    private float[][] labels;
    private int step;

    /**
     * @param totalSteps the run's predictor steps (the takes are timed as shares of them)
     * @param predict    the network's proportions (eval mode) for these target rows
     */
    PseudoLabels(SelfTrainingSection cfg, int totalSteps, int targetSpots, Function<int[], float[][]> predict) {
        this.firstStep = (int) Math.floor(cfg.start * totalSteps);
        this.everySteps = Math.max(1, (int) Math.round(cfg.every * totalSteps));
        this.temperature = cfg.temperature;
        this.targetSpots = targetSpots;
        this.spotsPerStep = cfg.spots;
        this.predict = predict;
    }

    /** Counts a predictor step, taking the labels again when a take is due; whether labels exist (the term acts). */
    boolean beforeStep() {
        if (step >= firstStep && (step - firstStep) % everySteps == 0) {
            int[] all = new int[targetSpots];
            for (int i = 0; i < all.length; i++) all[i] = i;
            float[][] taken = predict.apply(all);
            for (float[] row : taken) sharpen(row, temperature);
            labels = taken;
        }
        step++;
        return labels != null;
    }

    /**
     * Counts a predictor step ({@link #beforeStep}); the first self_training.spots rows of the step's target batch
     * the term acts on, or null while there are no labels yet.
     */
    int[] rowsThisStep(int[] targetRows) {
        return beforeStep() ? java.util.Arrays.copyOf(targetRows, Math.min(spotsPerStep, targetRows.length)) : null;
    }

    /** The labels of these target rows (rows x types), in their order. */
    NDArray of(NDManager sm, int[] rows) {
        int k = labels[0].length;
        float[] flat = new float[rows.length * k];
        for (int i = 0; i < rows.length; i++) System.arraycopy(labels[rows[i]], 0, flat, i * k, k);
        return sm.create(flat, new Shape(rows.length, k));
    }

    /** Raises each proportion to 1 / temperature and renormalises the row (temperature 1 leaves it as it is). */
    static void sharpen(float[] row, double temperature) {
        if (temperature == 1) return;
        double sum = 0;
        double[] raised = new double[row.length];
        for (int c = 0; c < row.length; c++) {
            raised[c] = Math.pow(Math.max(row[c], 0), 1 / temperature);
            sum += raised[c];
        }
        // a row that underflowed to zero everywhere keeps its predicted values
        if (!(sum > 0)) return;
        for (int c = 0; c < row.length; c++) row[c] = (float) (raised[c] / sum);
    }
}
