package org.stdeconv.qc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stdeconv.data.CsrMatrix;
import org.stdeconv.data.ExpressionData;
import org.stdeconv.io.h5ad.H5adReader;
import org.stdeconv.testing.Prerequisites;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** qc on the real PDAC reference and slide: every reported number is recomputed here from the inputs. */
@Tag("slow")
class QcPdacTest {
    // the defaults of QcConfig, restated so the test recomputes the filters independently of the code under test
    static final double CELL_MIN_COUNTS = 100, SPOT_MIN_COUNTS = 100;
    static final int CELL_MIN_GENES = 10, SPOT_MIN_GENES = 50, MIN_CELLS_PER_GENE = 3, MIN_CELLS_PER_TYPE = 10;

    @TempDir
    Path dir;

    @Test
    void reportedNumbersAreTrueAndOutputsAreDeterministic() throws Exception {
        Path refFile = Prerequisites.sharedData("pdac/reference.h5ad");
        Path slideFile = Prerequisites.sharedData("pdac/slide.h5ad");
        String yaml = "reference: " + refFile + "\nslide: " + slideFile + "\noutput_dir: out\n";
        QcRunner.Outcome run = QcRunner.run(dir, yaml);
        assertEquals(0, run.exitCode(), run.stderr());
        Path out = dir.resolve("out");

        ExpressionData ref = H5adReader.read(refFile), slide = H5adReader.read(slideFile);
        String[] labels = ref.obs().text("cell_type");
        boolean[] cellPass = new boolean[ref.nObs()];
        Map<String, Integer> passingPerType = new TreeMap<>(), beforePerType = new TreeMap<>();
        for (int i = 0; i < ref.nObs(); i++) {
            cellPass[i] = total(ref.counts(), i) >= CELL_MIN_COUNTS && detected(ref.counts(), i) >= CELL_MIN_GENES;
            beforePerType.merge(labels[i], 1, Integer::sum);
            if (cellPass[i]) passingPerType.merge(labels[i], 1, Integer::sum);
        }
        Set<String> dropped = new HashSet<>();
        beforePerType.keySet().forEach(t -> { if (passingPerType.getOrDefault(t, 0) < MIN_CELLS_PER_TYPE) dropped.add(t); });
        assertEquals(Set.of("Endocrine_cells", "Fibroblasts"), dropped, "the data README's tiny types");
        List<Integer> keptCells = new ArrayList<>();
        for (int i = 0; i < ref.nObs(); i++) if (cellPass[i] && !dropped.contains(labels[i])) keptCells.add(i);
        List<Integer> keptSpots = new ArrayList<>();
        for (int i = 0; i < slide.nObs(); i++) {
            if (total(slide.counts(), i) >= SPOT_MIN_COUNTS && detected(slide.counts(), i) >= SPOT_MIN_GENES) keptSpots.add(i);
        }
        Set<String> slideGenes = new HashSet<>(slide.varNames());
        List<String> shared = ref.varNames().stream().filter(slideGenes::contains).toList();
        int[] cellsPerGene = new int[ref.nVars()];
        for (int i : keptCells) {
            CsrMatrix x = ref.counts();
            for (int k = x.rowStart(i); k < x.rowEnd(i); k++) if (x.data()[k] != 0) cellsPerGene[x.indices()[k]]++;
        }
        Map<String, Integer> refIndex = ref.varIndex();
        long expressed = shared.stream().filter(g -> cellsPerGene[refIndex.get(g)] >= MIN_CELLS_PER_GENE).count();

        JsonNode qc = new ObjectMapper().readTree(out.resolve("qc.json").toFile());
        assertEquals(1926, qc.at("/reference/cells_before").asInt());
        assertEquals(keptCells.size(), qc.at("/reference/cells_after").asInt());
        assertEquals(7000, qc.at("/reference/genes_before").asInt());
        assertEquals(428, qc.at("/slide/spots_before").asInt());
        assertEquals(keptSpots.size(), qc.at("/slide/spots_after").asInt());
        assertEquals(25753, qc.at("/slide/genes_before").asInt());
        assertEquals(shared.size(), qc.at("/genes/shared").asInt());
        assertEquals(expressed, qc.at("/genes/expressed").asLong());
        assertEquals(20, qc.at("/cell_types/before").asInt());
        assertEquals(20 - dropped.size(), qc.at("/cell_types/after").asInt());
        Set<String> reportedDropped = new HashSet<>();
        qc.at("/cell_types/dropped").forEach(n -> reportedDropped.add(n.asText()));
        assertEquals(dropped, reportedDropped);
        assertTrue(run.stderr().contains("Endocrine_cells") && run.stderr().contains("Fibroblasts"), "the warning names the dropped types");
        for (String t : beforePerType.keySet()) {
            assertEquals(beforePerType.get(t), qc.at("/cell_types/cells/" + t + "/before").asInt(), t);
            long after = keptCells.stream().filter(i -> labels[i].equals(t)).count();
            assertEquals(after, qc.at("/cell_types/cells/" + t + "/after").asLong(), t);
        }
        // numpy on the same file: np.percentile(X.sum(1), [0, 25, 50, 75, 100]) and np.diff(X.indptr)
        assertArrayEquals(new double[]{177, 658, 988.5, 1406, 9021}, five(qc.at("/reference/total_counts/before")), 1e-9);
        assertArrayEquals(new double[]{7, 401, 555, 720.75, 2203}, five(qc.at("/reference/detected_genes/before")), 1e-9);
        assertArrayEquals(new double[]{134, 732.5, 1569, 3090, 44062}, five(qc.at("/slide/total_counts/before")), 1e-9);
        MetricCheck.assertSummary(qc.at("/reference/total_counts/before"), totals(ref.counts(), null));
        MetricCheck.assertSummary(qc.at("/reference/total_counts/after"), totals(ref.counts(), keptCells));

        List<String[]> genes = readTsv(out.resolve("genes.tsv"));
        assertEquals(List.of("gene", "type", "log_fold_change", "q", "selected_by"), List.of(genes.get(0)));
        List<String> selected = genes.stream().skip(1).map(r -> r[0]).toList();
        assertEquals(selected.size(), qc.at("/genes/selected").asInt());
        assertTrue(shared.containsAll(selected), "selected genes are shared genes");
        Map<String, Integer> markersPerType = new HashMap<>();
        for (String[] row : genes.subList(1, genes.size())) {
            assertTrue(Double.parseDouble(row[3]) < 0.01, "q of " + row[0]);
            if (Double.parseDouble(row[2]) > 0) markersPerType.merge(row[1], 1, Integer::sum);
        }
        for (String t : beforePerType.keySet()) {
            if (dropped.contains(t)) continue;
            assertTrue(markersPerType.getOrDefault(t, 0) > 0, "no marker for " + t);
            assertEquals(markersPerType.get(t).intValue(), qc.at("/cell_types/cells/" + t + "/markers").asInt(), t);
        }

        ExpressionData outRef = H5adReader.read(out.resolve("reference.h5ad"));
        assertEquals(keptCells.stream().map(ref.obsNames()::get).toList(), outRef.obsNames());
        assertEquals(selected, outRef.varNames());
        assertEquals(Set.of("cell_type", "sample"), outRef.obs().names());
        assertRawCountsKept(ref, keptCells, outRef);
        ExpressionData outSlide = H5adReader.read(out.resolve("slide.h5ad"));
        assertEquals(keptSpots.stream().map(slide.obsNames()::get).toList(), outSlide.obsNames());
        assertEquals(selected, outSlide.varNames());
        assertTrue(outSlide.obs().names().contains("region"));
        for (int k = 0; k < keptSpots.size(); k++) assertArrayEquals(slide.spatial()[keptSpots.get(k)], outSlide.spatial()[k], 0.0);
        assertRawCountsKept(slide, keptSpots, outSlide);

        String html = Files.readString(out.resolve("qc.html"));
        assertTrue(html.contains("data:image/png;base64,"));
        assertFalse(html.contains("src=\"http") || html.contains("src=\"file"), "self-contained");
        for (String png : List.of("reference_total_counts.png", "reference_detected_genes.png", "slide_total_counts.png",
                "slide_detected_genes.png", "cells_per_type.png", "slide_spatial_total_counts.png")) {
            assertTrue(Files.size(out.resolve(png)) > 1000, png);
        }
        assertTrue(Files.readString(out.resolve("qc.config.yaml")).contains("min_cells_per_type: 10"));

        QcRunner.Outcome again = QcRunner.run(dir, yaml.replace("output_dir: out", "output_dir: out2"));
        assertEquals(0, again.exitCode());
        try (Stream<Path> files = Files.list(out)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (name.equals("qc.config.yaml")) continue; // names its own output_dir
                assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(dir.resolve("out2").resolve(name)), name + " differs between runs");
            }
        }
    }

    private static void assertRawCountsKept(ExpressionData in, List<Integer> rows, ExpressionData out) {
        Map<String, Integer> col = in.varIndex();
        for (int k = 0; k < rows.size(); k++) {
            float[] full = in.counts().denseRow(rows.get(k));
            float[] got = out.counts().denseRow(k);
            for (int j = 0; j < got.length; j++) {
                assertEquals(full[col.get(out.varNames().get(j))], got[j], 0f, out.obsNames().get(k) + "/" + out.varNames().get(j));
            }
        }
    }

    private static double[] five(JsonNode n) {
        return new double[]{n.get("min").asDouble(), n.get("q25").asDouble(), n.get("median").asDouble(), n.get("q75").asDouble(), n.get("max").asDouble()};
    }

    private static double total(CsrMatrix x, int row) {
        double s = 0;
        for (int k = x.rowStart(row); k < x.rowEnd(row); k++) s += x.data()[k];
        return s;
    }

    private static int detected(CsrMatrix x, int row) {
        int n = 0;
        for (int k = x.rowStart(row); k < x.rowEnd(row); k++) if (x.data()[k] != 0) n++;
        return n;
    }

    private static double[] totals(CsrMatrix x, List<Integer> rows) {
        List<Integer> r = rows;
        if (r == null) { r = new ArrayList<>(); for (int i = 0; i < x.rows(); i++) r.add(i); }
        return r.stream().mapToDouble(i -> total(x, i)).toArray();
    }

    static List<String[]> readTsv(Path file) throws Exception {
        return Files.readAllLines(file).stream().map(l -> l.split("\t", -1)).toList();
    }
}
