package org.stdeconv.io.tenx;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stdeconv.InputDataException;
import org.stdeconv.cli.Main;
import org.stdeconv.data.CsrMatrix;
import org.stdeconv.data.ExpressionData;
import org.stdeconv.io.ExpressionReaders;
import org.stdeconv.io.ReadOptions;
import org.stdeconv.io.SpotSource;
import org.stdeconv.io.SpotSources;
import org.stdeconv.io.tenx.VisiumHdFixture.Position;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A Visium HD bin folder (10x .h5 + tissue_positions.parquet) through the slide-reading entry points: whole
 * (ExpressionReaders, as qc/convert/inspect read) and a block at a time (SpotSources, as infer reads).
 */
class VisiumHdFolderTest {
    /** Six bins; B2 is off tissue, B4 has no position; the parquet also lists a bin the filtered matrix does not hold. */
    private static final List<String> BARCODES = List.of("s_008um_00000_00000-1", "s_008um_00000_00001-1", "s_008um_00000_00002-1",
            "s_008um_00001_00000-1", "s_008um_00001_00001-1", "s_008um_00001_00002-1");
    private static final List<String> FEATURES = List.of("Gapdh", "Actb", "Cd3e", "CD3_TotalSeqB");
    private static final List<String> TYPES = List.of("Gene Expression", "Gene Expression", "Gene Expression", "Antibody Capture");
    private static final List<String> KEPT = List.of(BARCODES.get(0), BARCODES.get(1), BARCODES.get(3), BARCODES.get(5));

    @TempDir
    Path tmp;
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream oldErr;

