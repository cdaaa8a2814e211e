package org.stdeconv.train;

import java.util.Locale;

/**
 * Which training spots an ensemble's networks learn from. {@code shared}: all of them, each network with its own
 * seed. {@code disjoint}: network m of M the m-th of M interleaved parts of the training spots, so that each learns
 * from its own draw of pseudo-spots (simulate M times the spots one network needs). On STARmap two networks from
 * different draws averaged lowered the error about twice as much as two from one draw (docs/benchmarks/ablation.md,
 * session 15): the draw of pseudo-spots, not the training seed, holds most of a network's error on real spots.
 */
public enum EnsembleSpots {
    SHARED, DISJOINT;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
