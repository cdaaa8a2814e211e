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
        SVGGraphics2D svg = new SVGGraphics2D(chart.getWidth(), chart.getHeight());
        // JFreeSVG names clip paths after the clock by default: a fixed prefix gives the same chart the same bytes
        svg.setDefsKeyPrefix("stdeconv");
        svg.setGeomDoubleConverter(v -> DrawingFiles.rounded(v, 100));
        svg.setTransformDoubleConverter(v -> DrawingFiles.rounded(v, 10000));
        chart.paint(svg, chart.getWidth(), chart.getHeight());
        return svg.getSVGElement();
    }
}
