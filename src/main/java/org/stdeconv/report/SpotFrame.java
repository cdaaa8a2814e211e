package org.stdeconv.report;

import org.stdeconv.io.anndata.TissueImage;
import org.stdeconv.spatial.SpotSpacing;

import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;

/**
 * Where a slide's spots lie, computed once and shared by all of its maps: centres in the frame the maps are drawn in
 * (the H&E image's pixels when there is one, else the slide's own coordinates), their extent, and the spot radius.
 * y grows downwards in both frames, as in image coordinates, so maps look like the tissue on the slide image.
 */
public final class SpotFrame {
    /** The spacing is the median over at most this many spots: enough for a stable median, cheap on any slide. */
    private static final int SPACING_ANCHORS = 500;
    /** Spots drawn at 0.45 of the spacing nearly touch: readable maps without overlap on lattices. */
    private static final double FILL_RADIUS = 0.45;

    final double[] x, y;
    final double minX, minY, spanX, spanY;
    /** The radius that fills the lattice, and the slide's true spot radius where the image's scale factors give it. */
    final double fillRadius, trueRadius;
    final TissueImage underlay;

    private SpotFrame(double[][] xy, TissueImage underlay) {
        int n = xy.length;
        double s = underlay == null ? 1 : underlay.scale();
        x = new double[n];
        y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = xy[i][0] * s;
            y[i] = xy[i][1] * s;
        }
        double spacing = SpotSpacing.medianNearestNeighbourDistance(xy, SPACING_ANCHORS) * s;
        double a = Double.POSITIVE_INFINITY, b = Double.NEGATIVE_INFINITY, c = Double.POSITIVE_INFINITY, d = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) continue;
            a = Math.min(a, x[i]); b = Math.max(b, x[i]); c = Math.min(c, y[i]); d = Math.max(d, y[i]);
        }
        if (!(b >= a)) { a = 0; b = 1; c = 0; d = 1; }
        if (!(spacing > 0)) spacing = Math.max(Math.max(b - a, d - c), 1e-9) / Math.max(1, Math.sqrt(n));
        fillRadius = FILL_RADIUS * spacing;
        trueRadius = underlay != null && underlay.spotDiameter() > 0 ? 0.5 * underlay.spotDiameter() * s : fillRadius;
        // one spacing of tissue around the outermost spots: their whole disc shows, with the image's edge around it
        double pad = spacing;
        minX = a - pad;
        minY = c - pad;
        spanX = b - a + 2 * pad;
        spanY = d - c + 2 * pad;
        this.underlay = underlay;
    }

    /** {@code xy} as obsm['spatial'] holds it; {@code underlay} (or null) the slide's H&E image. */
    public static SpotFrame of(double[][] xy, TissueImage underlay) {
        return new SpotFrame(xy, underlay);
    }

    public int size() {
        return x.length;
    }

    public boolean hasUnderlay() {
        return underlay != null;
    }

    /** The plot area's size for a longest side of {@code longest} pixels, the other side following the slide. */
    double[] plotSize(double longest, double shortestAllowed) {
        double scale = longest / Math.max(spanX, spanY);
        return new double[]{Math.max(shortestAllowed, spanX * scale), Math.max(shortestAllowed, spanY * scale)};
    }

    /** Maps frame coordinates into the area: uniform scale, centred, so circles stay circles. */
    Area area(double left, double top, double width, double height) {
        double scale = Math.min(width / spanX, height / spanY);
        double ox = left + (width - spanX * scale) / 2 - minX * scale, oy = top + (height - spanY * scale) / 2 - minY * scale;
        return new Area(left, top, width, height, scale, ox, oy);
    }

    /** A plot area on the canvas and the transform from frame coordinates into it. */
    record Area(double left, double top, double width, double height, double scale, double ox, double oy) {
        double px(double fx) {
            return ox + fx * scale;
        }

        double py(double fy) {
            return oy + fy * scale;
        }

        Shape bounds() {
            return new Rectangle2D.Double(left, top, width, height);
        }
    }

    /** Draws the H&E image (when there is one) under the area, clipped to it. */
    void paintUnderlay(Graphics2D g, Area area) {
        if (underlay == null) return;
        Shape clip = g.getClip();
        g.clip(area.bounds());
        BufferedImage img = underlay.pixels();
        // only the part inside the area: the SVG then embeds that, not the whole image
        int x0 = clamp((int) Math.floor(minX), img.getWidth()), y0 = clamp((int) Math.floor(minY), img.getHeight());
        int x1 = clamp((int) Math.ceil(minX + spanX), img.getWidth()), y1 = clamp((int) Math.ceil(minY + spanY), img.getHeight());
        if (x1 > x0 && y1 > y0) {
            AffineTransform t = new AffineTransform(area.scale(), 0, 0, area.scale(), area.px(x0), area.py(y0));
            g.drawImage(img.getSubimage(x0, y0, x1 - x0, y1 - y0), t, null);
        }
        g.setClip(clip);
    }

    private static int clamp(int v, int max) {
        return Math.max(0, Math.min(max, v));
    }
}
