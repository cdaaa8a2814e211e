package org.stdeconv.train;

/** Mean losses over the steps of one epoch (or round), its learning rate and the validation RMSE after it. */
public final class EpochLosses {
    static final String[] COLUMNS = {"loss_total", "loss_l1", "loss_kl", "loss_contrastive", "loss_mmd", "loss_domain", "loss_smoothness", "loss_self_training"};

    private final double[] sums = new double[COLUMNS.length];
    private final int[] counts = new int[COLUMNS.length];
    int epoch;
    double validationRmse = Double.NaN;
    /** The predictor's learning rate in this epoch (before warmup's ramp); changes when it decays on a plateau. */
    double learningRate = Double.NaN;

    EpochLosses(int epoch) {
        this.epoch = epoch;
    }

    void add(int column, double value) {
        sums[column] += value;
        counts[column]++;
    }

    /** One step's values, every column NaN (not measured) to begin with. */
    static double[] unmeasured() {
        double[] v = new double[COLUMNS.length];
        java.util.Arrays.fill(v, Double.NaN);
        return v;
    }

    /** Adds one step's values, skipping the columns it did not measure. */
    void addMeasured(double[] values) {
        for (int c = 0; c < values.length; c++) if (!Double.isNaN(values[c])) add(c, values[c]);
    }

    public int epoch() {
        return epoch;
    }

    public double validationRmse() {
        return validationRmse;
    }

    public double mean(int column) {
        return counts[column] == 0 ? Double.NaN : sums[column] / counts[column];
    }

    static final int TOTAL = 0, L1 = 1, KL = 2, CONTRASTIVE = 3, MMD = 4, DOMAIN = 5, SMOOTHNESS = 6, SELF_TRAINING = 7;
}
