package org.stdeconv.train;

import java.util.Locale;

/**
 * How the training spots of a batch count in the MMD term. {@code marginal}: equally (plain MMD between the two
 * samples). {@code composition}: each training spot by how many of the slide's spots have a composition like its
 * own, as the network currently predicts them ({@link CompositionWeights}), so that the pseudo-spots are aligned with
 * the slide only in the proportion the slide holds their kind of composition (label shift).
 */
public enum MmdWeighting {
    MARGINAL, COMPOSITION;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
