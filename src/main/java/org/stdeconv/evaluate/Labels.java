package org.stdeconv.evaluate;

import java.util.Locale;

/** Text form of numeric annotation values (layer 3.0 reads "3"). */
final class Labels {
    private Labels() {
    }

    static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        return String.format(Locale.ROOT, "%s", v);
    }
}
