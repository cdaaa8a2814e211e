package org.stdeconv.train;

import java.util.Locale;

/** How the learning rate falls over a run after its warmup: kept (none) or along half a cosine to zero. */
public enum Annealing {
    NONE, COSINE;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
