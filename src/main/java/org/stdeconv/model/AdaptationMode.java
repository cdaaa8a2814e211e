package org.stdeconv.model;

import java.util.Locale;

/** Which domain-adaptation losses act on the encoder. */
public enum AdaptationMode {
    NONE, MMD, DANN, BOTH;

    public boolean usesMmd() {
        return this == MMD || this == BOTH;
    }

    public boolean usesDann() {
        return this == DANN || this == BOTH;
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
