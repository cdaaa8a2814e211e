package org.stdeconv.model;

import java.util.Locale;

/**
 * {@code standard}: a real multi-kernel MMD on encoder features and DANN with gradient reversal.
 * {@code authors}: the published code (reproduction only): "MMD" = 2 - 2 mean k(x, y) on the domain classifier's
 * 1-D outputs, and a domain phase that trains the classifier without ever updating the encoder.
 */
public enum AdaptationVariant {
    STANDARD, AUTHORS;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
