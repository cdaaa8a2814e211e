package org.stdeconv.evaluate;

import org.stdeconv.testing.StandardError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stdeconv.cli.Main;
import org.stdeconv.data.ProportionTable;
import org.stdeconv.io.text.ProportionTableReader;
import picocli.CommandLine;

import javax.imageio.ImageIO;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `stdeconv evaluate` end to end on a synthetic tissue small enough that the expected figures are known. */
class EvaluateCommandTest {
    @TempDir
    Path dir;
    SyntheticTissue tissue;
    Path reference, slide, predictions;
    String err;

    @BeforeEach
    void data() {
        tissue = new SyntheticTissue(5);
        reference = dir.resolve("reference.h5ad");
        slide = dir.resolve("slide.h5ad");
        predictions = dir.resolve("proportions.tsv");
        tissue.write(reference, slide);
        tissue.writePredictions(tissue.perturbedTruth(0.1), predictions);
    }

    private int evaluate(String... sets) {
        List<String> args = new ArrayList<>(List.of("evaluate"));
        for (String s : sets) { args.add("--set"); args.add(s); }
        StringWriter sw = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setErr(new PrintWriter(sw, true));
        int rc = cl.execute(args.toArray(String[]::new));
        err = sw.toString();
        return rc;
    }

    private static Map<String, String[]> metricsTsv(Path file) throws Exception {
        Map<String, String[]> rows = new TreeMap<>();
        List<String> lines = Files.readAllLines(file);
        for (String l : lines.subList(1, lines.size())) {
            String[] f = l.split("\t");
            rows.put(f[0] + "/" + f[1], f);
        }
        return rows;
    }

    @Test
    void accuracyAgainstTruthMatchesTheKnownError() throws Exception {
        Path out = dir.resolve("out");
        assertEquals(0, evaluate("predictions=" + predictions, "truth=" + slide, "reference=" + reference, "output_dir=" + out), err);
        List<String> header = List.of(Files.readAllLines(out.resolve("metrics.tsv")).get(0).split("\t"));
        assertEquals(List.of("metric", "cell_type", "stdeconv", "nnls_baseline"), header);
        Map<String, String[]> m = metricsTsv(out.resolve("metrics.tsv"));
        // every spot is off by +0.1 on A and -0.1 on C: RMSE sqrt(0.02 / 3), per type 0.1, 0, 0.1
        assertEquals(Math.sqrt(0.02 / 3), Double.parseDouble(m.get("rmse/all")[2]), 1e-5);
        assertEquals(0.1, Double.parseDouble(m.get("rmse/A")[2]), 1e-5);
        assertEquals(0.0, Double.parseDouble(m.get("rmse/B")[2]), 1e-5);
        assertEquals(1.0, Double.parseDouble(m.get("pearson/B")[2]), 1e-9);
        // a constant shift keeps every ranking: Spearman and AUPR are perfect for A
        assertEquals(1.0, Double.parseDouble(m.get("spearman/A")[2]), 1e-9);
        assertEquals(1.0, Double.parseDouble(m.get("aupr/A")[2]), 1e-9);
        // the shift never changes a dominant type (gaps are at least 0.4)
        assertEquals(1.0, Double.parseDouble(m.get("dominant_type_accuracy/all")[2]), 1e-9);

        // the baseline really deconvolves: better than equal shares (whose RMSE the test computes itself)
        double uniformSse = 0;
        for (double[] row : tissue.truth) for (double v : row) uniformSse += (v - 1.0 / 3) * (v - 1.0 / 3);
        double uniformRmse = Math.sqrt(uniformSse / (tissue.truth.length * 3));
        double baselineRmse = Double.parseDouble(m.get("rmse/all")[3]);
        assertTrue(baselineRmse < uniformRmse, "baseline RMSE " + baselineRmse + " vs equal shares " + uniformRmse);

        JsonNode json = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        assertEquals(36, json.get("n_spots").asInt());
        assertEquals(Double.parseDouble(m.get("rmse/all")[2]), json.at("/methods/stdeconv/truth/rmse").asDouble(), 1e-6);
        assertEquals(List.of("g0", "g1", "g2", "g3", "g4"), sorted(json.at("/markers/genes/A")));
        // synthetic markers are exact: proportions of A follow their expression
        assertTrue(json.at("/methods/stdeconv/marker_correlation/per_type/A").asDouble() > 0.8, json.at("/methods/stdeconv/marker_correlation").toString());

        ProportionTable baseline = ProportionTableReader.read(out.resolve("nnls_baseline_proportions.tsv"));
        for (double[] row : baseline.values()) assertEquals(1.0, row[0] + row[1] + row[2], 1e-5);
        assertTrue(Files.exists(out.resolve("evaluate.config.yaml")));
    }

    private static List<String> sorted(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        out.sort(null);
        return out;
    }

