package org.stdeconv.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stdeconv.io.anndata.TissueImage;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpatialPlotTest {
    @TempDir
    Path tmp;

    /** A hexagonal-ish lattice of cols x rows spots, 100 units apart (Visium's centre spacing in micrometres). */
    static double[][] lattice(int cols, int rows, double x0, double y0) {
        double[][] xy = new double[cols * rows][];
        for (int r = 0; r < rows; r++) for (int c = 0; c < cols; c++) xy[r * cols + c] = new double[]{x0 + c * 100 + (r % 2) * 50, y0 + r * 87};
        return xy;
    }

    static double[][] proportions(int n, int k) {
        double[][] p = new double[n][k];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < k; j++) s += p[i][j] = 1 + ((i * 7 + j * 13) % 5);
            for (int j = 0; j < k; j++) p[i][j] /= s;
        }
        return p;
    }

    static Document svg(Path png) throws Exception {
        Path svg = DrawingFiles.svgBeside(png);
        assertTrue(Files.isRegularFile(svg), svg + " missing");
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        // the SVG 1.1 DOCTYPE names a DTD on the web: well-formedness needs no DTD, and tests run offline
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return f.newDocumentBuilder().parse(svg.toFile());
    }

    static List<String> texts(Document d) {
        List<String> out = new ArrayList<>();
        NodeList t = d.getElementsByTagName("text");
        for (int i = 0; i < t.getLength(); i++) out.add(t.item(i).getTextContent());
        return out;
    }

    /** Columns from {@code from} to the right edge hold nothing but white: nothing drawn was cut at the edge. */
    static void assertBlankRight(BufferedImage img, int from) {
        for (int x = from; x < img.getWidth(); x++) for (int y = 0; y < img.getHeight(); y++) {
            assertEquals(0xFFFFFF, img.getRGB(x, y) & 0xFFFFFF, "ink at column " + x + " of " + img.getWidth() + ", row " + y);
        }
    }

    @Test
    void legendShowsFullTypeNamesInsideTheImage() throws Exception {
        double[][] xy = lattice(20, 16, 0, 0);
        List<String> types = List.of("Endothelial cells", "Macrophages (M2-like)", "B", "Cancer clone A", "Fibroblasts");
        Path png = tmp.resolve("pies.png");
        SpatialPlot.pies(xy, proportions(xy.length, types.size()), types, "All cell types", png);
        assertTrue(texts(svg(png)).containsAll(types), "legend texts: " + texts(svg(png)));
        BufferedImage img = ImageIO.read(png.toFile());
        assertBlankRight(img, img.getWidth() - 10);
        // the longest name ends inside the image: its last letters leave ink left of the blank margin
        int inkRight = 0;
        for (int x = 0; x < img.getWidth(); x++) for (int y = 0; y < img.getHeight(); y++) if ((img.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF) inkRight = x;
        assertTrue(inkRight > img.getWidth() - 40, "legend should reach near the right margin, ink ends at " + inkRight);
    }

    @Test
    void colourBarLabelsAreWholeAndSvgHasOneSpotPerSpot() throws Exception {
        double[][] xy = lattice(30, 10, 1000, 500);
        double[] v = new double[xy.length];
        for (int i = 0; i < v.length; i++) v[i] = 3e-5 + 6e-5 * i / (v.length - 1);
        Path png = tmp.resolve("values.png");
        SpatialPlot.values(xy, v, "tiny values", png);
        Document d = svg(png);
        List<String> labels = texts(d);
        assertTrue(labels.contains("3.00e-05") && labels.contains("9.00e-05"), "colour-bar labels: " + labels);
        assertEquals(xy.length, d.getElementsByTagName("ellipse").getLength() + d.getElementsByTagName("circle").getLength(), "one shape per spot");
        BufferedImage img = ImageIO.read(png.toFile());
        assertBlankRight(img, img.getWidth() - 8);
        for (int x = 0; x < img.getWidth(); x++) for (int y = img.getHeight() - 6; y < img.getHeight(); y++) assertEquals(0xFFFFFF, img.getRGB(x, y) & 0xFFFFFF, "bottom rows blank");
        // 30 x 10 spots, about 3000 x 800 units: a wide canvas, not the fixed 520 x 480 of before
        assertTrue(img.getWidth() > 1.5 * img.getHeight(), img.getWidth() + " x " + img.getHeight());
        Element root = d.getDocumentElement();
        assertEquals(String.valueOf(img.getWidth()), root.getAttribute("width"));
    }

    @Test
    void theTissueImageShowsUnderAndBetweenTheSpots() throws Exception {
        BufferedImage he = new BufferedImage(400, 300, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = he.createGraphics();
        g.setColor(new Color(0xE8, 0xB4, 0xD0));
        g.fillRect(0, 0, 400, 300);
        g.dispose();
        // full-resolution coordinates 10x the image's pixels, spots 55 of 100 apart as on Visium
        double[][] xy = lattice(12, 10, 600, 600);
        TissueImage image = new TissueImage(he, 0.1, 55, "slice1");
        Path png = tmp.resolve("over.png");
        SpatialPlot.values(SpotFrame.of(xy, image), new double[xy.length], "over H&E", png);
        BufferedImage img = ImageIO.read(png.toFile());
        // the top-left corner of the plot area lies a spacing away from the first spot: the image shows there
        int x = SpatialPlot.MARGIN + 3, y = (int) Math.ceil(SpatialPlot.MARGIN + Legends.ascent(Legends.TITLE) + 12) + 3;
        assertEquals(0xE8B4D0, img.getRGB(x, y) & 0xFFFFFF, "H&E colour in a spot-free corner");
        assertEquals(1, svg(png).getElementsByTagName("image").getLength(), "the SVG embeds the image once");
        Path plain = tmp.resolve("plain.png");
        SpatialPlot.values(xy, new double[xy.length], "no image", plain);
        assertFalse((ImageIO.read(plain.toFile()).getRGB(x, y) & 0xFFFFFF) == 0xE8B4D0);
    }

    @Test
    void overviewHasEveryTypeOnce() throws Exception {
        double[][] xy = lattice(15, 12, 0, 0);
        List<String> types = List.of("Acinar cells", "Ductal - CRISP3 high/centroacinar like", "Endothelial cells", "mDCs_A");
        Path png = tmp.resolve("overview.png");
        SmallMultiples.write(SpotFrame.of(xy, null), proportions(xy.length, types.size()), types, "Cell-type proportions", png);
        Document d = svg(png);
        assertTrue(texts(d).containsAll(types), texts(d).toString());
        assertEquals(xy.length * types.size(), d.getElementsByTagName("ellipse").getLength() + d.getElementsByTagName("circle").getLength());
        BufferedImage img = ImageIO.read(png.toFile());
        assertBlankRight(img, img.getWidth() - 8);
    }
}
