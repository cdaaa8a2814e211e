package org.stdeconv.model;

import java.util.Locale;

/**
 * {@code infonce}: each positive (a spatial neighbour) is contrasted against the anchor's negatives (spots in the
 * outer ring), on cosine similarities. {@code authors}: the published code's formula, which averages -log softmax
 * within positives and within negatives separately (minimised by collapsing embeddings); for reproduction only.
 */
public enum ContrastiveVariant {
    INFONCE, AUTHORS;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
