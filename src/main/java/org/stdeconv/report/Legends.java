package org.stdeconv.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.font.FontRenderContext;
import java.awt.geom.Rectangle2D;
import java.util.List;
import java.util.Locale;

/**
 * Legends of the spot maps, measured before anything is drawn so that the canvas is made wide enough for every label
 * in full (type names, colour-bar numbers) instead of cutting them.
 */
final class Legends {
    static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 14);
    static final Color TEXT = new Color(0x333333);
    private static final FontRenderContext MEASURE = new FontRenderContext(null, true, true);
    private static final int BAR = 14, GAP = 6, SWATCH = 11, ROW = 17, COLUMN_GAP = 14;
    /** Text measured here is drawn by browsers in their own sans-serif for the SVG: a little slack for wider fonts. */
    private static final double SLACK = 1.08;

    private Legends() {
    }

    static double textWidth(String s, Font f) {
        return f.getStringBounds(s, MEASURE).getWidth() * SLACK;
    }

    static double ascent(Font f) {
        return f.getLineMetrics("Ag", MEASURE).getAscent();
    }

    /** A vertical colour bar from {@code lo} (bottom) to {@code hi} (top) with three labels to its right. */
    record ColourBar(double lo, double hi) {
        String[] labels() {
            return new String[]{format(hi, hi - lo), format((lo + hi) / 2, hi - lo), format(lo, hi - lo)};
        }

        double width() {
            double w = 0;
            for (String s : labels()) w = Math.max(w, textWidth(s, LABEL));
            return BAR + GAP + w;
        }

        /** Half a label's height sticks out above and below the bar: callers leave that room. */
        static double overhang() {
            return ascent(LABEL) / 2 + 1;
        }

        void paint(Graphics2D g, double left, double top, double height) {
            // one gradient, not a stack of thin bars: browsers draw the SVG's bars with hairline gaps between them
            g.setPaint(Ramp.gradient(top + height, top));
            g.fill(new Rectangle2D.Double(left, top, BAR, height));
            g.setFont(LABEL);
            g.setColor(TEXT);
            String[] labels = labels();
            float half = (float) (ascent(LABEL) / 2 - 1);
            for (int i = 0; i < 3; i++) {
                double ty = top + height * i / 2;
                g.draw(new java.awt.geom.Line2D.Double(left + BAR, ty, left + BAR + 3, ty));
                g.drawString(labels[i], (float) (left + BAR + GAP), (float) ty + half);
            }
        }

        /** Enough decimals to tell the ends apart; scientific notation only for very small or very large numbers. */
        static String format(double v, double range) {
            double mag = Math.max(Math.abs(v), range);
            if (v != 0 && (mag < 1e-3 || mag >= 1e5)) return String.format(Locale.ROOT, "%.2e", v);
            int decimals = range > 0 ? Math.max(0, Math.min(6, (int) Math.ceil(-Math.log10(range)) + 1)) : 2;
            String s = String.format(Locale.ROOT, "%." + decimals + "f", v);
            return s.equals("-0") || s.matches("-0\\.0*") ? s.substring(1) : s;
        }
    }

    /** Colour swatch and full name of each type, in as many columns as the height allows. */
    record Categories(List<String> names, double availableHeight) {
        int rowsPerColumn() {
            return Math.max(1, Math.min(names.size(), (int) Math.floor(availableHeight / ROW)));
        }

        int columns() {
            return (names.size() + rowsPerColumn() - 1) / rowsPerColumn();
        }

        double columnWidth() {
            double w = 0;
            for (String s : names) w = Math.max(w, textWidth(s, LABEL));
            return SWATCH + GAP + w;
        }

        double width() {
            return columns() * columnWidth() + (columns() - 1) * COLUMN_GAP;
        }

        double height() {
            return rowsPerColumn() * ROW;
        }

        void paint(Graphics2D g, double left, double top) {
            g.setFont(LABEL);
            double a = ascent(LABEL);
            int rows = rowsPerColumn();
            for (int j = 0; j < names.size(); j++) {
                double cx = left + (j / rows) * (columnWidth() + COLUMN_GAP), cy = top + (j % rows) * ROW;
                g.setColor(Palette.colour(j));
                g.fill(new Rectangle2D.Double(cx, cy + (ROW - SWATCH) / 2.0, SWATCH, SWATCH));
                g.setColor(TEXT);
                g.drawString(names.get(j), (float) (cx + SWATCH + GAP), (float) (cy + (ROW + a) / 2 - 1));
            }
        }
    }
}
