package org.stdeconv.io;

import java.util.List;
import java.util.Locale;

/**
 * Where spot coordinates come from in text inputs: a pair of named columns, or spot names of the form "XxY" (the
 * Stahl et al. ST convention, e.g. "10x13" is x = 10, y = 13, as CARD's and ST-deconv's published sets use).
 */
public final class Coordinates {
    /** Recognised column pairs, x first; the first pair present wins. Rows are y, columns x (image convention). */
    private static final String[][] PAIRS = {
            {"x", "y"}, {"col", "row"}, {"imagecol", "imagerow"}, {"pxl_col_in_fullres", "pxl_row_in_fullres"},
            {"array_col", "array_row"}};

    private Coordinates() {
    }

    /** Indexes {x, y} of a recognised coordinate pair in {@code header}, or null. */
    public static int[] findColumns(List<String> header) {
        for (String[] p : PAIRS) {
            int x = indexOf(header, p[0]), y = indexOf(header, p[1]);
            if (x >= 0 && y >= 0) return new int[]{x, y};
        }
        return null;
    }

    private static int indexOf(List<String> header, String name) {
        for (int i = 0; i < header.size(); i++) if (header.get(i).trim().toLowerCase(Locale.ROOT).equals(name)) return i;
        return -1;
    }

    /** Coordinates parsed from "XxY" names, or null unless every name has that form. */
    public static double[][] fromSpotNames(List<String> names) {
        if (names.isEmpty()) return null;
        double[][] xy = new double[names.size()][];
        for (int i = 0; i < xy.length; i++) {
            xy[i] = parseSpotName(names.get(i));
            if (xy[i] == null) return null;
        }
        return xy;
    }

    public static boolean isSpotName(String s) {
        return parseSpotName(s) != null;
    }

    private static double[] parseSpotName(String s) {
        int k = s.indexOf('x');
        if (k <= 0 || k == s.length() - 1 || s.indexOf('x', k + 1) >= 0) return null;
        try {
            double x = Double.parseDouble(s.substring(0, k)), y = Double.parseDouble(s.substring(k + 1));
            return Double.isFinite(x) && Double.isFinite(y) ? new double[]{x, y} : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
