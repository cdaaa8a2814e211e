package org.stdeconv.report;

import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGUtils;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a {@link Drawing} as a PNG and, beside it, the same drawing as an SVG (for journals and vector editors). */
public final class DrawingFiles {
    /** ImageIO's PNG quality: 1 stores, 0 compresses hardest; 0.75 is deflate level 2 or so. */
    private static final float PNG_SPEED = 0.75f;
    private static final int SVG_START_CHARS = 1 << 20;
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
        // sized for the spots up front: growing a multi-megabyte buffer by copying was a visible cost
        SVGGraphics2D svg = svgCanvas(d.width(), d.height(), SVG_START_CHARS);
        prepare(svg, d);
        d.paint(svg);
        try {
            writePng(img, png);
        } catch (IOException e) {
            throw new UncheckedIOException(png + ": cannot write the figure (" + e.getMessage() + ")", e);
        }
        Path svgFile = svgBeside(png);
        try {
            SVGUtils.writeToSVG(svgFile.toFile(), svg.getSVGElement());
        } catch (IOException e) {
            throw new UncheckedIOException(svgFile + ": cannot write the figure (" + e.getMessage() + ")", e);
        } catch (RuntimeException e) {
            // JFreeSVG closes the file in a finally block and wraps what the close throws (a full disk's last flush)
            // in a bare RuntimeException, which was reported as an internal error
            if (!(e.getCause() instanceof IOException io)) throw e;
            throw new UncheckedIOException(svgFile + ": cannot write the figure (" + io.getMessage() + ")", io);
        }
    }

    /**
     * The SVG canvas every figure is drawn on: coordinates to two decimals (a hundredth of a pixel: shorter files,
     * no visible difference), and a fixed defs prefix, since JFreeSVG names gradients and clip paths after the clock
     * by default and the same figure must give the same bytes (a merged chunked run must equal the whole run).
     */
    static SVGGraphics2D svgCanvas(int width, int height, int startChars) {
        SVGGraphics2D svg = new SVGGraphics2D(width, height, null, new StringBuilder(startChars));
        svg.setDefsKeyPrefix("stdeconv");
        svg.setGeomDoubleConverter(v -> rounded(v, 100));
        svg.setTransformDoubleConverter(v -> rounded(v, 10000));
        return svg;
    }

    /**
     * A fast deflate level: ImageIO's default spends most of a map's time compressing for a file a few percent
     * smaller; maps are written by the dozen in infer.
     */
    private static void writePng(BufferedImage img, Path png) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(PNG_SPEED);
        Files.deleteIfExists(png);
        try (ImageOutputStream out = ImageIO.createImageOutputStream(png.toFile())) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(img, null, null), param);
        } finally {
            writer.dispose();
        }
    }

    /**
     * {@code v} rounded to 1/{@code per} ({@code per} a power of ten), locale-free and without trailing zeros.
     * Written by hand: Double.toString was a good part of an SVG's time, and it is called for every coordinate.
     */
    static String rounded(double v, long per) {
        if (!Double.isFinite(v) || Math.abs(v) > 1e12) return Double.toString(v);
        long r = Math.round(v * per);
        StringBuilder sb = new StringBuilder(12);
        if (r < 0) { sb.append('-'); r = -r; }
        sb.append(r / per);
        long frac = r % per;
        if (frac != 0) {
            sb.append('.');
            for (long d = per / 10; d > 0 && frac != 0; d /= 10) {
                sb.append((char) ('0' + frac / d));
                frac %= d;
            }
        }
        return sb.toString();
    }

    private static void prepare(Graphics2D g, Drawing d) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, d.width(), d.height());
    }
}
