package org.stdeconv.report;

import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGUtils;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes every XChart figure stdeconv makes (histograms, bars, scatter, heat maps and line plots) as a PNG and, beside
 * it, the same chart as an SVG, as {@link DrawingFiles} does for the spot maps. The PNG goes at exactly the path given
 * (XChart's saveBitmap would append ".png" to a name without it), so that reports link to the files that exist; both
 * images are encoded before either file is written, so an encoder error leaves no half-written figure behind.
 */
public final class ChartFiles {
    /** A chart's SVG is tens of kilobytes (text drawn as outlines). */
    private static final int CHART_START_CHARS = 1 << 16;
    private ChartFiles() {
    }

    /** Writes {@code png} and {@link DrawingFiles#svgBeside its SVG}. */
    public static void write(Chart<?, ?> chart, Path png) {
        try {
            byte[] bitmap = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
            String svg = svgElement(chart);
            Files.write(png, bitmap);
            SVGUtils.writeToSVG(DrawingFiles.svgBeside(png).toFile(), svg);
        } catch (IOException e) {
            throw new UncheckedIOException(png + ": cannot write the figure (" + e.getMessage() + ")", e);
        }
    }

    /** XChart paints on any Graphics2D, so JFreeSVG's gives the vector form of the same chart with no other library. */
    static String svgElement(Chart<?, ?> chart) {
        SVGGraphics2D svg = DrawingFiles.svgCanvas(chart.getWidth(), chart.getHeight(), CHART_START_CHARS);
        chart.paint(svg, chart.getWidth(), chart.getHeight());
        return svg.getSVGElement();
    }
}
