package org.stdeconv.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.Arrays;
import java.util.Random;
import java.util.function.Function;

/**
 * Weights of the training spots in the MMD term under domain_adaptation.mmd_weighting: composition. Plain MMD pulls
 * the whole pseudo-spot sample onto the whole slide; when the two hold different mixes of compositions (label shift:
 * the simulation's prior is not the slide's) that moves features of one composition towards spots of another. Here
 * each target spot is assigned, softly, to the training spots of the batch whose true composition is nearest its
 * predicted one, and a training spot weighs as much as the target spots assigned to it (a nearest-neighbour estimate of
 * the density ratio slide / pseudo-spots in composition space). The slide's compositions are the network's own
 * predictions, so they are estimated only after a share of the training and renewed as it goes; until then the MMD
 * term is off.
 */
final class CompositionWeights {
    /** Target spots per estimate: bounds the cost of a step (batch x targets x types). */
    static final int MAX_TARGETS = 1024;
    /** Smallest assignment bandwidth (squared composition distance): keeps identical compositions finite. */
    private static final double MIN_BANDWIDTH = 1e-4;

    private final int firstStep;
    private final int everySteps;
    private final double maxWeight;
    private final int targetSpots;
    private final Function<int[], float[][]> predict;
    private final Random random;
    private float[][] targets;
    private int step;

    /**
     * @param totalSteps  the run's predictor steps (the estimate's timing is a share of them)
     * @param predict     the network's proportions (eval mode) for these target rows
     */
    CompositionWeights(AdaptationSection cfg, int totalSteps, int targetSpots, long seed, Function<int[], float[][]> predict) {
        this.firstStep = (int) Math.floor(cfg.weightingStart * totalSteps);
        this.everySteps = Math.max(1, (int) Math.round(cfg.weightingEvery * totalSteps));
        this.maxWeight = cfg.weightingMax;
        this.targetSpots = targetSpots;
        this.predict = predict;
        // a stream of its own: the batch orders and spot mixing draw exactly as without weighting
        this.random = new Random(seed ^ 0x636f6d70L);
    }

    /** Counts a predictor step, renewing the estimate when one is due; whether an estimate exists (MMD may act). */
    boolean beforeStep() {
        if (step >= firstStep && (step - firstStep) % everySteps == 0) targets = predict.apply(sample());
        step++;
        return targets != null;
    }

    /** The batch's weights as a column (n x 1) that sums to 1, for compositions {@code y} (n x types). */
    NDArray weights(NDManager sm, NDArray y) {
        int n = (int) y.getShape().get(0), k = (int) y.getShape().get(1);
        float[] flat = y.toFloatArray();
        float[][] batch = new float[n][];
        for (int i = 0; i < n; i++) batch[i] = Arrays.copyOfRange(flat, i * k, (i + 1) * k);
        double[] w = of(batch, targets, maxWeight);
        float[] column = new float[n];
        for (int i = 0; i < n; i++) column[i] = (float) (w[i] / n);
        return sm.create(column, new Shape(n, 1));
    }

    /** All target rows, or a fresh random subset of {@link #MAX_TARGETS} of them. */
    private int[] sample() {
        int[] rows = new int[targetSpots];
        for (int i = 0; i < rows.length; i++) rows[i] = i;
        if (rows.length <= MAX_TARGETS) return rows;
        for (int i = 0; i < MAX_TARGETS; i++) {
            int j = i + random.nextInt(rows.length - i);
            int t = rows[i];
            rows[i] = rows[j];
            rows[j] = t;
        }
        return Arrays.copyOf(rows, MAX_TARGETS);
    }

    /**
     * Weights (mean 1, none above {@code maxWeight}) of the batch compositions {@code batch} so that the weighted batch
     * resembles the compositions {@code targets}: each target is shared among the batch spots by
     * exp(-d^2 / h) with d the composition distance, h the median over targets of the distance to their nearest batch
     * spot (so a target goes mostly to its few nearest spots whatever the number of types).
     */
    static double[] of(float[][] batch, float[][] targets, double maxWeight) {
        int n = batch.length, m = targets.length;
        double[][] d2 = new double[m][n];
        double[] nearest = new double[m];
        for (int j = 0; j < m; j++) {
            double min = Double.POSITIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int c = 0; c < batch[i].length; c++) {
                    double e = targets[j][c] - batch[i][c];
                    s += e * e;
                }
                d2[j][i] = s;
                min = Math.min(min, s);
            }
            nearest[j] = min;
        }
        double[] sorted = nearest.clone();
        Arrays.sort(sorted);
        double h = Math.max(MIN_BANDWIDTH, sorted[m / 2]);
        double[] w = new double[n];
        double[] a = new double[n];
        for (int j = 0; j < m; j++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                a[i] = Math.exp(-(d2[j][i] - nearest[j]) / h);
                sum += a[i];
            }
            for (int i = 0; i < n; i++) w[i] += a[i] / sum;
        }
        return capped(w, maxWeight);
    }

    /**
     * Scaled to mean 1 with no weight above {@code cap} (>= 1): the spots above the cap are held at it and the others
     * scaled up to make up the mean, until none exceeds it.
     */
    static double[] capped(double[] w, double cap) {
        int n = w.length;
        boolean[] held = new boolean[n];
        int heldCount = 0;
        while (true) {
            double free = 0;
            for (int i = 0; i < n; i++) if (!held[i]) free += w[i];
            double scale = free > 0 ? (n - cap * heldCount) / free : 0;
            boolean more = false;
            for (int i = 0; i < n; i++) {
                if (!held[i] && w[i] * scale > cap) {
                    held[i] = true;
                    heldCount++;
                    more = true;
                }
            }
            if (more) continue;
            double[] out = new double[n];
            int freeCount = n - heldCount;
            for (int i = 0; i < n; i++) {
                // no mass left outside the held spots: the remainder is shared evenly
                out[i] = held[i] ? cap : free > 0 ? w[i] * scale : (n - cap * heldCount) / freeCount;
            }
            return out;
        }
    }
}