    @Test
    void regionsSpatialPlotsAndReport() throws Exception {
        Path out = dir.resolve("out");
        assertEquals(0, evaluate("predictions=" + predictions, "slide=" + slide, "reference=" + reference, "output_dir=" + out), err);
        // region means: rows left/middle/right (sorted), unannotated spots left out
        List<String> means = Files.readAllLines(out.resolve("region_means.tsv"));
        assertEquals("method\tregion\tn_spots\tA\tB\tC", means.get(0));
        String[] left = means.get(1).split("\t");
        assertEquals("stdeconv", left[0]);
        assertEquals("left", left[1]);
        long unannotatedLeft = 0;
        for (int i = 0; i < 36; i++) if (i % 6 < 2 && (i % 6 + i / 6) % 7 == 3) unannotatedLeft++;
        assertEquals(12 - unannotatedLeft, Long.parseLong(left[2]));
        // left spots are 0.7/0.2/0.1 in truth, predicted +0.1 on A and -0.1 on C
        assertEquals(0.8, Double.parseDouble(left[3]), 1e-5);
        assertEquals(0.0, Double.parseDouble(left[5]), 1e-5);
        assertTrue(means.stream().noneMatch(l -> l.contains("unannotated")));
        // three regions with distinct proportions: k-means recovers them exactly
        Map<String, String[]> m = metricsTsv(out.resolve("metrics.tsv"));
        assertEquals(1.0, Double.parseDouble(m.get("cluster_purity/all")[2]), 1e-9);
        assertEquals(1.0, Double.parseDouble(m.get("adjusted_rand_index/all")[2]), 1e-9);
        // columns of constant bands: strongly autocorrelated
        assertTrue(Double.parseDouble(m.get("morans_i/A")[2]) > 0.5, m.get("morans_i/A")[2]);
        assertFalse(m.containsKey("rmse/all"), "no truth was given");

        List<Path> pngs, svgs;
        try (Stream<Path> s = Files.list(out.resolve("plots"))) {
            pngs = s.filter(p -> p.toString().endsWith(".png")).sorted().toList();
        }
        try (Stream<Path> s = Files.list(out.resolve("plots"))) {
            svgs = s.filter(p -> p.toString().endsWith(".svg")).sorted().toList();
        }
        // every figure comes as SVG too: spot maps (DrawingFiles) and XChart figures (region heatmaps, ChartFiles)
        assertEquals(pngs.stream().map(org.stdeconv.report.DrawingFiles::svgBeside).toList(), svgs);
        assertTrue(pngs.stream().anyMatch(p -> p.getFileName().toString().startsWith("region_heatmap_")));
        assertTrue(pngs.stream().anyMatch(p -> p.getFileName().toString().startsWith("spatial_pies_")));
        for (Path p : pngs) assertNotNull(ImageIO.read(p.toFile()), p + " is not a readable PNG");
        String html = Files.readString(out.resolve("report.html"));
        Matcher img = Pattern.compile("<img [^>]*src=\"data:image/png;base64,").matcher(html);
        int images = 0;
        while (img.find()) images++;
        assertEquals(pngs.size(), images, "every plot is embedded in report.html");
        assertFalse(html.contains("src=\"plots/"), "the report must not link to files beside it");
        assertTrue(html.contains("left (") && html.contains("middle (") && html.contains("right ("), "region table in the report");
    }

