package org.stdeconv.train;

/**
 * What to do after each epoch (or round) given its validation RMSE: go on, halve the learning rate, or stop and
 * keep the best parameters. Two counters of units without a better RMSE: one since the best (early stopping after
 * {@code stopPatience}) and one since the best or the last halving (halve after {@code decayPatience},
 * reduce-on-plateau). After {@code maxDecays} halvings the next plateau stops training instead.
 *
 * <p>Why halve: Adam's steps have the size of the learning rate whatever the gradient, so at a fixed rate the
 * parameters keep jumping around the minimum and validation improves only by lucky epochs; halving lets them
 * settle. Why cap the halvings: at a small enough rate validation still improves by tiny amounts for a long time
 * (the demo without a cap: 0.0315 at epoch 115, 0.0309 by epoch 169, and early stopping only at epoch 270), which
 * costs time for a gain far below the spread between seeds.
 */
final class PlateauSchedule {
    /** IMPROVED: a new best (the caller keeps these parameters); HALVE: halve the rate by {@link #DECAY_FACTOR}. */
    enum Action { IMPROVED, CONTINUE, HALVE, STOP }

    static final float DECAY_FACTOR = 0.5f;

    private final int stopPatience;
    private final int decayPatience;
    private final int maxDecays;
    private double bestValue = Double.POSITIVE_INFINITY;
    private int bestUnit = -1;
    private int sinceBest;
    private int sinceChange;
    private int decays;
    private boolean stopped;

    /** Patience 0 turns that counter off; with both off, training runs every unit and keeps the last parameters. */
    PlateauSchedule(int stopPatience, int decayPatience, int maxDecays) {
        this.stopPatience = stopPatience;
        this.decayPatience = decayPatience;
        this.maxDecays = maxDecays;
    }

    /** Whether training may stop before its last unit, so that the best parameters must be kept. */
    boolean keepsBest() {
        return stopPatience > 0 || decayPatience > 0;
    }

    Action offer(int unit, double value) {
        if (value < bestValue) {
            bestValue = value;
            bestUnit = unit;
            sinceBest = 0;
            sinceChange = 0;
            return Action.IMPROVED;
        }
        sinceBest++;
        sinceChange++;
        if (stopPatience > 0 && sinceBest >= stopPatience) return stop();
        if (decayPatience > 0 && sinceChange >= decayPatience) {
            if (decays >= maxDecays) return stop();
            decays++;
            sinceChange = 0;
            return Action.HALVE;
        }
        return Action.CONTINUE;
    }

    private Action stop() {
        stopped = true;
        return Action.STOP;
    }

    boolean stopped() {
        return stopped;
    }

    double bestValue() {
        return bestValue;
    }

    int bestUnit() {
        return bestUnit;
    }

    int decays() {
        return decays;
    }
}
