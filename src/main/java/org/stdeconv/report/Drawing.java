package org.stdeconv.report;

import java.awt.Graphics2D;

/**
 * A figure of fixed size that paints itself into any Graphics2D, so that the PNG (a BufferedImage's graphics) and
 * the SVG (JFreeSVG's graphics) come from one code path and cannot drift apart.
 */
public interface Drawing {
    int width();

    int height();

    void paint(Graphics2D g);
}
