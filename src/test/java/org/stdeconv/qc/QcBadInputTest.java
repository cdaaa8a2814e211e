package org.stdeconv.qc;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stdeconv.data.CsrMatrix;
import org.stdeconv.data.ExpressionData;
import org.stdeconv.data.ObsTable;
import org.stdeconv.io.ExpressionReaders;
import org.stdeconv.io.PythonHelper;
import org.stdeconv.io.h5ad.H5adWriter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** Bad input: a one-line error, exit 3, and nothing written into output_dir. */
class QcBadInputTest {
    @TempDir
    static Path dir;
    static SyntheticCounts data;

    @BeforeAll
    static void writeInputs() {
        data = new SyntheticCounts(9, 3, 20, 150, 5, 6.0);
        H5adWriter.write(data.reference, dir.resolve("reference.h5ad"));
        H5adWriter.write(data.slide, dir.resolve("slide.h5ad"));
    }

    /** Runs qc into a fresh, pre-created empty output folder and checks the failure contract. */
    private static String failsWithBadInput(String yaml, String outName) throws Exception {
        Path out = Files.createDirectories(dir.resolve(outName));
        QcRunner.Outcome run = QcRunner.run(dir, yaml + "output_dir: " + outName + "\n");
        assertEquals(3, run.exitCode(), run.stderr());
        List<String> errors = run.stderr().lines().filter(l -> l.contains("error:")).toList();
        assertEquals(1, errors.size(), run.stderr());
        assertFalse(run.stderr().contains("\tat "), "no stack trace without --debug");
        try (Stream<Path> left = Files.list(out)) {
            assertEquals(List.of(), left.toList(), "output_dir must get nothing");
        }
        return errors.get(0);
    }

    private static ExpressionData withGenes(ExpressionData d, List<String> genes) {
        return new ExpressionData(d.counts(), d.obsNames(), genes, d.obs(), d.spatial(), d.uns());
    }

    @Test
    void missingCellTypeColumnNamesTheAvailableColumns() throws Exception {
        String e = failsWithBadInput("reference: reference.h5ad\nslide: slide.h5ad\ncell_type_column: celltype\n", "no-column");
        assertTrue(e.contains("reference.h5ad") && e.contains("obs/celltype"), e);
        assertTrue(e.contains("available obs columns: cell_type"), e);
    }

    @Test
    void allCellsFilteredSaysWhichFilterRemovedThem() throws Exception {
        String e = failsWithBadInput("reference: reference.h5ad\nslide: slide.h5ad\ncells:\n  min_counts: 1000000\n", "all-cells");
        assertTrue(e.contains("all 60 cells removed"), e);
        assertTrue(e.contains("min_counts=1000000 removes 60"), e);
        assertFalse(e.contains("min_genes="), "filters that removed nothing are not blamed: " + e);
    }

    @Test
    void tooFewCellsPerTypeIsSaidWithoutEmptyParentheses() throws Exception {
        // when no cell filter removed a cell, the message read "after the cell filters (); marker selection needs two"
        String e = failsWithBadInput("reference: reference.h5ad\nslide: slide.h5ad\nmin_cells_per_type: 1000\n", "few-per-type");
        assertTrue(e.contains("cell types keep at least min_cells_per_type = 1000 cells after the cell filters"), e);
        assertFalse(e.contains("()"), e);
    }

    @Test
    void allSpotsFilteredSaysWhichFilterRemovedThem() throws Exception {
        String e = failsWithBadInput("reference: reference.h5ad\nslide: slide.h5ad\nspots:\n  min_genes: 100000\n", "all-spots");
        assertTrue(e.contains("slide.h5ad") && e.contains("all 36 spots removed") && e.contains("min_genes=100000 removes 36"), e);
    }

    @Test
    void negativeOrNonFiniteCountsAreRejected() throws Exception {
        for (float bad : new float[]{-1f, Float.NaN, Float.POSITIVE_INFINITY}) {
            CsrMatrix x = data.reference.counts();
            float[] values = x.data().clone();
            values[7] = bad;
            ExpressionData broken = data.reference.withCounts(new CsrMatrix(x.rows(), x.cols(), x.indptr(), x.indices(), values), data.reference.varNames());
            String name = "bad-" + bad;
            H5adWriter.write(broken, dir.resolve(name + ".h5ad"));
            String e = failsWithBadInput("reference: " + name + ".h5ad\nslide: slide.h5ad\n", "out-" + name);
            assertTrue(e.contains(name + ".h5ad"), e);
            assertTrue(e.contains(bad < 0 ? "negative value" : "non-finite value"), e);
        }
    }

