package org.stdeconv.report;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes every XChart figure stdeconv makes as a PNG (spot maps, drawn with Java2D, go through {@link DrawingFiles}) at exactly the path given (XChart's saveBitmap would append ".png"
 * to a name without it), so that reports link to the files that exist; encoding first and writing the bytes once
 * leaves no half-written image behind an encoder error.
 */
public final class ChartFiles {
    private ChartFiles() {
    }

    /** An XChart chart (histograms, bars, scatter and line plots). */
    public static void savePng(Chart<?, ?> chart, Path png) {
        try {
            Files.write(png, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
