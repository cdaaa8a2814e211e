package org.stdeconv.train;

import java.util.Locale;

/**
 * How the losses take turns. {@code joint}: every step minimises proportion, contrastive and adaptation losses
 * together (the domain classifier learns through a gradient-reversal layer in the same step). {@code alternating}:
 * the paper's rounds: first predictor epochs (proportion + contrastive + MMD), then domain epochs (domain
 * classifier, and the encoder through gradient reversal).
 */
public enum Schedule {
    JOINT, ALTERNATING;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