    @Test
    void numericCellTypeCodesAreRefusedAsSimulateWouldRefuseThem() throws Exception {
        ExpressionData ref = data.reference;
        String[] labels = ref.obs().text("cell_type");
        List<String> types = new ArrayList<>(new java.util.TreeSet<>(Arrays.asList(labels)));
        ObsTable obs = new ObsTable(ref.nObs());
        obs.putNumeric("cell_type", Arrays.stream(labels).mapToDouble(types::indexOf).toArray());
        H5adWriter.write(new ExpressionData(ref.counts(), ref.obsNames(), ref.varNames(), obs, ref.spatial(), ref.uns()), dir.resolve("ref-codes.h5ad"));
        String e = failsWithBadInput("reference: ref-codes.h5ad\nslide: slide.h5ad\n", "codes");
        assertTrue(e.contains("ref-codes.h5ad: obs/cell_type: not a text column") && e.contains("give a column of cell-type names"), e);
    }

    @Test
    void aSlideRowListingAGeneTwiceIsACorruptFileNotAnInternalError() throws Exception {
        // as zeroed X/indices bytes leave a slide: row 0's indices all 0, each within range
        CsrMatrix x = data.slide.counts();
        int[] indices = x.indices().clone();
        for (int k = x.rowStart(0); k < x.rowEnd(0); k++) indices[k] = 0;
        assertTrue(x.rowEnd(0) - x.rowStart(0) > 1);
        H5adWriter.write(data.slide.withCounts(new CsrMatrix(x.rows(), x.cols(), x.indptr(), indices, x.data()), data.slide.varNames()), dir.resolve("slide-duprow.h5ad"));
        String e = failsWithBadInput("reference: reference.h5ad\nslide: slide-duprow.h5ad\n", "duprow");
        assertTrue(e.contains("slide-duprow.h5ad: X/indices: corrupt sparse matrix: row 0 lists gene 0 twice"), e);
    }

    @Test
    void caseMismatchedGenesShowBothSidesAndHint() throws Exception {
        List<String> upper = data.slide.varNames().stream().map(g -> g.toUpperCase(Locale.ROOT)).toList();
        H5adWriter.write(withGenes(data.slide, upper), dir.resolve("slide-upper.h5ad"));
        String e = failsWithBadInput("reference: reference.h5ad\nslide: slide-upper.h5ad\n", "case");
        assertTrue(e.contains("only 0 genes shared"), e);
        assertTrue(e.contains("mt-Co1") && e.contains("MT-CO1"), "a few names from each side: " + e);
        assertTrue(e.contains("case is ignored"), e);
    }

