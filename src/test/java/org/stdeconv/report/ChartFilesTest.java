package org.stdeconv.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

class ChartFilesTest {
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @TempDir
    Path dir;

    private static XYChart chart() {
        XYChart c = new XYChartBuilder().width(300).height(200).title("t").build();
        c.addSeries("s", new double[]{1, 2, 3}, new double[]{3, 1, 2});
        return c;
    }

    @Test
    void aChartIsTheSamePngXChartWritesAtExactlyThePathGiven() throws Exception {
        Path png = dir.resolve("curve.png");
        ChartFiles.savePng(chart(), png);
        // the bytes the qc, train and evaluate plots had when each saved through XChart itself
        BitmapEncoder.saveBitmap(chart(), dir.resolve("xchart.png").toString(), BitmapEncoder.BitmapFormat.PNG);
        assertArrayEquals(Files.readAllBytes(dir.resolve("xchart.png")), Files.readAllBytes(png));
        Path bare = dir.resolve("no-extension");
        ChartFiles.savePng(chart(), bare);
        assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(Files.readAllBytes(bare), 8));
        assertFalse(Files.exists(dir.resolve("no-extension.png")));
    }
}
