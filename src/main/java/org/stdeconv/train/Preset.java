package org.stdeconv.train;

import java.util.Locale;

/**
 * Settings bundles. {@code fast}: joint training of the KL loss on proportions over mixed pseudo-spots, through a
 * fixed first layer, in a short cosine schedule (docs/method.md has the table). {@code paper}: the published
 * schedule (60 rounds of 30 predictor epochs then 30 domain epochs, batch 32, Adam 3e-4) with the losses implemented
 * as the paper describes them. Keys the user sets explicitly win.
 */
public enum Preset {
    FAST, PAPER;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
