package org.stdeconv.train;

import java.util.Locale;

/**
 * How the training spots of a batch count in the proportion loss. {@code uniform}: equally. {@code composition}:
 * each by how many of the slide's spots the network currently predicts to have a composition like its own
 * ({@link CompositionWeights}), the importance weight that corrects a loss for label shift (the simulation's mix of
 * compositions is not the slide's), so the network spends its capacity on the compositions the slide holds.
 */
public enum LossWeighting {
    UNIFORM, COMPOSITION;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
