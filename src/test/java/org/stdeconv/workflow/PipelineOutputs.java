package org.stdeconv.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.stdeconv.data.ExpressionData;
import org.stdeconv.data.ProportionTable;
import org.stdeconv.io.h5ad.H5adReader;
import org.stdeconv.io.text.ProportionTableReader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** What a -profile test run must leave in its outdir, checked by reading every file back with a real reader. */
final class PipelineOutputs {
    /** The sample the test profile's demo slide runs as. */
    static final String SAMPLE = "demo";
    /** Task work folders (launch/work/ab/cdef...) that outputs name: they differ between launches. */
    private static final Pattern WORK_PATH = Pattern.compile("/[\\w./-]*/work/[0-9a-f]{2}/[0-9a-f]{30}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private PipelineOutputs() {
    }

    /** Checks the files every step must publish and that they hold what they claim. */
    static void assertComplete(Path outdir) {
        Path demo = outdir.resolve("demo_data");
        ExpressionData reference = readH5ad(demo.resolve("reference.h5ad"));
        ExpressionData slide = readH5ad(demo.resolve("slide.h5ad"));
        assertFalse(ProportionTable.truthTypes(slide).isEmpty(), "demo slide has true_<type> columns");

        Path qc = outdir.resolve(SAMPLE).resolve("qc");
        ExpressionData qcReference = readH5ad(qc.resolve("reference.h5ad"));
        ExpressionData qcSlide = readH5ad(qc.resolve("slide.h5ad"));
        assertTrue(qcReference.nObs() <= reference.nObs() && qcSlide.nObs() <= slide.nObs(), "qc only removes cells and spots");
        assertEquals(qcReference.varNames(), qcSlide.varNames(), "qc'd reference and slide share one gene list");
        readJson(qc.resolve("qc.json"));
        assertHtml(qc.resolve("qc.html"));
        assertTrue(Files.exists(qc.resolve("genes.tsv")), "qc genes.tsv");

        ExpressionData simulated = readH5ad(outdir.resolve("simulate/simulated.h5ad"));
        assertEquals(300, simulated.nObs(), "the test profile simulates 300 spots");
        assertFalse(ProportionTable.truthTypes(simulated).isEmpty(), "simulated spots carry true_<type>");

        Path model = outdir.resolve("model");
        assertTrue(Files.isDirectory(model) && listFiles(model).size() >= 2, "model folder with parameters and description: " + listFiles(model));

        Path infer = outdir.resolve(SAMPLE).resolve("infer");
        ProportionTable predicted = ProportionTableReader.read(infer.resolve("proportions.tsv"));
        assertEquals(qcSlide.obsNames(), predicted.spots(), "one prediction per QC'd spot, in slide order, after merging the chunks");
        assertEquals(ProportionTable.truthTypes(simulated).stream().sorted().toList(), predicted.types().stream().sorted().toList(), "predicted types are the trained ones");
        for (int i = 0; i < predicted.size(); i++) {
            double sum = 0;
            for (double v : predicted.values()[i]) {
                assertTrue(v >= 0 && v <= 1, "proportion in [0,1] at spot " + predicted.spots().get(i));
                sum += v;
            }
            assertEquals(1.0, sum, 1e-4, "proportions of spot " + predicted.spots().get(i) + " sum to 1");
        }
        try (Stream<Path> s = Files.list(infer)) {
            List<Path> h5ad = s.filter(p -> p.toString().endsWith(".h5ad")).toList();
            assertEquals(1, h5ad.size(), "infer writes one annotated .h5ad: " + h5ad);
            assertEquals(qcSlide.nObs(), readH5ad(h5ad.get(0)).nObs(), "annotated slide keeps every spot");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }

        Path evaluate = outdir.resolve(SAMPLE).resolve("evaluate");
        JsonNode metrics = readJson(evaluate.resolve("metrics.json"));
        assertTrue(metrics.size() > 0, "metrics.json has metrics");
        assertHtml(evaluate.resolve("report.html"));

        Path info = outdir.resolve("pipeline_info");
        for (String prefix : List.of("execution_trace_", "execution_report_", "execution_timeline_")) {
            assertTrue(latest(info, prefix) != null, prefix + "* in pipeline_info");
        }
        String versions = read(info.resolve("software_versions.yml"));
        for (String process : List.of("DEMO_DATA", "STDECONV:QC", "STDECONV:SIMULATE", "STDECONV:TRAIN", "STDECONV:INFER", "STDECONV:MERGE", "STDECONV:EVALUATE")) {
            assertTrue(versions.contains("\"" + process + "\":"), "software_versions.yml names " + process);
        }
        assertTrue(versions.contains("stdeconv: 0.1.0"), "software_versions.yml records the stdeconv version:\n" + versions);
        assertTrue(versions.contains("Workflow:\n  stdeconv: 0.1.0\n  Nextflow: 24.10.0\n"), "and the workflow's, as nf-core's does:\n" + versions);
        JsonNode runParams = readJson(latest(info, "params_"));
        assertEquals(outdir.toString(), runParams.get("outdir").asText(), "params_<time>.json holds the run's params");
        assertSummary(outdir);
    }

