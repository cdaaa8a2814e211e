package org.stdeconv.report;

import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGUtils;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Writes a {@link Drawing} as a PNG and, beside it, the same drawing as an SVG (for journals and vector editors). */
public final class DrawingFiles {
    private DrawingFiles() {
    }

    /** The SVG written beside {@code png}: the same name with .svg in place of .png. */
    public static Path svgBeside(Path png) {
        String name = png.getFileName().toString();
        return png.resolveSibling((name.endsWith(".png") ? name.substring(0, name.length() - 4) : name) + ".svg");
    }

    /** Writes {@code png} and {@link #svgBeside its SVG}. */
    public static void write(Drawing d, Path png) {
        BufferedImage img = new BufferedImage(d.width(), d.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        prepare(g, d);
        d.paint(g);
        g.dispose();
        SVGGraphics2D svg = new SVGGraphics2D(d.width(), d.height());
        // two decimals are a hundredth of a pixel: shorter files, no visible difference
        svg.setGeomDoubleConverter(v -> rounded(v, 100));
        svg.setTransformDoubleConverter(v -> rounded(v, 10000));
        prepare(svg, d);
        d.paint(svg);
        try {
            ImageIO.write(img, "png", png.toFile());
            SVGUtils.writeToSVG(svgBeside(png).toFile(), svg.getSVGElement());
        } catch (IOException e) {
            throw new UncheckedIOException(png + ": cannot write the figure (" + e.getMessage() + ")", e);
        }
    }

    /** Locale-free; Java's exponent form (1.0E-5) is valid SVG number syntax. */
    private static String rounded(double v, double per) {
        double r = Math.round(v * per) / per;
        return r == Math.rint(r) && Math.abs(r) < 1e15 ? Long.toString((long) r) : Double.toString(r);
    }

    private static void prepare(Graphics2D g, Drawing d) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, d.width(), d.height());
    }
}
