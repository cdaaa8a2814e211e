package org.stdeconv.data;

import java.util.Locale;

/**
 * {@code String.format(Locale.ROOT, "%.6f" / "%.6g", v)} with the same characters, about ten times faster: tables
 * of a million spots spend most of their writing time in Formatter. The fast path rounds v x 10^k to a long; where
 * that could differ from Formatter's half-up rounding of the shortest decimal (v close to a rounding boundary, very
 * large or small, NaN, infinite, zero for %g), it asks Formatter itself.
 */
public final class DecimalText {
    private static final long[] POW10 = new long[19];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) POW10[i] = POW10[i - 1] * 10;
    }

    private DecimalText() {
    }

    /** As {@code "%.6f"}. */
    public static void fixed6(StringBuilder out, double v) {
        if (!(Math.abs(v) < 1e4) || !appendRounded(out, v, 6)) out.append(String.format(Locale.ROOT, "%.6f", v));
    }

    /** As {@code "%.6g"}: six significant digits, plain notation for 1e-4 <= |v| < 1e6. */
    public static void general6(StringBuilder out, double v) {
        double a = Math.abs(v);
        if (a >= 1e-4 && a < 1e6) {
            int intDigits = 1;
            while (intDigits < 7 && a >= POW10[intDigits]) intDigits++;
            if (a < 1) {
                intDigits = 0;
                while (a * POW10[-intDigits + 1] < 1) intDigits--;
            }
            int decimals = 6 - intDigits;
            if (decimals >= 0 && decimals <= 10 && a * POW10[decimals] < 999_999.5 - 1e-3 && appendRounded(out, v, decimals)) return;
        }
        out.append(String.format(Locale.ROOT, "%.6g", v));
    }

    /** Appends v with {@code decimals} places, or returns false (appending nothing) when rounding is ambiguous. */
    private static boolean appendRounded(StringBuilder out, double v, int decimals) {
        double x = Math.abs(v) * POW10[decimals];
        double frac = x - Math.floor(x);
        if (Math.abs(frac - 0.5) < 1e-4 || x > 1e13) return false;
        long r = (long) Math.floor(x + 0.5);
        if (v < 0 || (v == 0 && 1 / v < 0)) out.append('-');
        long whole = r / POW10[decimals], part = r % POW10[decimals];
        out.append(whole);
        if (decimals > 0) {
            out.append('.');
            String p = Long.toString(part);
            for (int i = p.length(); i < decimals; i++) out.append('0');
            out.append(p);
        }
        return true;
    }
}