    /**
     * pipeline_info/summary.html: a whole page with the sample's section, its QC figures, the training curve, the
     * proportion map and the overall metrics, and every link and image resolving to a published file.
     */
    static void assertSummary(Path outdir) {
        Path summary = outdir.resolve("pipeline_info/summary.html");
        String html = read(summary);
        assertHtml(summary);
        assertTrue(html.contains("id=\"sample-" + SAMPLE + "\""), "summary has a section for " + SAMPLE);
        List<String> targets = new ArrayList<>();
        Matcher m = Pattern.compile("(?:href|src)=\"([^\"#]+)\"").matcher(html);
        while (m.find()) targets.add(m.group(1));
        for (String expected : List.of("../model/loss_curve.png", "../" + SAMPLE + "/qc/qc.html", "../" + SAMPLE + "/qc/cells_per_type.png",
                "../" + SAMPLE + "/evaluate/report.html", "../" + SAMPLE + "/evaluate/plots/spatial_pies_stdeconv.png")) {
            assertTrue(targets.contains(expected), "summary links " + expected + ": " + targets);
        }
        for (String t : targets) {
            assertTrue(Files.exists(summary.getParent().resolve(t).normalize()), "summary link resolves to a published file: " + t);
        }
        assertTrue(html.contains("<td>rmse</td><td>all</td>"), "summary shows the overall metrics of " + SAMPLE);
    }

    /** Trace rows (column name -> value) of the newest execution_trace_*.txt. */
    static List<Map<String, String>> latestTrace(Path outdir) {
        Path trace = latest(outdir.resolve("pipeline_info"), "execution_trace_");
        if (trace == null) fail("no execution trace in " + outdir.resolve("pipeline_info"));
        List<String> lines = List.of(read(trace).split("\n"));
        String[] header = lines.get(0).split("\t", -1);
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) continue;
            String[] f = line.split("\t", -1);
            Map<String, String> row = new TreeMap<>();
            for (int j = 0; j < header.length && j < f.length; j++) row.put(header[j], f[j]);
            rows.add(row);
        }
        return rows;
    }

    /**
     * Relative path -> SHA-256 of every published result (run reports excluded). With {@code maskWorkPaths}, task
     * folder paths (launch/work/ab/cdef...) are blanked out with as many '#' as they have bytes, in binary files too
     * (steps record their inputs' paths in effective configs and .h5ad uns): two launches whose folders have names of
     * the same length then compare byte for byte everywhere else.
     */
    static Map<String, String> fingerprint(Path outdir, boolean maskWorkPaths) {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(outdir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                String rel = outdir.relativize(p).toString();
                if (rel.startsWith("pipeline_info/")) continue;
                byte[] bytes = Files.readAllBytes(p);
                if (maskWorkPaths) {
                    // ISO-8859-1 maps every byte to one char and back, so lengths and all other bytes are kept
                    bytes = WORK_PATH.matcher(new String(bytes, StandardCharsets.ISO_8859_1))
                            .replaceAll(m -> "#".repeat(m.group().length())).getBytes(StandardCharsets.ISO_8859_1);
                }
                out.put(rel, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    static Path latest(Path dir, String prefix) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix)).max(Path::compareTo).orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static ExpressionData readH5ad(Path file) {
        assertTrue(Files.isRegularFile(file), "missing " + file);
        ExpressionData d = H5adReader.read(file);
        assertTrue(d.nObs() > 0 && d.nVars() > 0, file + " has rows and genes");
        return d;
    }

    private static JsonNode readJson(Path file) {
        try {
            JsonNode n = JSON.readTree(file.toFile());
            assertTrue(n != null && n.isObject(), file + " is a JSON object");
            return n;
        } catch (IOException e) {
            throw new AssertionError(file + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    private static void assertHtml(Path file) {
        String text = read(file);
        assertTrue(text.contains("<html") && text.contains("</html>"), file + " is a whole HTML page");
    }

    private static List<Path> listFiles(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
