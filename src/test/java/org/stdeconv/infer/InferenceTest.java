package org.stdeconv.infer;

import org.stdeconv.testing.StandardError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stdeconv.InputDataException;
import org.stdeconv.StdeconvException;
import org.stdeconv.data.CsrMatrix;
import org.stdeconv.data.ExpressionData;
import org.stdeconv.data.ProportionTable;
import org.stdeconv.io.SpotSource;
import org.stdeconv.io.SpotSources;
import org.stdeconv.io.h5ad.H5adReader;
import org.stdeconv.io.text.ProportionTableReader;
import org.stdeconv.model.ProportionModel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class InferenceTest {
    @TempDir
    Path tmp;

    /** The network's answers themselves: the spatial prior (SpatialSmoothingInferTest) is off. */
    private InferConfig config(Path slide, Path out) {
        InferConfig c = new InferConfig();
        c.spatialSmoothing = SpatialSmoothingSetting.OFF;
        c.modelDir = tmp.resolve("model").toString();
        c.slide = slide.toString();
        c.outputDir = out.toString();
        c.batchSize = 64;
        return c;
    }

    static void run(InferConfig c, ProportionModel m) {
        try (SpotSource s = SpotSources.open(Path.of(c.slide))) {
            Inference.run(c, s, m);
        }
    }

    /** What the model must see for one spot: counts of its genes by name, log1p(10^4 x / total), zeros for absent genes. */
    private static float[] expectedInput(ExpressionData slide, int spot, List<String> modelGenes) {
        Map<String, Float> byGene = new HashMap<>();
        for (int j = 0; j < slide.nVars(); j++) byGene.put(slide.varNames().get(j), slide.counts().get(spot, j));
        double total = 0;
        for (String g : modelGenes) total += byGene.getOrDefault(g, 0f);
        float[] x = new float[modelGenes.size()];
        for (int g = 0; g < x.length; g++) {
            float c = byGene.getOrDefault(modelGenes.get(g), 0f);
            x[g] = c == 0 ? 0 : (float) Math.log1p(c * (float) (1e4 / total));
        }
        return x;
    }

    @Test
    void predictsEverySpotFromItsAlignedTransformedCounts() {
        List<String> slideGenes = LinearSoftmaxModel.genes("g", 0, 30);
        java.util.Collections.reverse(slideGenes);
        ExpressionData slide = SyntheticSlides.slide(150, slideGenes, 1);
        Path file = SyntheticSlides.write(slide, tmp.resolve("slide.h5ad"));
        LinearSoftmaxModel model = LinearSoftmaxModel.of(LinearSoftmaxModel.genes("g", 5, 25), 4);
        Path out = tmp.resolve("out");
        run(config(file, out), model);

        assertTrue(model.largestBatch <= 64 && model.calls == 3, "150 spots in batches of at most 64: " + model.calls + " calls");
        ExpressionData annotated = H5adReader.read(out.resolve(InferOutputs.ANNOTATED_H5AD));
        ProportionTable tsv = ProportionTableReader.read(out.resolve(InferOutputs.PROPORTIONS_TSV));
        assertEquals(slide.obsNames(), tsv.spots());
        assertEquals(model.cellTypes(), tsv.types());
        double[][] obsm = annotated.obsm().get(InferOutputs.OBSM_PROPORTIONS);
        for (int i = 0; i < slide.nObs(); i++) {
            float[] want = model.predictRow(expectedInput(slide, i, model.genes()), null);
            for (int t = 0; t < want.length; t++) {
                assertEquals(want[t], obsm[i][t], 1e-6, "spot " + i + " type " + t);
                assertEquals(want[t], tsv.values()[i][t], 1e-6);
                assertEquals(obsm[i][t], annotated.obs().numeric("stdeconv_" + model.cellTypes().get(t))[i]);
            }
            assertEquals(slide.spatial()[i][0], tsv.xy()[i][0], 1e-5);
            assertEquals(tsv.dominant(i), annotated.obs().text("stdeconv_dominant_type")[i]);
        }
        // the slide's annotations and counts travel along; the model and config are recorded
        assertArrayEquals(slide.obs().text("region"), annotated.obs().text("region"));
        assertArrayEquals(slide.spatial()[149], annotated.spatial()[149]);
        assertEquals(slide.varNames(), annotated.varNames());
        assertArrayEquals(slide.counts().denseRow(77), annotated.counts().denseRow(77));
        assertEquals("test-linear-softmax-7", annotated.uns().get(InferOutputs.UNS_MODEL_CHECKSUM));
        assertEquals("synthetic test slide", annotated.uns().get("source"));
        assertTrue(annotated.uns().get(InferOutputs.UNS_CONFIG).contains("batch_size: 64"));
        assertEquals(annotated.uns().get(InferOutputs.UNS_CONFIG), readString(out.resolve(InferOutputs.CONFIG_YAML)));
    }

    @Test
    void workerThreadsAndBatchSizeDoNotChangeTheOutput() throws Exception {
        ExpressionData slide = SyntheticSlides.slide(200, LinearSoftmaxModel.genes("g", 0, 40), 2);
        Path file = SyntheticSlides.write(slide, tmp.resolve("slide.h5ad"));
        LinearSoftmaxModel model = LinearSoftmaxModel.of(40, 5);
        InferConfig serial = config(file, tmp.resolve("serial"));
        serial.threads = 0;
        run(serial, model);
        InferConfig parallel = config(file, tmp.resolve("parallel"));
        parallel.threads = 3;
        parallel.batchSize = 7;
        LinearSoftmaxModel same = LinearSoftmaxModel.of(40, 5);
        run(parallel, same);
        assertEquals(7, same.largestBatch);
        assertArrayEquals(Files.readAllBytes(tmp.resolve("serial").resolve(InferOutputs.PROPORTIONS_TSV)),
                Files.readAllBytes(tmp.resolve("parallel").resolve(InferOutputs.PROPORTIONS_TSV)));
    }

    @Test
    void missingModelGenesAreZeroFilledWithAWarning() {
        ExpressionData slide = SyntheticSlides.slide(40, LinearSoftmaxModel.genes("g", 0, 30), 3);
        Path file = SyntheticSlides.write(slide, tmp.resolve("slide.h5ad"));
        // 14 of the model's 20 genes are in the slide; 6 (g30..g35) are not
        LinearSoftmaxModel model = LinearSoftmaxModel.of(LinearSoftmaxModel.genes("g", 16, 36), 3);
        Path out = tmp.resolve("out");
        String err = StandardError.during(() -> run(config(file, out), model));
        assertTrue(err.contains("6 of the model's 20 genes (30.0%) are missing") && err.contains("g30"), err);
        ProportionTable tsv = ProportionTableReader.read(out.resolve(InferOutputs.PROPORTIONS_TSV));
        float[] want = model.predictRow(expectedInput(slide, 5, model.genes()), null);
        assertEquals(want[2], tsv.values()[5][2], 1e-6);
    }

    @Test
    void spotsWithoutCountsOverTheModelsGenesGetNaNNotAnAnswer() {
        List<String> genes = LinearSoftmaxModel.genes("g", 0, 30);
        ExpressionData full = SyntheticSlides.slide(40, genes, 5);
        // spots 3 and 17 keep counts only in g0..g9, which the model does not read; spot 25 has none at all
        CsrMatrix.Builder b = new CsrMatrix.Builder(genes.size());
        for (int i = 0; i < full.nObs(); i++) {
            float[] row = full.counts().denseRow(i);
            if (i == 3 || i == 17) java.util.Arrays.fill(row, 10, 30, 0f);
            if (i == 3 || i == 17) row[0] = 5;
            if (i == 25) java.util.Arrays.fill(row, 0f);
            b.addDenseRow(row);
        }
        ExpressionData slide = new ExpressionData(b.build(), full.obsNames(), genes, full.obs(), full.spatial(), full.uns());
        Path file = SyntheticSlides.write(slide, tmp.resolve("slide.h5ad"));
        LinearSoftmaxModel model = LinearSoftmaxModel.of(LinearSoftmaxModel.genes("g", 10, 30), 3);
        Path out = tmp.resolve("out");
        String err = StandardError.during(() -> run(config(file, out), model));
        assertTrue(err.contains("3 of 40 spots have no counts over the model's genes"), err);

        List<String> lines = readString(out.resolve(InferOutputs.PROPORTIONS_TSV)).lines().toList();
        assertTrue(lines.get(1 + 3).startsWith("spot_3\t"), lines.get(4));
        assertTrue(lines.get(1 + 3).endsWith("\tNaN\tNaN\tNaN\tNA\tNaN"), "NaN proportions, no dominant type, NaN entropy: " + lines.get(4));
        assertTrue(lines.get(1 + 25).endsWith("\tNaN\tNaN\tNaN\tNA\tNaN"), lines.get(26));
        assertFalse(lines.get(1 + 4).contains("NaN"), "a spot with counts is answered: " + lines.get(5));
        ProportionTable tsv = ProportionTableReader.read(out.resolve(InferOutputs.PROPORTIONS_TSV));
        assertEquals(40, tsv.size(), "NaN rows read back");
        assertEquals(37, tsv.withoutMissing().size());
        assertTrue(readString(out.resolve(InferOutputs.INTERVALS_TSV)).lines().skip(1 + 17).findFirst().orElseThrow().matches("spot_17(\tNaN)+"));

        ExpressionData annotated = H5adReader.read(out.resolve(InferOutputs.ANNOTATED_H5AD));
        double[][] obsm = annotated.obsm().get(InferOutputs.OBSM_PROPORTIONS);
        for (int i = 0; i < 40; i++) assertEquals(i == 3 || i == 17 || i == 25, Double.isNaN(obsm[i][0]), "spot " + i);
        assertEquals(ProportionTable.NO_DOMINANT, annotated.obs().text(InferOutputs.OBS_PREFIX + "dominant_type")[25]);
    }

    @Test
    void tooFewModelGenesStopsWithExamplesAndWritesNothing() {
        ExpressionData slide = SyntheticSlides.slide(40, LinearSoftmaxModel.genes("g", 0, 30), 3);
        Path file = SyntheticSlides.write(slide, tmp.resolve("slide.h5ad"));
        LinearSoftmaxModel model = LinearSoftmaxModel.of(LinearSoftmaxModel.genes("g", 20, 40), 3);
        Path out = tmp.resolve("out");
        InferConfig c = config(file, out);
        c.minGeneOverlap = 0.6;
        InputDataException e = assertThrows(InputDataException.class, () -> run(c, model));
        assertEquals(StdeconvException.BAD_INPUT, e.exitCode());
        assertTrue(e.getMessage().contains("only 10 of the model's 20 genes (50.0%)") && e.getMessage().contains("missing e.g. g30, g31"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        assertFalse(Files.exists(out));
        c.minGeneOverlap = 0.5;
        run(c, model);
        assertTrue(Files.exists(out.resolve(InferOutputs.PROPORTIONS_TSV)));
    }

    @Test
    void negativeCountsFoundMidSlideLeaveNoOutput() {
        ExpressionData good = SyntheticSlides.slide(100, LinearSoftmaxModel.genes("g", 0, 10), 4);
        CsrMatrix c = good.counts();
        float[] data = c.data().clone();
        data[c.rowStart(90)] = -3;
        ExpressionData bad = good.withCounts(new CsrMatrix(c.rows(), c.cols(), c.indptr(), c.indices(), data), good.varNames());
        Path file = tmp.resolve("bad.h5ad");
        // written directly: the shared writer has no count checks, like files from other tools
        org.stdeconv.io.h5ad.H5adWriter.write(bad, file);
        Path out = tmp.resolve("out");
        InputDataException e = assertThrows(InputDataException.class, () -> run(config(file, out), LinearSoftmaxModel.of(10, 2)));
        assertTrue(e.getMessage().startsWith(file + ": X: negative value (-3.0)"), e.getMessage());
        assertFalse(Files.exists(out));
    }

    @Test
    void damagedDatasetsOfTheStreamedSlideAreBadInputNamingThem() throws Exception {
        // each as the whole-file reader names it; they were internal errors or exception texts on the streamed path
        assertDamagedSlideFails("float_indptr.h5ad", file -> file + ": X/indptr: holds double values, not integers", "retype_dataset.py", "X/indptr", "float64");
        assertDamagedSlideFails("text_xy.h5ad", file -> file + ": obsm/spatial: holds String values, not numbers", "retype_dataset.py", "obsm/spatial", "S12");
        assertDamagedSlideFails("no_shape.h5ad", file -> file + ": X: sparse matrix without a shape attribute", "drop_attribute.py", "X", "shape");
        // a filter jhdf cannot decode was an internal error ("HdfFilterException ... report it"), booleans a class name
        assertDamagedSlideFails("scaleoffset.h5ad", file -> file + ": X: cannot read its size: stored with an HDF5 filter stdeconv cannot decode (", "filter_dataset.py", "X/indptr");
        assertDamagedSlideFails("bool_data.h5ad", file -> file + ": X/data: holds String values, not numbers", "retype_dataset.py", "X/data", "bool");
    }

    @Test
    void coordinatesStoredAsADataFrameAreReadByTheStreamedReaderAsByTheWholeOne() throws Exception {
        // infer's streamed reader took such a slide for one without coordinates (no smoothing, no maps); qc read them
        Path file = SyntheticSlides.write(SyntheticSlides.slide(40, LinearSoftmaxModel.genes("g", 0, 10), 4), tmp.resolve("frame_xy.h5ad"));
        double[][] xy = org.stdeconv.io.ExpressionReaders.read(file).spatial();
        org.stdeconv.io.PythonHelper.run(InferenceTest.class, tmp, "spatial_as_frame.py", file.toString());
        assertArrayEquals(xy, org.stdeconv.io.ExpressionReaders.read(file).spatial(), "the whole-file reader");
        try (var source = org.stdeconv.io.SpotSources.open(file)) {
            assertArrayEquals(xy, source.spatial(), "the streamed reader");
        }
    }

    /** A written slide damaged by {@code script} (an h5py edit) fails infer with a message starting as expected, and no output. */
    private void assertDamagedSlideFails(String name, java.util.function.Function<Path, String> expected, String script, String... scriptArgs) throws Exception {
        Path file = SyntheticSlides.write(SyntheticSlides.slide(40, LinearSoftmaxModel.genes("g", 0, 10), 4), tmp.resolve(name));
        List<String> args = new ArrayList<>(List.of(file.toString()));
        args.addAll(List.of(scriptArgs));
        org.stdeconv.io.PythonHelper.run(InferenceTest.class, tmp, script, args.toArray(String[]::new));
        Path out = tmp.resolve("out-" + name);
        InputDataException e = assertThrows(InputDataException.class, () -> run(config(file, out), LinearSoftmaxModel.of(10, 2)));
        assertTrue(e.getMessage().startsWith(expected.apply(file)), e.getMessage());
        assertFalse(Files.exists(out));
    }

    @Test
    void coordinateModelNeedsASpatialSlide() {
        ExpressionData slide = SyntheticSlides.slide(30, LinearSoftmaxModel.genes("g", 0, 10), 5);
        ExpressionData flat = new ExpressionData(slide.counts(), slide.obsNames(), slide.varNames(), slide.obs(), null, Map.of());
        Path file = SyntheticSlides.write(flat, tmp.resolve("flat.h5ad"));
        LinearSoftmaxModel model = new LinearSoftmaxModel(slide.varNames(), List.of("A", "B"), true);
        InputDataException e = assertThrows(InputDataException.class, () -> run(config(file, tmp.resolve("out")), model));
        assertTrue(e.getMessage().contains("obsm/spatial: the model reads spot coordinates"), e.getMessage());

        Path spatial = SyntheticSlides.write(slide, tmp.resolve("spatial.h5ad"));
        run(config(spatial, tmp.resolve("out")), model);
        ProportionTable tsv = ProportionTableReader.read(tmp.resolve("out").resolve(InferOutputs.PROPORTIONS_TSV));
        int spot = 29;
        while (slide.counts().rowSum(spot) == 0) spot--; // a spot with counts (one without is NaN, tested above)
        float[] want = model.predictRow(expectedInput(slide, spot, model.genes()), slide.spatial()[spot]);
        assertEquals(want[1], tsv.values()[spot][1], 1e-6);
    }

    @Test
    void countsCanBeLeftOutOfTheAnnotatedFile() {
        ExpressionData slide = SyntheticSlides.slide(50, LinearSoftmaxModel.genes("g", 0, 10), 6);
        Path file = SyntheticSlides.write(slide, tmp.resolve("slide.h5ad"));
        InferConfig c = config(file, tmp.resolve("out"));
        c.h5adCounts = InferConfig.H5adCounts.NEVER;
        run(c, LinearSoftmaxModel.of(10, 3));
        Path annotated = tmp.resolve("out").resolve(InferOutputs.ANNOTATED_H5AD);
        assertFalse(H5adReader.hasX(annotated));
        ExpressionData a = H5adReader.read(annotated, false);
        assertEquals(slide.varNames(), a.varNames());
        assertEquals(50, a.obsm().get(InferOutputs.OBSM_PROPORTIONS).length);
        assertEquals("omitted (h5ad_counts: never)", a.uns().get(InferOutputs.UNS_X));
    }

    @Test
    void aRunWithoutTheAnnotatedFileDoesNotKeepAnEarlierRunsOne() throws Exception {
        Path earlier = SyntheticSlides.write(SyntheticSlides.slide(30, LinearSoftmaxModel.genes("g", 0, 10), 8), tmp.resolve("earlier.h5ad"));
        Path now = SyntheticSlides.write(SyntheticSlides.slide(20, LinearSoftmaxModel.genes("g", 0, 10), 9), tmp.resolve("now.h5ad"));
        Path out = tmp.resolve("out");
        run(config(earlier, out), LinearSoftmaxModel.of(10, 3));
        assertTrue(Files.exists(out.resolve(InferOutputs.ANNOTATED_H5AD)));
        InferConfig c = config(now, out);
        c.writeH5ad = false;
        c.maps = false;
        run(c, LinearSoftmaxModel.of(10, 3));
        assertEquals(List.of(Path.of(InferOutputs.CONFIG_YAML), Path.of(InferOutputs.INTERVALS_TSV), Path.of(InferOutputs.PROPORTIONS_TSV)), files(out),
                "the folder holds this run's files only, not the annotated slide or the maps of the earlier one");
        assertEquals(20, ProportionTableReader.read(out.resolve(InferOutputs.PROPORTIONS_TSV)).size());
    }


    static String readString(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Every file under {@code dir} (maps/ included), relative to it, sorted. */
    static List<Path> files(Path dir) throws java.io.IOException {
        try (var s = Files.walk(dir)) {
            List<Path> out = new ArrayList<>(s.filter(Files::isRegularFile).map(dir::relativize).toList());
            out.sort(null);
            return out;
        }
    }
}