    @Test
    void aSpotWithoutCoordinatesIsLeftOffMoransIAndTheMapsOnly() throws Exception {
        // infer writes NaN x/y for a spot the slide leaves unplaced; s2_3 lies inside the A/B/C bands
        double[][] xy = tissue.slide.spatial().clone();
        int unplaced = tissue.slide.obsNames().indexOf("s2_3");
        xy[unplaced] = new double[]{Double.NaN, Double.NaN};
        double[][] values = tissue.perturbedTruth(0.1);
        Path withNaN = dir.resolve("nan_xy.tsv"), without = dir.resolve("without.tsv");
        new ProportionTable(tissue.slide.obsNames(), SyntheticTissue.TYPES, values, xy).writeTsv(withNaN);
        List<String> others = new ArrayList<>(tissue.slide.obsNames());
        others.remove(unplaced);
        List<double[]> otherValues = new ArrayList<>(List.of(values)), otherXy = new ArrayList<>(List.of(xy));
        otherValues.remove(unplaced);
        otherXy.remove(unplaced);
        new ProportionTable(others, SyntheticTissue.TYPES, otherValues.toArray(double[][]::new), otherXy.toArray(double[][]::new)).writeTsv(without);

        Path out = dir.resolve("out"), placedOut = dir.resolve("placed_out");
        String log = StandardError.during(() -> assertEquals(0, evaluate("predictions=" + withNaN, "truth=" + slide, "output_dir=" + out), err));
        assertEquals(1, log.split("have no finite coordinates", -1).length - 1, log);
        assertTrue(log.contains("WARNING: " + withNaN + ": 1 of 36 spots have no finite coordinates: Moran's I and the maps leave them out"), log);
        assertEquals(0, evaluate("predictions=" + without, "truth=" + slide, "output_dir=" + placedOut), err);

        JsonNode json = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        JsonNode placedOnly = new ObjectMapper().readTree(placedOut.resolve("metrics.json").toFile());
        assertEquals(36, json.get("n_spots").asInt(), "the accuracy figures count every spot");
        JsonNode moran = json.get("methods").get("stdeconv").get("morans_i");
        assertNotNull(moran, json.toString());
        assertEquals(placedOnly.get("methods").get("stdeconv").get("morans_i"), moran, "Moran's I over the 35 placed spots");
        assertEquals(placedOnly.get("morans_radius"), json.get("morans_radius"));
        assertTrue(moran.get("A").asDouble() > 0.5, moran.toString());
        for (String map : List.of("spatial_pies_stdeconv.png", "spatial_pies_truth.png", "spatial_01_A.png", "spatial_03_C.png")) {
            assertNotNull(ImageIO.read(out.resolve("plots").resolve(map).toFile()), map);
        }
        // spots.tsv keeps the spot, its coordinates NaN as infer wrote them
        assertTrue(Files.readAllLines(out.resolve("spots.tsv")).stream().anyMatch(l -> l.startsWith("s2_3\tNaN\tNaN\t")));
    }

    /** What {@code r} logs (the log goes to System.err). */

    @Test
    void aRowNaNInSomeColumnsOnlyIsRefusedNotLeftOut() {
        // infer writes a spot without counts as NaN in every column (left out with a warning); NaN in the first
        // column alone was taken for such a spot, and the damaged table was evaluated without its row
        double[][] values = tissue.perturbedTruth(0.1);
        values[3][0] = Double.NaN;
        Path damaged = dir.resolve("damaged.tsv");
        tissue.writePredictions(values, damaged);
        assertEquals(3, evaluate("predictions=" + damaged, "truth=" + slide, "output_dir=" + dir.resolve("out")), err);
        assertTrue(err.contains(damaged + ": " + SyntheticTissue.TYPES.get(0) + ": invalid proportion NaN at spot " + tissue.slide.obsNames().get(3)), err);
        assertFalse(Files.exists(dir.resolve("out")));
    }