    @Test
    void ensemblIdsAgainstSymbolsGetTheirOwnHint() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int j = 0; j < data.slide.nVars(); j++) ids.add(String.format("ENSMUSG%011d", j + 1));
        H5adWriter.write(withGenes(data.slide, ids), dir.resolve("slide-ensembl.h5ad"));
        String e = failsWithBadInput("reference: reference.h5ad\nslide: slide-ensembl.h5ad\n", "ensembl");
        assertTrue(e.contains("ENSMUSG00000000001"), e);
        assertTrue(e.contains("Ensembl ids"), e);
    }

    @Test
    void aReferenceNamedByEnsemblIdsIsReadByItsSymbolColumnWhenAsked() throws Exception {
        Path ids = dir.resolve("reference-ids.h5ad");
        PythonHelper.run(QcBadInputTest.class, dir, "symbols_to_var_column.py", dir.resolve("reference.h5ad").toString(), ids.toString());
        assertTrue(failsWithBadInput("reference: reference-ids.h5ad\nslide: slide.h5ad\n", "ids").contains("--var-names feature_name"));
        QcRunner.Outcome run = QcRunner.run(dir, "reference: reference-ids.h5ad\nreference_var_names: feature_name\nslide: slide.h5ad\noutput_dir: by-symbol\n");
        assertEquals(0, run.exitCode(), run.stderr());
        List<String> kept = ExpressionReaders.read(dir.resolve("by-symbol/reference.h5ad")).varNames();
        assertFalse(kept.isEmpty());
        assertTrue(data.reference.varNames().containsAll(kept), "the symbols, not the ids: " + kept);
        String e = failsWithBadInput("reference: reference-ids.h5ad\nreference_var_names: symbol\nslide: slide.h5ad\n", "no-symbol");
        assertTrue(e.contains("reference-ids.h5ad: var/symbol: no column 'symbol'; var's text columns: feature_name"), e);
    }

    @Test
    void tinyOverlapBelowTheConfiguredMinimumIsAnError() throws Exception {
        String e = failsWithBadInput("reference: reference.h5ad\nslide: slide.h5ad\nmin_shared_genes: 151\n", "tiny");
        assertTrue(e.contains("only 150 genes shared") && e.contains("min_shared_genes = 151"), e);
    }

    @Test
    void slideWithoutCoordinatesIsAllowedWithAWarning() throws Exception {
        ExpressionData d = data.slide;
        H5adWriter.write(new ExpressionData(d.counts(), d.obsNames(), d.varNames(), d.obs(), null, d.uns()), dir.resolve("slide-noxy.h5ad"));
        QcRunner.Outcome run = QcRunner.run(dir, "reference: reference.h5ad\nslide: slide-noxy.h5ad\noutput_dir: noxy\n");
        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains("WARNING") && run.stderr().contains("no spot coordinates"), run.stderr());
        assertTrue(Files.exists(dir.resolve("noxy/qc.html")));
        assertFalse(Files.exists(dir.resolve("noxy/slide_spatial_total_counts.png")));
        assertTrue(Files.readString(dir.resolve("noxy/qc.json")).contains("\"has_coordinates\" : false"));
    }

    @Test
    void outOfRangeThresholdsAreConfigErrorsNamingTheKey() throws Exception {
        QcRunner.Outcome q = QcRunner.run(dir, "reference: reference.h5ad\nslide: slide.h5ad\noutput_dir: cfg\n", "--set", "genes.q_threshold=2");
        assertEquals(2, q.exitCode(), q.stderr());
        assertTrue(q.stderr().contains("genes.q_threshold"), q.stderr());
        QcRunner.Outcome mito = QcRunner.run(dir, "reference: reference.h5ad\nslide: slide.h5ad\noutput_dir: cfg\n", "--set", "spots.max_mito_fraction=-0.1");
        assertEquals(2, mito.exitCode(), mito.stderr());
        assertTrue(mito.stderr().contains("spots.max_mito_fraction"), mito.stderr());
        assertFalse(Files.exists(dir.resolve("cfg")));
    }

    @Test
    void mitoPrefixesThatMarkEveryGeneOrNoneAreConfigErrors() throws Exception {
        // prefixes matching every gene removed every cell with advice to lower thresholds (or, at 1, kept every cell as
        // 100 % mitochondrial); an empty prefix silently marked nothing while the config recorded it
        String prefixes = data.reference.varNames().stream().map(g -> g.substring(0, 1)).distinct().collect(java.util.stream.Collectors.joining(", ", "[", "]"));
        QcRunner.Outcome all = QcRunner.run(dir, "reference: reference.h5ad\nslide: slide.h5ad\noutput_dir: mito\n", "--set", "mito_prefixes=" + prefixes);
        assertEquals(2, all.exitCode(), all.stderr());
        assertTrue(all.stderr().contains("mito_prefixes: " + prefixes + " match every gene of the reference"), all.stderr());
        QcRunner.Outcome empty = QcRunner.run(dir, "reference: reference.h5ad\nslide: slide.h5ad\noutput_dir: mito\nmito_prefixes: [\"\"]\n");
        assertEquals(2, empty.exitCode(), empty.stderr());
        assertTrue(empty.stderr().contains("mito_prefixes: holds an empty prefix"), empty.stderr());
        assertFalse(Files.exists(dir.resolve("mito")));
    }
}
