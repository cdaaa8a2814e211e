package org.stdeconv.io;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stdeconv.InputDataException;
import org.stdeconv.cli.Main;
import org.stdeconv.data.CsrMatrix;
import org.stdeconv.data.ExpressionData;
import org.stdeconv.data.ObsTable;
import org.stdeconv.io.h5ad.H5adWriter;
import org.stdeconv.io.h5ad.H5adWriterTest;
import org.stdeconv.testing.Prerequisites;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Bad inputs through the real command line (convert and inspect): exit code 3, exactly one line on stderr naming
 * the file, and no output file (nor staging leftovers) in the output folder.
 */
class BadInputTest {
    @TempDir
    Path dir;
    private Path out;
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream oldErr;

    @BeforeEach
    void captureStderr() throws Exception {
        out = Files.createDirectories(dir.resolve("out"));
        oldErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStderr() {
        System.setErr(oldErr);
    }

    /** Runs convert (with extra options) and inspect on {@code input}; both must fail as bad input. */
    private void assertRejected(Path input, String mustMention, String... convertOptions) throws Exception {
        String[] convert = concat(new String[]{"convert", input.toString(), out.resolve("x.h5ad").toString()}, convertOptions);
        assertOneLineFailure(Main.execute(convert), input, mustMention, StdeconvExit.BAD_INPUT);
        try (var s = Files.list(out)) {
            assertEquals(List.of(), s.toList(), "convert left files behind");
        }
        if (convertOptions.length == 0) assertOneLineFailure(Main.execute("inspect", input.toString()), input, mustMention, StdeconvExit.BAD_INPUT);
    }

    private void assertOneLineFailure(int code, Path input, String mustMention, int expectedCode) {
        String text = err.toString(StandardCharsets.UTF_8);
        err.reset();
        List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
        assertEquals(expectedCode, code, "exit code; stderr: " + text);
        assertEquals(1, lines.size(), "one line on stderr, got: " + text);
        assertTrue(lines.get(0).contains(input.getFileName().toString()), "names the file: " + lines.get(0));
        assertTrue(lines.get(0).toLowerCase().contains(mustMention.toLowerCase()), "mentions '" + mustMention + "': " + lines.get(0));
    }

    private static String[] concat(String[] a, String[] b) {
        String[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    private static Path cutInHalf(Path whole, Path half) throws Exception {
        byte[] b = Files.readAllBytes(whole);
        return Files.write(half, Arrays.copyOf(b, b.length / 2));
    }

    @Test
    void h5adCutInHalf() throws Exception {
        Path whole = dir.resolve("whole.h5ad");
        H5adWriter.write(H5adWriterTest.sample(), whole);
        assertRejected(cutInHalf(whole, dir.resolve("half.h5ad")), "truncated");
    }

    @Test
    void realH5adCutInHalf() throws Exception {
        assertRejected(cutInHalf(Prerequisites.sharedData("pdac/reference.h5ad"), dir.resolve("reference-half.h5ad")), "truncated");
    }

    @Test
    void hdf5FileThatIsNotAnnData() throws Exception {
        Path f = dir.resolve("other.h5ad");
        try (WritableHdfFile h = HdfFile.write(f)) {
            h.putGroup("images").putDataset("pixels", new int[]{1, 2, 3});
        }
        assertRejected(f, "not AnnData");
    }

    @Test
    void raggedCsvRow() throws Exception {
        assertRejected(write("ragged.csv", ",1x1,2x2\nG1,1,2\nG2,3\n"), "line 3");
    }

    @Test
    void nonNumericCount() throws Exception {
        assertRejected(write("text.csv", ",1x1,2x2\nG1,1,2\nG2,3,many\n"), "not a number");
    }

    @Test
    void negativeCount() throws Exception {
        assertRejected(write("negative.csv", ",1x1,2x2\nG1,1,-2\nG2,3,4\n"), "negative");
    }

    @Test
    void countBeyondAnyCount() throws Exception {
        assertRejected(write("huge.csv", ",1x1,2x2\nG1,1,3e38\nG2,3,4\n"), "above any count");
    }

    @Test
    void countBelowAnyCount() throws Exception {
        assertRejected(write("denormal.csv", ",1x1,2x2\nG1,1,1e-40\nG2,3,4\n"), "value 1.0E-40 in the counts, below any count (a denormal float)");
    }

    @Test
    void logNormalisedValuesAreNoCountsButAFewFractionsPass() throws Exception {
        // scanpy's X after normalize_total + log1p ran as counts, without a word
        assertRejected(write("log1p.csv", ",1x1,2x2\nG1,0.693,2.398\nG2,1.386,0\n"), "3 of its 3 non-zero values are not whole numbers (e.g. 0.693) and none reaches 20: log-transformed");
        // a few fractions (ambient-corrected counts), or mostly fractions on a count scale (EM-split or per-spot scaled counts), pass
        for (String kept : List.of(",1x1,2x2\nG1,1,2.5\nG2,3,4\n", ",1x1,2x2\nG1,0.5,2.5\nG2,3.5,40.25\n")) {
            Path file = write("kept.csv", kept);
            assertEquals(0, Main.execute("inspect", file.toString()), err.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void oneColumnOfCoordinatesIsRefusedNotReadWithYZero() throws Exception {
        ExpressionData d = H5adWriterTest.sample();
        double[][] x = new double[d.nObs()][];
        for (int i = 0; i < x.length; i++) x[i] = new double[]{i};
        Path f = dir.resolve("x-only.h5ad");
        H5adWriter.write(new ExpressionData(d.counts(), d.obsNames(), d.varNames(), d.obs(), null, d.uns(), Map.of("spatial", x)), f);
        assertRejected(f, "obsm/spatial: 12 rows of 1 columns, not 12 x 2; store one (x, y) row per spot");
    }

    @Test
    void nanCount() throws Exception {
        assertRejected(write("nan.csv", ",1x1,2x2\nG1,1,NaN\nG2,3,4\n"), "non-finite");
    }

    /** A MatrixMarket folder of genes G1, G2 and one barcode, whose matrix.mtx has these lines after its header. */
    private Path matrixMarket(String sizeAndEntries) throws Exception {
        Path d = Files.createDirectories(dir.resolve("mtx"));
        Files.writeString(d.resolve("genes.tsv"), "G1\nG2\n");
        Files.writeString(d.resolve("barcodes.tsv"), "b1\n");
        return Files.writeString(d.resolve("matrix.mtx"), "%%MatrixMarket matrix coordinate integer general\n" + sizeAndEntries);
    }

    @Test
    void negativeCountInMatrixMarket() throws Exception {
        assertRejected(matrixMarket("2 1 2\n1 1 3\n2 1 -1\n"), "negative");
    }

    @Test
    void fractionUnderAnIntegerBannerInMatrixMarket() throws Exception {
        assertRejected(matrixMarket("2 1 2\n1 1 3\n2 1 2.5\n"), "line 4: value 2.5 is not a whole number, but line 1 declares the matrix integer");
    }

    @Test
    void aPathThatExistsButIsNoFileIsSaidAsSuch() throws Exception {
        // /dev/null and a named pipe were "file not found"; a folder given as a CSV too
        assertRejected(Path.of("/dev/null"), "/dev/null: not a regular file (a device or pipe?)");
        Path folder = Files.createDirectories(dir.resolve("table"));
        assertOneLineFailure(Main.execute("convert", "--format", "csv", folder.toString(), out.resolve("x.h5ad").toString()), folder, "a folder, not a file", StdeconvExit.BAD_INPUT);
        // convert's side tables: /dev/null given as --obs was "not found"
        Path table = write("side.csv", ",1x1,2x2\nG1,1,2\n");
        assertOneLineFailure(Main.execute("convert", "--format", "csv", "--obs", "/dev/null", table.toString(), out.resolve("y.h5ad").toString()),
                Path.of("/dev/null"), "--obs: not a regular file (a device or pipe?)", StdeconvExit.BAD_INPUT);
        assertOneLineFailure(Main.execute("convert", "--format", "csv", "--obs", folder.toString(), table.toString(), out.resolve("y.h5ad").toString()),
                folder, "--obs: a folder, not a table", StdeconvExit.BAD_INPUT);
    }

    @Test
    void aNameWithATabOrLineBreakIsRefusedByTheWholeAndTheStreamedReader() throws Exception {
        // spot names with a TAB or newline were written raw into proportions.tsv: a row of 12 fields, one split in two
        for (String bad : List.of("s\t1", "s\n1")) {
            assertSpotNameRefusedByBothReaders(bad, "obs index: name '" + bad.replace("\t", "\\t").replace("\n", "\\n") + "' holds a TAB or line break");
        }
    }

    @Test
    void aNameThatTheTsvOutputsWouldNotGiveBackIsRefusedByTheWholeAndTheStreamedReader() throws Exception {
        // infer wrote ' 3x0 ' into proportions.tsv, evaluate read '3x0' back and did not find it in the slide infer ran on
        for (String bad : List.of(" 3x0 ", "3x0 ", "\"3x0\"")) {
            assertSpotNameRefusedByBothReaders(bad, "obs index: name '" + bad + "' begins or ends with white space or begins with a double quote");
        }
    }

    /** An .h5ad whose first spot is named {@code bad} fails with {@code shown} read whole and streamed a block at a time. */
    private void assertSpotNameRefusedByBothReaders(String bad, String shown) throws Exception {
        ExpressionData d = new ExpressionData(CsrMatrix.fromDense(new float[][]{{1, 2}, {3, 4}}, 2), List.of(bad, "s2"), List.of("g1", "g2"),
                new ObsTable(2), null, Map.of());
        Path h5ad = dir.resolve("names.h5ad");
        Files.deleteIfExists(h5ad);
        H5adWriter.write(d, h5ad);
        assertOneLineFailure(() -> ExpressionReaders.read(h5ad), h5ad, shown);
        assertOneLineFailure(() -> {
            try (var source = SpotSources.open(h5ad)) {
                source.readRows(0, 2);
            }
        }, h5ad, shown);
    }

    @Test
    void duplicateGeneNames() throws Exception {
        assertRejected(write("dupgenes.csv", ",1x1,2x2\nG1,1,2\nG1,3,4\n"), "duplicate name 'G1'");
    }

    @Test
    void duplicateSpotIds() throws Exception {
        assertRejected(write("dupspots.csv", "spot,x,y,G1,G2\ns1,0,0,1,2\ns1,1,1,3,4\n"), "duplicate name 's1'");
    }

    @Test
    void missingCoordinatesWhereRequired() throws Exception {
        Path f = write("nocoords.csv", "spot,G1,G2\ns1,1,2\ns2,3,4\n");
        assertRejected(f, "coordinates", "--require-coordinates", "--orientation", "spots-by-genes");
        // and the same file without the requirement converts fine
        assertEquals(0, Main.execute("convert", f.toString(), out.resolve("ok.h5ad").toString(), "--orientation", "spots-by-genes"));
        assertTrue(Files.isRegularFile(out.resolve("ok.h5ad")));
    }

    /** A valid AnnData of the given shape (written by our own writer, as anndata would store it). */
    private Path emptyAnnData(String name, int nObs, int nVars) {
        List<String> obs = new ArrayList<>(), var = new ArrayList<>();
        for (int i = 0; i < nObs; i++) obs.add("spot" + i);
        for (int j = 0; j < nVars; j++) var.add("G" + j);
        CsrMatrix x = new CsrMatrix(nObs, nVars, new long[nObs + 1], new int[0], new float[0]);
        Path f = dir.resolve(name);
        H5adWriter.write(new ExpressionData(x, obs, var, new ObsTable(nObs), null, Map.of()), f);
        return f;
    }

    @Test
    void h5adWithNoObservations() throws Exception {
        Path f = emptyAnnData("no-spots.h5ad", 0, 3);
        assertRejected(f, "0 observations");
        assertOneLineFailure(() -> SpotSources.open(f).close(), f, "0 observations");
    }

    @Test
    void h5adWithNoGenes() throws Exception {
        Path f = emptyAnnData("no-genes.h5ad", 4, 0);
        assertRejected(f, "0 genes");
        assertOneLineFailure(() -> SpotSources.open(f).close(), f, "0 genes");
    }

    @Test
    void anndataWrittenFilesWithNoObservationsOrNoGenes() throws Exception {
        PythonHelper.run(dir, "write_empty_h5ad.py", dir.toString());
        for (String name : List.of("no-spots-csr.h5ad", "no-spots-dense.h5ad")) {
            assertRejected(dir.resolve(name), "0 observations");
            assertOneLineFailure(() -> SpotSources.open(dir.resolve(name)).close(), dir.resolve(name), "0 observations");
        }
        assertRejected(dir.resolve("no-genes-csr.h5ad"), "0 genes");
    }

    /** The block-wise reader (infer's) refuses the same files with the same one-line message. */
    private static void assertOneLineFailure(org.junit.jupiter.api.function.Executable open, Path input, String mustMention) {
        InputDataException e = assertThrows(InputDataException.class, open);
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertTrue(e.getMessage().contains(input.getFileName().toString()), e.getMessage());
        assertTrue(e.getMessage().contains(mustMention), e.getMessage());
    }

    @Test
    void emptyFiles() throws Exception {
        assertRejected(write("empty.h5ad", ""), "empty");
        assertRejected(write("empty.csv", ""), "empty");
    }

    @Test
    void unknownYamlKeyInAStepConfigIsAUsageError() throws Exception {
        Path yaml = write("qc.yaml", "reference: r.h5ad\nslide: s.h5ad\noutput_dir: out\ncell_type_colum: cell_type\n");
        int code = Main.execute("qc", "--config", yaml.toString());
        String text = err.toString(StandardCharsets.UTF_8);
        assertEquals(StdeconvExit.USAGE, code, text);
        List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
        assertEquals(1, lines.size(), text);
        assertTrue(lines.get(0).contains("cell_type_colum"), lines.get(0));
    }

    /** Row 0 lists gene 0 twice, as zeroed X/indices bytes leave a CSR file: in range, so it passed every check. */
    @Test
    void h5adRowListingAGeneTwice() throws Exception {
        CsrMatrix x = new CsrMatrix(3, 3, new long[]{0, 3, 4, 5}, new int[]{0, 2, 0, 1, 2}, new float[]{1, 2, 3, 4, 5});
        Path f = dir.resolve("duprow.h5ad");
        H5adWriter.write(new ExpressionData(x, List.of("s0", "s1", "s2"), List.of("G0", "G1", "G2"), new ObsTable(3), null, Map.of()), f);
        assertRejected(f, "X/indices");
        assertOneLineFailure(() -> {
            try (SpotSource s = SpotSources.open(f)) {
                s.readRows(0, 3);
            }
        }, f, "lists gene 0 twice");
    }

    @Test
    void matrixMarketWithMoreEntriesThanItsSizeLine() throws Exception {
        assertRejected(matrixMarket("2 1 1\n1 1 3\n2 1 4\n"), "more entry lines");
    }

    @Test
    void tableWithALatin1Name() throws Exception {
        Path f = dir.resolve("latin1.tsv");
        Files.write(f, "\t1x1\t2x2\nG1\t1\t2\nCAF\u00c9\t3\t4\n".getBytes(StandardCharsets.ISO_8859_1));
        assertRejected(f, "line 3: not valid UTF-8");
    }

    @Test
    void sideTableWithATextCoordinate() throws Exception {
        Path counts = write("counts.tsv", "\tG1\tG2\n0x0\t1\t2\n1x0\t3\t4\n");
        Path obs = write("coords.csv", "spot,x,y\n0x0,5,0\n1x0,abc,0\n");
        int code = Main.execute("convert", "--obs", obs.toString(), counts.toString(), out.resolve("x.h5ad").toString());
        // the side table is the bad input here: it is the file named
        assertOneLineFailure(code, obs, "line 3, column 'x': 'abc' is not a number", StdeconvExit.BAD_INPUT);
        try (var s = Files.list(out)) {
            assertEquals(List.of(), s.toList(), "convert left files behind");
        }
    }

    /** The exit codes the CLI promises. */
    private static final class StdeconvExit {
        static final int USAGE = org.stdeconv.StdeconvException.USAGE;
        static final int BAD_INPUT = org.stdeconv.StdeconvException.BAD_INPUT;
    }
}