    @Test
    void sameInputsGiveTheSameBytes() throws Exception {
        Path out = dir.resolve("out");
        String[] args = {"predictions=" + predictions, "truth=" + slide, "reference=" + reference, "output_dir=" + out, "seed=3"};
        assertEquals(0, evaluate(args), err);
        Map<String, byte[]> first = contents(out);
        assertEquals(0, evaluate(args), err);
        Map<String, byte[]> second = contents(out);
        assertEquals(first.keySet(), second.keySet());
        for (String f : first.keySet()) assertArrayEquals(first.get(f), second.get(f), f + " differs between runs");
        try (Stream<Path> s = Files.list(dir)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(".stdeconv-staging")), "staging folder left behind");
        }
    }

    private static Map<String, byte[]> contents(Path root) throws Exception {
        Map<String, byte[]> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) m.put(root.relativize(p).toString(), Files.readAllBytes(p));
        }
        return m;
    }

    @Test
    void lossCurvesFromTheModelFolder() throws Exception {
        Path model = Files.createDirectories(dir.resolve("model"));
        Files.writeString(model.resolve("training_metrics.tsv"), "epoch\tloss_pred\tloss_domain\tval_rmse\n1\t0.5\t0.7\t0.2\n2\t0.3\t0.6\tNA\n3\t0.2\t0.65\t0.1\n");
        Path out = dir.resolve("out");
        // a folder that is not a model (no model.yaml: a qc folder, an empty one) is refused, not silently curve-less
        assertEquals(3, evaluate("predictions=" + predictions, "truth=" + slide, "model_dir=" + model, "output_dir=" + out), err);
        assertTrue(err.contains(model + ": not a model folder (no model.yaml)"), err);
        assertTrue(Files.notExists(out));
        Files.writeString(model.resolve("model.yaml"), "format: 1\n");
        assertEquals(0, evaluate("predictions=" + predictions, "truth=" + slide, "model_dir=" + model, "output_dir=" + out), err);
        assertTrue(Files.exists(out.resolve("plots/training_losses.png")));
        assertTrue(Files.exists(out.resolve("plots/training_metrics.png")));
        assertTrue(Files.readString(out.resolve("report.html")).contains("Training curves"));
        // no reference: one method only, and the report says why
        assertEquals("metric\tcell_type\tstdeconv", Files.readAllLines(out.resolve("metrics.tsv")).get(0));
        assertTrue(Files.readString(out.resolve("metrics.json")).contains("No reference given"));
    }

    @Test
    void differentCellTypesAreAnErrorListingBothSets() throws Exception {
        double[][] v = tissue.perturbedTruth(0);
        new ProportionTable(tissue.slide.obsNames(), List.of("A", "B", "D"), v, null).writeTsv(predictions);
        Path out = dir.resolve("out");
        assertEquals(3, evaluate("predictions=" + predictions, "truth=" + slide, "output_dir=" + out));
        assertTrue(err.contains("[A, B, C]") && err.contains("[A, B, D]"), err);
        assertFalse(Files.exists(out), "nothing is written on failure");
    }

    @Test
    void predictedSpotsMissingFromTheSlideAreNamed() throws Exception {
        List<String> names = new ArrayList<>(tissue.slide.obsNames());
        names.set(4, "nowhere");
        new ProportionTable(names, SyntheticTissue.TYPES, tissue.perturbedTruth(0), null).writeTsv(predictions);
        assertEquals(3, evaluate("predictions=" + predictions, "slide=" + slide, "output_dir=" + dir.resolve("out")));
        assertTrue(err.contains("nowhere") && err.contains("1 of 36"), err);
    }

    @Test
    void aRegionColumnWithNoAnnotatedSpotGivesANoteNotAnInternalError() throws Exception {
        // every region named unannotated (as an all-empty or all-NaN column): the region heatmap had no axis, exit 1
        Path out = dir.resolve("out");
        assertEquals(0, evaluate("predictions=" + predictions, "slide=" + slide, "unannotated_labels=[left, middle, right, unannotated]", "output_dir=" + out), err);
        assertEquals("NA", metricsTsv(out.resolve("metrics.tsv")).get("cluster_purity/all")[2]);
        String json = Files.readString(out.resolve("metrics.json"));
        assertTrue(json.contains("cluster purity needs at least 2 annotated regions, found 0"), json);
        try (var plots = Files.list(out.resolve("plots"))) {
            assertTrue(plots.noneMatch(p -> p.getFileName().toString().startsWith("region_heatmap_")), "no heatmap of no region");
        }
    }

    @Test
    void spotsThatAllShareOnePositionGetNoMapsAndNoMoransI() throws Exception {
        // one pie for every spot and a Moran's I of -1/(n-1) for every type were drawn and reported without a word
        double[][] xy = new double[tissue.slide.nObs()][];
        for (int i = 0; i < xy.length; i++) xy[i] = new double[]{3, 3};
        new ProportionTable(tissue.slide.obsNames(), SyntheticTissue.TYPES, tissue.perturbedTruth(0.1), xy).writeTsv(predictions);
        Path out = dir.resolve("out");
        assertEquals(0, evaluate("predictions=" + predictions, "morans_radius=1", "output_dir=" + out), err);
        assertTrue(Files.readString(out.resolve("metrics.json")).contains("Every spot has the same coordinates: Moran's I and spatial maps are skipped."));
        assertFalse(Files.readString(out.resolve("metrics.tsv")).contains("morans_i"));
        if (Files.isDirectory(out.resolve("plots"))) {   // no plot at all here: no truth, no regions, no maps
            try (var plots = Files.list(out.resolve("plots"))) {
                assertTrue(plots.noneMatch(p -> p.getFileName().toString().startsWith("spatial_")), "no maps");
            }
        }
    }

    @Test
    void predictionsWhoseRowsDoNotSumToOneAreRefused() throws Exception {
        // doubled rows were scored (RMSE 0.276) while the Jensen-Shannon divergence, which normalises, did not move
        double[][] doubled = tissue.perturbedTruth(0.1);
        for (double[] row : doubled) for (int j = 0; j < row.length; j++) row[j] *= 2;
        new ProportionTable(tissue.slide.obsNames(), SyntheticTissue.TYPES, doubled, null).writeTsv(predictions);
        assertEquals(3, evaluate("predictions=" + predictions, "truth=" + slide, "output_dir=" + dir.resolve("out")));
        assertTrue(err.contains(predictions + ": 36 of 36 spots have predicted proportions that do not sum to 1 (e.g. "), err);
        assertFalse(Files.exists(dir.resolve("out")));
    }

    @Test
    void unknownRegionColumnIsNamed() {
        assertEquals(3, evaluate("predictions=" + predictions, "slide=" + slide, "region_column=layer", "output_dir=" + dir.resolve("out")));
        assertTrue(err.contains("obs/layer"), err);
    }

    @Test
    void badConfigValueIsAUsageError() {
        assertEquals(2, evaluate("predictions=" + predictions, "output_dir=" + dir.resolve("out"), "kmeans_restarts=0"));
        assertTrue(err.contains("kmeans_restarts"), err);
    }
}
