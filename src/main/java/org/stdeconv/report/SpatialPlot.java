package org.stdeconv.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Spot maps drawn with Java2D: one value per spot as a colour (viridis-like), or pie glyphs of all proportions.
 * Chart libraries draw scatter points of one size and colour per series, which cannot show a continuous value or
 * a pie per spot, hence Java2D here and XChart for ordinary charts.
 */
public final class SpatialPlot {
    private static final int W = 520, H = 480, MARGIN = 40, LEGEND = 70;
    private static final Color[] PALETTE = {
            new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd),
            new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf),
            new Color(0x393b79), new Color(0xad494a), new Color(0x637939), new Color(0x843c39), new Color(0x7b4173),
            new Color(0x3182bd), new Color(0xe6550d), new Color(0x31a354), new Color(0x756bb1), new Color(0x636363)};

    private SpatialPlot() {
    }

    public static Color categoryColor(int i) {
        return PALETTE[i % PALETTE.length];
    }

    /** Each spot coloured by {@code value} on a dark-blue to yellow scale, with a colour bar. */
    public static void values(double[][] xy, double[] value, String title, Path png) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double v : value) if (Double.isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
        if (!(hi > lo)) { hi = lo + 1; }
        Canvas c = new Canvas(xy, title);
        double r = c.radius();
        for (int i = 0; i < xy.length; i++) {
            c.g.setColor(ramp((value[i] - lo) / (hi - lo)));
            c.g.fill(new Ellipse2D.Double(c.px(xy[i][0]) - r, c.py(xy[i][1]) - r, 2 * r, 2 * r));
        }
        int x0 = W - LEGEND + 20, y0 = MARGIN, h = H - 2 * MARGIN;
        for (int k = 0; k < h; k++) {
            c.g.setColor(ramp(1 - (double) k / h));
            c.g.fillRect(x0, y0 + k, 14, 1);
        }
        c.g.setColor(Color.DARK_GRAY);
        c.g.drawString(String.format(Locale.ROOT, "%.3g", hi), x0 - 4, y0 - 4);
        c.g.drawString(String.format(Locale.ROOT, "%.3g", lo), x0 - 4, y0 + h + 14);
        c.save(png);
    }

    /** A pie of all proportions at every spot, with a legend of the types. */
    public static void pies(double[][] xy, double[][] proportions, List<String> types, String title, Path png) {
        Canvas c = new Canvas(xy, title);
        double r = c.radius();
        for (int i = 0; i < xy.length; i++) {
            double start = 90;
            double cx = c.px(xy[i][0]), cy = c.py(xy[i][1]);
            double total = 0;
            for (double p : proportions[i]) total += Math.max(0, p);
            if (total <= 0) continue;
            for (int j = 0; j < types.size(); j++) {
                double ext = 360 * Math.max(0, proportions[i][j]) / total;
                if (ext <= 0) continue;
                c.g.setColor(categoryColor(j));
                c.g.fill(new java.awt.geom.Arc2D.Double(cx - r, cy - r, 2 * r, 2 * r, start, ext, java.awt.geom.Arc2D.PIE));
                start += ext;
            }
        }
        c.g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        for (int j = 0; j < types.size(); j++) {
            int y = MARGIN + 14 * j;
            c.g.setColor(categoryColor(j));
            c.g.fillRect(W - LEGEND + 4, y - 9, 10, 10);
            c.g.setColor(Color.DARK_GRAY);
            String name = types.get(j);
            c.g.drawString(name.length() > 9 ? name.substring(0, 9) : name, W - LEGEND + 17, y);
        }
        c.save(png);
    }

    private static Color ramp(double t) {
        t = Math.max(0, Math.min(1, Double.isFinite(t) ? t : 0));
        // dark purple -> teal -> yellow, close to viridis
        float[][] stops = {{0.27f, 0.00f, 0.33f}, {0.13f, 0.57f, 0.55f}, {0.99f, 0.91f, 0.14f}};
        double s = t * 2;
        int k = Math.min(1, (int) s);
        double f = s - k;
        float[] a = stops[k], b = stops[k + 1];
        return new Color((float) (a[0] + f * (b[0] - a[0])), (float) (a[1] + f * (b[1] - a[1])), (float) (a[2] + f * (b[2] - a[2])));
    }

    private static final class Canvas {
        final BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        final Graphics2D g = img.createGraphics();
        final double minX, maxX, minY, maxY, scale;
        final int n;

        Canvas(double[][] xy, String title) {
            double a = Double.POSITIVE_INFINITY, b = Double.NEGATIVE_INFINITY, c = Double.POSITIVE_INFINITY, d = Double.NEGATIVE_INFINITY;
            for (double[] p : xy) { a = Math.min(a, p[0]); b = Math.max(b, p[0]); c = Math.min(c, p[1]); d = Math.max(d, p[1]); }
            if (xy.length == 0) { a = 0; b = 1; c = 0; d = 1; }
            minX = a; maxX = b; minY = c; maxY = d;
            n = Math.max(1, xy.length);
            double spanX = Math.max(maxX - minX, 1e-9), spanY = Math.max(maxY - minY, 1e-9);
            scale = Math.min((W - 2 * MARGIN - LEGEND) / spanX, (H - 2 * MARGIN) / spanY);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, W, H);
            g.setColor(Color.DARK_GRAY);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
            g.drawString(title, MARGIN, 22);
            g.setStroke(new BasicStroke(1f));
        }

        double px(double x) { return MARGIN + (x - minX) * scale; }

        /** Image y grows downwards; slides are drawn with y growing downwards too, as in image-based coordinates. */
        double py(double y) { return MARGIN + (y - minY) * scale; }

        /** Spot radius: about half the typical spacing for a lattice of n spots over the area drawn. */
        double radius() {
            double area = (maxX - minX) * (maxY - minY) * scale * scale;
            double r = 0.5 * Math.sqrt(Math.max(area, 1) / n);
            return Math.max(1.0, Math.min(12, r));
        }

        void save(Path png) {
            g.dispose();
            ChartFiles.savePng(img, png);
        }
    }
}
