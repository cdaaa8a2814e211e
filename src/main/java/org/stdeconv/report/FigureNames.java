package org.stdeconv.report;

import java.util.Locale;

/**
 * File names of per-type figures: the type's position keeps names unique when types differ only in punctuation, and
 * its name (reduced to safe characters) says what the file shows.
 */
public final class FigureNames {
    private FigureNames() {
    }

    /** {@code <prefix>_<NN>_<type>.png}, NN the 1-based position of the type. */
    public static String perType(String prefix, int index, String type) {
        String safe = type.replaceAll("[^A-Za-z0-9._-]+", "_");
        if (safe.length() > 40) safe = safe.substring(0, 40);
        return String.format(Locale.ROOT, "%s_%02d_%s.png", prefix, index + 1, safe);
    }
}
