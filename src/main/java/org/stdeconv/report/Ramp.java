package org.stdeconv.report;

import java.awt.Color;
import java.awt.LinearGradientPaint;
import java.awt.geom.Point2D;

/**
 * The colour scale of value maps: dark purple through teal to yellow, close to viridis (ordered in lightness). Linear
 * between three stops, so a three-stop gradient is exactly the scale.
 */
final class Ramp {
    private static final float[][] STOPS = {{0.27f, 0.00f, 0.33f}, {0.13f, 0.57f, 0.55f}, {0.99f, 0.91f, 0.14f}};

    private Ramp() {
    }

    /** The whole scale as a paint from {@code y0} (t = 0) to {@code y1} (t = 1), for colour bars. */
    static LinearGradientPaint gradient(double y0, double y1) {
        return new LinearGradientPaint(new Point2D.Double(0, y0), new Point2D.Double(0, y1), new float[]{0f, 0.5f, 1f},
                new Color[]{colour(0), colour(0.5), colour(1)});
    }

    /** The colour at {@code t} in [0, 1]; outside or NaN is clamped. */
    static Color colour(double t) {
        t = Math.max(0, Math.min(1, Double.isFinite(t) ? t : 0));
        double s = t * 2;
        int k = Math.min(1, (int) s);
        double f = s - k;
        float[] a = STOPS[k], b = STOPS[k + 1];
        return new Color((float) (a[0] + f * (b[0] - a[0])), (float) (a[1] + f * (b[1] - a[1])), (float) (a[2] + f * (b[2] - a[2])));
    }
}
