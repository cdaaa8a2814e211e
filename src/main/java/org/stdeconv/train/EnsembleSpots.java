package org.stdeconv.train;

import java.util.Locale;

/**
 * Which training spots an ensemble's networks learn from. {@code shared}: all of them, each network with its own
 * seed. {@code disjoint}: network m of M the m-th of M interleaved parts of the training spots, so that each learns
 * from its own draw of pseudo-spots (simulate M times the spots one network needs). On STARmap two networks from
 * different draws averaged lowered the error about twice as much as two from one draw (docs/benchmarks/ablation.md,
 * session 15): the draw of pseudo-spots, not the training seed, holds most of a network's error on real spots.
 * {@code auto}: disjoint where every part keeps {@link #enoughForOnePart} spots, shared otherwise; splitting the card
 * protocol's 208 labelled spots in two cost 0.015 of RMSE on its external sets (session 16).
 */
public enum EnsembleSpots {
    SHARED, DISJOINT, AUTO;

    /**
     * The spots a part needs for auto to split: what the fixed first layer needs to be fitted on it (network.projection
     * components + 1, and fast's 256 + 1 where the layer is off), so that a part is a training set in its own right.
     */
    static int enoughForOnePart(int projection) {
        return Math.max(projection, 256) + 1;
    }

    /** What this choice means for {@code networks} networks on {@code trainingSpots} spots: shared or disjoint. */
    EnsembleSpots resolve(int networks, int trainingSpots, int projection) {
        if (this != AUTO) return this;
        return networks >= 2 && trainingSpots / networks >= enoughForOnePart(projection) ? DISJOINT : SHARED;
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
