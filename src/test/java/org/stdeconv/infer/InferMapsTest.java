package org.stdeconv.infer;

import org.stdeconv.testing.StandardError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stdeconv.io.PythonHelper;
import org.stdeconv.io.anndata.TissueImage;
import org.stdeconv.report.DrawingFiles;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** infer's maps/: which files, over the H&E image of a slide written by anndata, and when none are drawn. */
class InferMapsTest {
    private static final int H_AND_E = 0xE8B4D0;
    @TempDir
    Path tmp;

    private static final List<String> TYPES = List.of("Endothelial cells", "Macrophages (M2-like)", "Ductal - CRISP3 high/centroacinar like");

    private LinearSoftmaxModel model() {
        return new LinearSoftmaxModel(LinearSoftmaxModel.genes("g", 0, 20), TYPES, false);
    }

    private Path slide() throws Exception {
        Path slide = tmp.resolve("visium.h5ad");
        PythonHelper.run(InferMapsTest.class, tmp, "write_visium_with_image.py", slide.toString(), "14", "12", "20");
        return slide;
    }

    private static List<String> files(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writesAMapPerTypePiesAndOverviewAsPngAndSvgOverTheImage() throws Exception {
        Path slide = slide();
        TissueImage image = TissueImage.read(slide);
        assertNotNull(image, "the anndata-written lowres image is found");
        assertEquals(0.1, image.scale(), 1e-12);
        assertEquals(55.0, image.spotDiameter(), 1e-12);
        assertEquals(H_AND_E, image.pixels().getRGB(0, 0) & 0xFFFFFF);

        Path out = tmp.resolve("out");
        InferenceTest.run(ChunkMergeTest.chunkConfig(tmp, slide, out, ""), model());
        List<String> expected = new ArrayList<>();
        for (String png : List.of("proportion_01_Endothelial_cells.png", "proportion_02_Macrophages_M2-like_.png",
                "proportion_03_Ductal_-_CRISP3_high_centroacinar_like.png", "pies.png", "proportions_overview.png")) {
            expected.add(png);
            expected.add(DrawingFiles.svgBeside(Path.of(png)).toString());
        }
        assertEquals(expected.stream().sorted().toList(), files(out.resolve("maps")));

        BufferedImage map = ImageIO.read(out.resolve("maps/proportion_01_Endothelial_cells.png").toFile());
        // left edge of the plot area, well inside the canvas's height: a spacing away from the nearest spot
        assertEquals(H_AND_E, map.getRGB(20, map.getHeight() / 2) & 0xFFFFFF, "the H&E image lies under the map");
        String svg = Files.readString(out.resolve("maps/proportion_01_Endothelial_cells.svg"));
        assertTrue(svg.contains("<image"), "the SVG embeds the image");
        assertTrue(svg.contains(">Proportion of Endothelial cells<"), "full name in the title");
        String pies = Files.readString(out.resolve("maps/pies.svg"));
        for (String t : TYPES) assertTrue(pies.contains(">" + t + "<"), "legend has " + t);
    }

    @Test
    void mapsOffOrAChunkWriteNoMapsAndMergeDrawsThem() throws Exception {
        Path slide = slide();
        InferConfig off = ChunkMergeTest.chunkConfig(tmp, slide, tmp.resolve("off"), "");
        off.maps = false;
        InferenceTest.run(off, model());
        assertTrue(Files.isRegularFile(tmp.resolve("off").resolve(InferOutputs.PROPORTIONS_TSV)));
        assertEquals(List.of(), files(tmp.resolve("off/maps")));

        List<Path> chunks = new ArrayList<>();
        for (int i = 1; i <= 2; i++) {
            Path dir = tmp.resolve("chunk" + i);
            InferenceTest.run(ChunkMergeTest.chunkConfig(tmp, slide, dir, i + "/2"), model());
            assertEquals(List.of(), files(dir.resolve("maps")), "a chunk draws no maps");
            chunks.add(dir);
        }
        ChunkMerger.merge(chunks, tmp.resolve("merged"));
        assertEquals(10, files(tmp.resolve("merged/maps")).size(), files(tmp.resolve("merged/maps")).toString());
        BufferedImage map = ImageIO.read(tmp.resolve("merged/maps/pies.png").toFile());
        assertEquals(H_AND_E, map.getRGB(20, map.getHeight() / 2) & 0xFFFFFF, "merge finds the image in the merged annotated file");
    }

    @Test
    void aSpotWithoutFiniteCoordinatesKeepsItsProportionsAndIsLeftOffTheMapsWithAWarningNamingTheSlide() throws Exception {
        Path slide = slideWithCoordinate(3, 0, Double.NaN, "nan_xy.h5ad");
        Path out = tmp.resolve("out");
        String err = StandardError.during(() -> InferenceTest.run(ChunkMergeTest.chunkConfig(tmp, slide, out, ""), LinearSoftmaxModel.of(10, 2)));
        assertTrue(err.contains("WARNING: " + slide + ": 1 of 60 spots have no finite coordinates (e.g. 'spot_3'): the maps leave them out"), err);
        assertEquals(61, Files.readAllLines(out.resolve(InferOutputs.PROPORTIONS_TSV)).size());
        assertEquals(8, files(out.resolve("maps")).size(), files(out.resolve("maps")).toString());
        // evaluate takes infer's own output: every part runs, Moran's I and the maps over the placed spots, with a warning
        Path evaluated = tmp.resolve("eval");
        Path proportions = out.resolve(InferOutputs.PROPORTIONS_TSV);
        String[] evaluate = {"evaluate", "--set", "predictions=" + proportions, "--set", "slide=" + slide, "--set", "output_dir=" + evaluated};
        err = StandardError.during(() -> assertEquals(0, org.stdeconv.cli.Main.commandLine().execute(evaluate)));
        assertTrue(err.contains("WARNING: " + proportions + ": 1 of 60 spots have no finite coordinates: Moran's I and the maps leave them out"), err);
        assertTrue(Files.readString(evaluated.resolve("metrics.tsv")).contains("morans_i\t"), "Moran's I over the 59 placed spots");
        assertTrue(Files.isRegularFile(evaluated.resolve("plots/spatial_pies_stdeconv.png")), files(evaluated.resolve("plots")).toString());

        List<Path> chunks = new ArrayList<>();
        for (int i = 1; i <= 2; i++) {
            chunks.add(tmp.resolve("chunk" + i));
            InferenceTest.run(ChunkMergeTest.chunkConfig(tmp, slide, chunks.get(i - 1), i + "/2"), LinearSoftmaxModel.of(10, 2));
        }
        err = StandardError.during(() -> ChunkMerger.merge(chunks, tmp.resolve("merged")));
        assertTrue(err.contains("WARNING: " + slide + ": 1 of 60 spots have no finite coordinates"), err);
        assertArrayEquals(Files.readAllBytes(out.resolve(InferOutputs.PROPORTIONS_TSV)), Files.readAllBytes(tmp.resolve("merged").resolve(InferOutputs.PROPORTIONS_TSV)));
        assertEquals(files(out.resolve("maps")), files(tmp.resolve("merged/maps")));
    }

    @Test
    void anInfiniteCoordinateIsNoPlaceEitherAndIsSaidWithoutMaps() throws Exception {
        Path slide = slideWithCoordinate(5, 1, Double.POSITIVE_INFINITY, "inf_xy.h5ad");
        Path out = tmp.resolve("out");
        InferConfig config = ChunkMergeTest.chunkConfig(tmp, slide, out, "");
        config.maps = false;
        String err = StandardError.during(() -> InferenceTest.run(config, LinearSoftmaxModel.of(10, 2)));
        assertTrue(err.contains("WARNING: " + slide + ": 1 of 60 spots have no finite coordinates (e.g. 'spot_5'): they keep their proportions"), err);
        String table = Files.readString(out.resolve(InferOutputs.PROPORTIONS_TSV));
        assertFalse(table.contains("Infinity"), "written as a spot without a place (NaN x and y), which evaluate reads");
        assertTrue(table.contains("\nspot_5\tNaN\tNaN\t"), table);
    }

    @Test
    void spotsThatAllShareOnePositionGetNoMapsAndNoSmoothingWithAWarning() throws Exception {
        // one pie for 60 spots and a prior over a graph of coincident spots meant nothing, with exit 0 and no word
        org.stdeconv.data.ExpressionData data = SyntheticSlides.slide(60, LinearSoftmaxModel.genes("g", 0, 10), 12);
        for (double[] p : data.spatial()) { p[0] = 5; p[1] = 5; }
        data.spatial()[7][0] = Double.NaN;   // an unplaced spot does not make a second place
        Path slide = SyntheticSlides.write(data, tmp.resolve("one_place.h5ad"));
        Path out = tmp.resolve("out");
        InferConfig config = ChunkMergeTest.chunkConfig(tmp, slide, out, "");
        config.spatialSmoothing = SpatialSmoothingSetting.auto();
        String err = StandardError.during(() -> InferenceTest.run(config, LinearSoftmaxModel.of(10, 2)));
        assertTrue(err.contains("WARNING: " + slide + ": every spot has the same coordinates: they carry no layout"), err);
        assertFalse(Files.exists(out.resolve("maps")), "no maps");
        assertEquals("auto: not applied (every spot has the same coordinates)",
                InferOutputs.unsString(org.stdeconv.io.anndata.AnnDataParts.read(out.resolve(InferOutputs.ANNOTATED_H5AD)), InferOutputs.UNS_SPATIAL_SMOOTHING), "no smoothing");
        assertEquals(61, Files.readAllLines(out.resolve(InferOutputs.PROPORTIONS_TSV)).size(), "every spot keeps its proportions");
    }

    /** A 60-spot slide whose spot {@code spot} has {@code value} as its x (axis 0) or y (axis 1). */
    private Path slideWithCoordinate(int spot, int axis, double value, String name) {
        org.stdeconv.data.ExpressionData data = SyntheticSlides.slide(60, LinearSoftmaxModel.genes("g", 0, 10), 12);
        data.spatial()[spot][axis] = value;
        return SyntheticSlides.write(data, tmp.resolve(name));
    }
}