    @BeforeEach
    void captureStderr() {
        oldErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStderr() {
        System.setErr(oldErr);
    }

    /** Barcode b holds b+1 Gapdh, 10(b+1) Actb, 100(b+1) Cd3e in odd bins only, and 7 antibody counts. */
    private static int[][] counts() {
        int[][] c = new int[BARCODES.size()][];
        for (int b = 0; b < c.length; b++) c[b] = new int[]{b + 1, 10 * (b + 1), b % 2 == 1 ? 100 * (b + 1) : 0, 7};
        return c;
    }

    /** Positions in an order unlike the matrix's: the reader must keep matrix order. */
    private static List<Position> positions() {
        return List.of(new Position(BARCODES.get(5), 1, 1, 2, 1108.5, 2016.25), new Position("s_008um_00099_00099-1", 1, 99, 99, 9000, 9000),
                new Position(BARCODES.get(0), 1, 0, 0, 1000.5, 2000.25), new Position(BARCODES.get(2), 0, 0, 2, 1000.5, 2016.25),
                new Position(BARCODES.get(3), 1, 1, 0, 1108.5, 2000.25), new Position(BARCODES.get(1), 1, 0, 1, 1000.5, 2008.25));
    }

    private Path binFolder(Path dir, String... withoutColumns) throws Exception {
        VisiumHdFixture.writeMatrix(dir, BARCODES, FEATURES, TYPES, counts());
        VisiumHdFixture.writePositions(dir, positions(), withoutColumns);
        return dir;
    }

    @Test
    void binFolderReadsInTissueBarcodesInMatrixOrderWithParquetPositions() throws Exception {
        Path bin = binFolder(tmp.resolve("binned_outputs/square_008um"));
        ExpressionData d = ExpressionReaders.read(bin);
        assertEquals(KEPT, d.obsNames());
        assertEquals(List.of("Gapdh", "Actb", "Cd3e"), d.varNames(), "antibody capture left out");
        assertArrayEquals(new float[]{4, 40, 400}, row(d.counts(), 2));
        assertArrayEquals(new float[]{1, 10, 0}, row(d.counts(), 0));
        assertArrayEquals(new double[]{2008.25, 1000.5}, d.spatial()[1], "x = pxl_col_in_fullres, y = pxl_row_in_fullres");
        assertArrayEquals(new double[]{0, 0, 1, 1}, d.obs().numeric("array_row"));
        assertArrayEquals(new double[]{0, 1, 0, 2}, d.obs().numeric("array_col"));
        ExpressionData grid = ExpressionReaders.read(bin, ReadOptions.defaults().withTenxCoordinates(ReadOptions.TenxCoordinates.ARRAY));
        assertArrayEquals(new double[]{2, 1}, grid.spatial()[3], "x = array_col, y = array_row");
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("1 barcodes of the matrix have no position"), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void streamedBlocksEqualTheSlideReadWhole() throws Exception {
        Path bin = binFolder(tmp.resolve("square_016um"));
        ExpressionData whole = ExpressionReaders.read(bin);
        try (SpotSource s = SpotSources.open(bin)) {
            assertInstanceOf(TenxRowSource.class, s, "infer streams .h5 slides");
            assertEquals(whole.obsNames(), s.obsNames());
            assertEquals(whole.varNames(), s.varNames());
            for (int i = 0; i < whole.nObs(); i++) assertArrayEquals(whole.spatial()[i], s.spatial()[i]);
            assertArrayEquals(whole.obs().numeric("array_col"), s.obs().numeric("array_col"));
            assertEquals(3 + 4 + 4 + 4, s.storedEntries(), "stored entries of the in-tissue barcodes (all features)");
            for (int block = 1; block <= 4; block++) {
                List<CsrMatrix> parts = new ArrayList<>();
                for (int start = 0; start < s.rows(); start += block) parts.add(s.readRows(start, Math.min(block, s.rows() - start)));
                CsrMatrix joined = CsrMatrix.vstack(parts);
                for (int i = 0; i < whole.nObs(); i++) assertArrayEquals(row(whole.counts(), i), row(joined, i), "block " + block + ", spot " + i);
            }
        }
    }

    @Test
    void farApartBarcodesAreReadAsSeparateSlices() throws Exception {
        // 100 dense off-tissue barcodes (70,000 stored entries) between the two in-tissue ones: more than the gap
        // TenxMatrixFile bridges with one read
        int genes = 700, n = 102;
        List<String> barcodes = new ArrayList<>(), features = new ArrayList<>(), types = new ArrayList<>();
        List<Position> rows = new ArrayList<>();
        int[][] c = new int[n][genes];
        for (int j = 0; j < genes; j++) {
            features.add("G" + j);
            types.add("Gene Expression");
        }
        for (int b = 0; b < n; b++) {
            barcodes.add("s_002um_00000_" + String.format("%05d", b) + "-1");
            boolean inTissue = b == 0 || b == n - 1;
            rows.add(new Position(barcodes.get(b), inTissue ? 1 : 0, 0, b, 10, 2.0 * b));
            for (int j = 0; j < genes; j++) c[b][j] = inTissue ? (j % 5 == b % 5 ? b + j + 1 : 0) : 1;
        }
        Path bin = tmp.resolve("square_002um");
        VisiumHdFixture.writeMatrix(bin, barcodes, features, types, c);
        VisiumHdFixture.writePositions(bin, rows);
        try (SpotSource s = SpotSources.open(bin.resolve(SpaceRangerPaths.H5_NAME))) {
            assertEquals(List.of(barcodes.get(0), barcodes.get(n - 1)), s.obsNames());
            CsrMatrix m = s.readRows(0, 2);
            for (int j = 0; j < genes; j++) {
                assertEquals(c[0][j], m.get(0, j), "bin 0, gene " + j);
                assertEquals(c[n - 1][j], m.get(1, j), "bin " + (n - 1) + ", gene " + j);
            }
        }
    }

    @Test
    void hdOutsAndBinnedOutputsFoldersAreRefusedNamingTheBinFolders() throws Exception {
        Path run = tmp.resolve("run");
        Path binned = run.resolve("outs/binned_outputs");
        binFolder(binned.resolve("square_008um"));
        binFolder(binned.resolve("square_016um"));
        for (Path p : List.of(run, run.resolve("outs"), binned)) {
            String line = oneLineFailure(Main.execute("inspect", p.toString()));
            assertTrue(line.contains("square_008um") && line.contains("square_016um") && line.contains("give one bin folder"), line);
            InputDataException e = assertThrows(InputDataException.class, () -> SpotSources.open(p).close());
            assertTrue(e.getMessage().contains(binned.resolve("square_008um").toString()), e.getMessage());
        }
    }

    @Test
    void parquetWithoutAColumnFailsInOneLineNamingFileAndColumn() throws Exception {
        Path bin = binFolder(tmp.resolve("square_008um"), "pxl_col_in_fullres");
        String line = oneLineFailure(Main.execute("inspect", bin.toString()));
        assertTrue(line.contains("tissue_positions.parquet") && line.contains("pxl_col_in_fullres: column missing"), line);
        InputDataException e = assertThrows(InputDataException.class, () -> SpotSources.open(bin).close());
        assertTrue(e.getMessage().contains("pxl_col_in_fullres") && e.getMessage().contains("give Space Ranger's spatial/tissue_positions.parquet"), e.getMessage());
    }

    @Test
    void fileThatIsNotParquetFailsInOneLine() throws Exception {
        Path bin = binFolder(tmp.resolve("square_008um"));
        Files.writeString(bin.resolve("spatial/tissue_positions.parquet"), "barcode,in_tissue\n");
        String line = oneLineFailure(Main.execute("inspect", bin.toString()));
        assertTrue(line.contains("tissue_positions.parquet: not a readable Parquet table"), line);
    }

    /** The exit code is 3 (bad input) and stderr holds, besides time-stamped log lines, exactly one line: returned. */
    private String oneLineFailure(int code) {
        String text = err.toString(StandardCharsets.UTF_8);
        err.reset();
        List<String> lines = text.lines().filter(l -> !l.isBlank() && !l.matches("^\\[\\d\\d:\\d\\d:\\d\\d\\] .*")).toList();
        assertEquals(3, code, "exit code; stderr: " + text);
        assertEquals(1, lines.size(), "one error line on stderr, got: " + text);
        return lines.get(0);
    }

    private static float[] row(CsrMatrix m, int i) {
        float[] r = new float[m.cols()];
        for (int j = 0; j < r.length; j++) r[j] = m.get(i, j);
        return r;
    }
}
