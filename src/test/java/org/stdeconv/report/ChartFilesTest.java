package org.stdeconv.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

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
        ChartFiles.write(chart(), png);
        // the bytes the qc, train and evaluate plots had when each saved through XChart itself
        BitmapEncoder.saveBitmap(chart(), dir.resolve("xchart.png").toString(), BitmapEncoder.BitmapFormat.PNG);
        assertArrayEquals(Files.readAllBytes(dir.resolve("xchart.png")), Files.readAllBytes(png));
        Path bare = dir.resolve("no-extension");
        ChartFiles.write(chart(), bare);
        assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(Files.readAllBytes(bare), 8));
        assertFalse(Files.exists(dir.resolve("no-extension.png")));
    }

    @Test
    void theSameChartComesAsAnSvgBesideThePngWithTheSameBytesEveryTime() throws Exception {
        Path first = dir.resolve("first/curve.png"), second = dir.resolve("second/curve.png");
        Files.createDirectories(first.getParent());
        Files.createDirectories(second.getParent());
        ChartFiles.write(chart(), first);
        // JFreeSVG's default names for clip paths come from the clock: a later write would differ without a fixed prefix
        Thread.sleep(5);
        ChartFiles.write(chart(), second);
        Path svg = dir.resolve("first/curve.svg");
        String text = Files.readString(svg);
        Document doc = SpatialPlotTest.svg(dir.resolve("first/curve.png"));
        Element root = doc.getDocumentElement();
        assertEquals("svg", root.getTagName());
        assertEquals("300", root.getAttribute("width"));
        assertEquals("200", root.getAttribute("height"));
        // the chart itself as vectors (XChart draws its text as glyph outlines): the series' three point markers and
        // the one in its legend, the axis ticks and the plot area clipped under the fixed prefix
        assertEquals(4, doc.getElementsByTagName("ellipse").getLength(), "markers");
        assertTrue(doc.getElementsByTagName("line").getLength() > 3, "axis ticks and grid lines");
        assertTrue(text.contains("clip-path='url(#stdeconvclip-0)'"), "the plot clipped, named with the fixed prefix");
        assertArrayEquals(Files.readAllBytes(svg), Files.readAllBytes(dir.resolve("second/curve.svg")));
    }
}
