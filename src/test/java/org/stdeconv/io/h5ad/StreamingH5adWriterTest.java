package org.stdeconv.io.h5ad;

import com.fasterxml.jackson.databind.JsonNode;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.stdeconv.InputDataException;
import org.stdeconv.data.CsrMatrix;
import org.stdeconv.data.ExpressionData;
import org.stdeconv.data.ObsTable;
import org.stdeconv.io.PythonHelper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

class StreamingH5adWriterTest {
    @TempDir
    Path dir;

    /** A shape of random test data: rows x cols at a density, with or without obs columns, obsm and uns. */
    record Shape(String name, int rows, int cols, double density, boolean annotated) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Shape> shapes() {
        return Stream.of(
                new Shape("12x7 annotated", 12, 7, 0.3, true),
                new Shape("300x60 sparse, many empty rows", 300, 60, 0.02, true),
                new Shape("5x3 no non-zeros", 5, 3, 0.0, true),
                new Shape("1x1", 1, 1, 1.0, true),
                new Shape("40x9 empty obs table, nothing else", 40, 9, 0.2, false),
                new Shape("0 rows", 0, 4, 0.5, false));
    }

    /** Random content; a fifth of the rows have no non-zeros, names and columns include unicode and '/'. */
    static ExpressionData random(Shape s, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        CsrMatrix.Builder b = new CsrMatrix.Builder(s.cols);
        float[] row = new float[s.cols];
        for (int i = 0; i < s.rows; i++) {
            boolean empty = rnd.nextInt(5) == 0;
            for (int j = 0; j < s.cols; j++) row[j] = !empty && rnd.nextDouble() < s.density ? 1 + rnd.nextInt(1000) + (rnd.nextBoolean() ? 0.25f : 0f) : 0f;
            b.addDenseRow(row);
        }
        List<String> obs = new ArrayList<>(), var = new ArrayList<>();
        for (int i = 0; i < s.rows; i++) obs.add(i % 7 == 3 ? "spöt_" + i + "/ü" : "spot_" + i);
        for (int j = 0; j < s.cols; j++) var.add(j == 1 ? "Ωmega-" + j : "Gene" + j);
        ObsTable t = new ObsTable(s.rows);
        double[][] xy = null;
        Map<String, double[][]> obsm = new LinkedHashMap<>();
        Map<String, String> uns = new LinkedHashMap<>();
        if (s.annotated) {
            String[] type = new String[s.rows], blank = new String[s.rows];
            double[] prop = new double[s.rows], depth = new double[s.rows], nested = new double[s.rows];
            double[][] props = new double[s.rows][3];
            xy = new double[s.rows][];
            for (int i = 0; i < s.rows; i++) {
                type[i] = i % 4 == 0 ? "" : "type " + (i % 3) + (i % 5 == 0 ? " ünï" : "");
                blank[i] = "";
                prop[i] = rnd.nextDouble();
                depth[i] = i % 6 == 1 ? Double.NaN : rnd.nextGaussian() * 1e6;
                nested[i] = -rnd.nextDouble();
                for (int k = 0; k < 3; k++) props[i][k] = rnd.nextDouble();
                xy[i] = new double[]{rnd.nextDouble() * 1e4, -rnd.nextDouble()};
            }
            t.putText("cell_type", type).putText("note", blank)
                    .putNumeric("true_eL2/3", prop).putNumeric("depth", depth).putNumeric("a/b/c", nested);
            obsm.put("stdeconv_proportions", props);
            uns.put("source", "unit test – ünïcode\nsecond line");
            uns.put("seed", "3");
            uns.put("config/path", "x: 1");
        }
        return new ExpressionData(b.build(), obs, var, t, xy, uns, obsm);
    }

    /** Streams {@code d} in random blocks (some appended row by row) through a writer for {@code file}. */
    static void stream(ExpressionData d, Path file, long announcedNonZeros, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        CsrMatrix m = d.counts();
        try (StreamingH5adWriter w = StreamingH5adWriter.create(file, d.varNames(), announcedNonZeros)) {
            for (int r = 0; r < m.rows(); ) {
                int len = Math.min(m.rows() - r, 1 + rnd.nextInt(9));
                if (rnd.nextBoolean()) {
                    w.appendRows(m.sliceRows(r, len));
                } else {
                    for (int i = r; i < r + len; i++) {
                        CsrMatrix one = m.sliceRows(i, 1);
                        w.appendRow(one.indices(), one.data(), one.indices().length);
                    }
                }
                r += len;
            }
            assertEquals(m.rows(), w.rows());
            assertEquals(m.nnz(), w.nonZeros());
            w.finish(d.obsNames(), d.obs(), d.spatial(), d.obsm(), d.uns());
        }
    }

    private static String flatUnsKey(String key) {
        return key.replace('/', '_');
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void ourReaderReadsBackWhatWasStreamed(Shape s) {
        ExpressionData d = random(s, 11);
        Path f = dir.resolve("out.h5ad");
        stream(d, f, StreamingH5adWriter.UNKNOWN, 5);
        if (s.rows() == 0) {
            // a valid AnnData (jhdf and anndata read it, below) that no step can use: the reader says so in one line
            InputDataException e = assertThrows(InputDataException.class, () -> H5adReader.read(f));
            assertEquals(f + ": obs: the AnnData has 0 observations (cells/spots); give a file with at least one", e.getMessage());
            return;
        }
        ExpressionData r = H5adReader.read(f);
        assertEquals(d.obsNames(), r.obsNames());
        assertEquals(d.varNames(), r.varNames());
        assertArrayEquals(d.counts().indptr(), r.counts().indptr());
        assertArrayEquals(d.counts().indices(), r.counts().indices());
        assertArrayEquals(d.counts().data(), r.counts().data());
        assertEquals(d.obs().names(), r.obs().names());
        for (String c : d.obs().textColumns().keySet()) assertArrayEquals(d.obs().text(c), r.obs().text(c), c);
        for (String c : d.obs().numericColumns().keySet()) assertArrayEquals(d.obs().numeric(c), r.obs().numeric(c), c);
        assertArrayEquals(d.spatial(), r.spatial());
        assertEquals(d.obsm().keySet(), r.obsm().keySet());
        d.obsm().forEach((k, v) -> assertArrayEquals(v, r.obsm().get(k), k));
        Map<String, String> flatUns = new LinkedHashMap<>();
        d.uns().forEach((k, v) -> flatUns.put(flatUnsKey(k), v));
        assertEquals(flatUns, r.uns());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void jhdfSeesTheAnndataLayout(Shape s) throws Exception {
        ExpressionData d = random(s, 12);
        Path f = dir.resolve("out.h5ad");
        stream(d, f, d.counts().nnz(), 6);
        try (HdfFile h5 = new HdfFile(f)) {
            assertEquals("anndata", h5.getAttribute("encoding-type").getData());
            Group x = (Group) h5.getChild("X");
            assertEquals("csr_matrix", x.getAttribute("encoding-type").getData());
            assertArrayEquals(new long[]{s.rows(), s.cols()}, (long[]) x.getAttribute("shape").getData());
            Dataset data = (Dataset) x.getChild("data"), indices = (Dataset) x.getChild("indices"), indptr = (Dataset) x.getChild("indptr");
            assertEquals(float.class, data.getJavaType());
            assertEquals(int.class, indices.getJavaType());
            assertEquals(long.class, indptr.getJavaType());
            assertArrayEquals(new int[]{(int) d.counts().nnz()}, data.getDimensions());
            if (d.counts().nnz() > 0) {
                assertArrayEquals(d.counts().data(), (float[]) data.getData());
                assertArrayEquals(d.counts().indices(), (int[]) indices.getData());
            }
            assertArrayEquals(d.counts().indptr(), (long[]) indptr.getData());
            Group obs = (Group) h5.getChild("obs");
            assertEquals("dataframe", obs.getAttribute("encoding-type").getData());
            assertEquals("_index", obs.getAttribute("_index").getData());
            if (s.rows() > 0) assertArrayEquals(d.obsNames().toArray(), (String[]) ((Dataset) obs.getChild("_index")).getData());
            if (d.obs().names().isEmpty()) {
                assertEquals("", obs.getAttribute("column-order").getData());
            } else {
                assertArrayEquals(d.obs().names().toArray(), (String[]) obs.getAttribute("column-order").getData());
                Dataset nested = (Dataset) h5.getByPath("obs/true_eL2/3");
                assertEquals("array", nested.getAttribute("encoding-type").getData());
                assertArrayEquals(d.obs().numeric("true_eL2/3"), (double[]) nested.getData());
                assertArrayEquals(d.obs().numeric("a/b/c"), (double[]) ((Dataset) h5.getByPath("obs/a/b/c")).getData());
                Dataset type = (Dataset) obs.getChild("cell_type");
                assertEquals("string-array", type.getAttribute("encoding-type").getData());
                assertArrayEquals(d.obs().text("cell_type"), (String[]) type.getData());
            }
            assertArrayEquals(d.varNames().toArray(), (String[]) ((Dataset) h5.getByPath("var/_index")).getData());
            if (d.spatial() != null) {
                assertArrayEquals(d.spatial(), (double[][]) ((Dataset) h5.getByPath("obsm/spatial")).getData());
                assertArrayEquals(d.obsm().get("stdeconv_proportions"), (double[][]) ((Dataset) h5.getByPath("obsm/stdeconv_proportions")).getData());
                Dataset source = (Dataset) h5.getByPath("uns/source");
                assertEquals("string", source.getAttribute("encoding-type").getData());
                assertEquals(d.uns().get("source"), source.getData());
            } else {
                assertFalse(h5.getChildren().containsKey("obsm"));
                assertFalse(h5.getChildren().containsKey("uns"));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void anndataReadsBackWhatWasStreamed(Shape s) throws Exception {
        ExpressionData d = random(s, 13);
        Path f = dir.resolve("out.h5ad");
        stream(d, f, StreamingH5adWriter.UNKNOWN, 7);
        JsonNode a = PythonHelper.json(PythonHelper.run(dir, "dump_h5ad.py", f.toString()));
        assertEquals(s.rows(), a.get("shape").get(0).asInt());
        assertEquals(s.cols(), a.get("shape").get(1).asInt());
        assertEquals("csr", a.get("X_sparse").asText());
        assertEquals("float32", a.get("X_dtype").asText());
        assertEquals(d.obsNames(), PythonHelper.strings(a.get("obs_names")));
        assertEquals(d.varNames(), PythonHelper.strings(a.get("var_names")));
        for (int i = 0; i < d.nObs(); i++) {
            float[] row = d.counts().denseRow(i);
            for (int j = 0; j < d.nVars(); j++) assertEquals(row[j], a.get("X").get(i).get(j).asDouble(), 0.0, "X[" + i + "," + j + "]");
        }
        assertEquals(List.copyOf(d.obs().names()), fieldNames(a.get("obs")), "obs columns in order");
        for (String c : d.obs().textColumns().keySet()) {
            assertEquals(List.of(d.obs().text(c)), PythonHelper.strings(a.get("obs").get(c).get("text")), c);
        }
        for (String c : d.obs().numericColumns().keySet()) {
            double[] want = d.obs().numeric(c);
            JsonNode got = a.get("obs").get(c).get("numeric");
            for (int i = 0; i < want.length; i++) {
                if (Double.isNaN(want[i])) assertTrue(got.get(i).isNull(), c + "[" + i + "] NaN");
                else assertEquals(want[i], got.get(i).asDouble(), 0.0, c + "[" + i + "]");
            }
        }
        if (d.spatial() == null) assertTrue(a.get("spatial").isNull());
        else assertArrayEquals(d.spatial(), matrix(a.get("spatial")));
        assertEquals(List.copyOf(d.obsm().keySet()), fieldNames(a.get("obsm")));
        d.obsm().forEach((k, v) -> assertArrayEquals(v, matrix(a.get("obsm").get(k)), k));
        assertEquals(d.uns().size(), a.get("uns").size());
        d.uns().forEach((k, v) -> assertEquals(v, a.get("uns").get(flatUnsKey(k)).asText(), k));
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static double[][] matrix(JsonNode n) {
        double[][] out = new double[n.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = new double[n.get(i).size()];
            for (int j = 0; j < out[i].length; j++) out[i][j] = n.get(i).get(j).asDouble();
        }
        return out;
    }

    @Test
    void bytesDependOnlyOnTheContent() throws Exception {
        ExpressionData d = random(shapes().findFirst().orElseThrow(), 21);
        Path announced = dir.resolve("announced.h5ad"), unknown = dir.resolve("unknown.h5ad"), whole = dir.resolve("whole.h5ad");
        stream(d, announced, d.counts().nnz(), 1);
        stream(d, unknown, StreamingH5adWriter.UNKNOWN, 2);
        H5adWriter.write(d, whole);
        assertEquals(-1L, Files.mismatch(announced, unknown), "announcing the non-zeros or not, other block sizes");
        assertEquals(-1L, Files.mismatch(announced, whole), "H5adWriter.write is the same writer");
        assertNotEquals(-1L, Files.mismatch(announced, writeOther(d)), "other content gives other bytes");
    }

    private Path writeOther(ExpressionData d) {
        Path f = dir.resolve("other.h5ad");
        float[] v = d.counts().data().clone();
        v[0] += 1;
        CsrMatrix m = new CsrMatrix(d.nObs(), d.nVars(), d.counts().indptr(), d.counts().indices(), v);
        H5adWriter.write(d.withCounts(m, d.varNames()), f);
        return f;
    }

    @Test
    void aFailureMidWriteLeavesNothingAndKeepsAnOlderFile() throws Exception {
        ExpressionData d = random(shapes().findFirst().orElseThrow(), 22);
        Path f = dir.resolve("out.h5ad");
        Files.writeString(f, "an older result");
        RuntimeException boom = assertThrows(RuntimeException.class, () -> {
            try (StreamingH5adWriter w = StreamingH5adWriter.create(f, d.varNames())) {
                w.appendRows(d.counts().sliceRows(0, 5));
                throw new RuntimeException("simulated crash");
            }
        });
        assertEquals("simulated crash", boom.getMessage());
        assertEquals("an older result", Files.readString(f));
        assertEquals(List.of("out.h5ad"), listDir());
    }

    @Test
    void inconsistentInputIsRefusedAndLeavesNothing() throws Exception {
        ExpressionData d = random(shapes().findFirst().orElseThrow(), 23);
        Path f = dir.resolve("out.h5ad");
        assertThrows(IllegalArgumentException.class, () -> {
            try (StreamingH5adWriter w = StreamingH5adWriter.create(f, d.varNames())) {
                w.appendRows(d.counts());
                w.finish(d.obsNames().subList(1, d.nObs()), d.obs(), d.spatial(), d.obsm(), d.uns());
            }
        }, "one obs name short");
        assertThrows(IllegalArgumentException.class, () -> {
            try (StreamingH5adWriter w = StreamingH5adWriter.create(f, d.varNames())) {
                w.appendRow(new int[]{0, d.nVars()}, new float[]{1, 2}, 2);
            }
        }, "column outside the genes");
        assertThrows(IllegalStateException.class, () -> {
            try (StreamingH5adWriter w = StreamingH5adWriter.create(f, d.varNames(), d.counts().nnz() + 1)) {
                w.appendRows(d.counts());
                w.finish(d.obsNames(), d.obs(), d.spatial(), d.obsm(), d.uns());
            }
        }, "fewer non-zeros than announced");
        assertThrows(IllegalStateException.class, () -> {
            try (StreamingH5adWriter w = StreamingH5adWriter.create(f, d.varNames(), 3)) {
                w.appendRows(d.counts());
            }
        }, "more non-zeros than announced");
        assertEquals(List.of(), listDir());
    }

    @Test
    void directModeDeletesItsPartialFile() throws Exception {
        ExpressionData d = random(shapes().findFirst().orElseThrow(), 24);
        Path f = dir.resolve("direct.h5ad");
        try (StreamingH5adWriter w = StreamingH5adWriter.createDirect(f, d.varNames(), StreamingH5adWriter.UNKNOWN)) {
            w.appendRows(d.counts());
            assertTrue(Files.exists(f), "written in place");
        }
        assertEquals(List.of(), listDir());
    }

    /**
     * 50 M non-zeros (400 MB of CSR arrays, twice the heap) streamed by a JVM limited to a 64 MB heap: the writer's
     * memory does not grow with the matrix. The old jhdf path needed the arrays plus two serialised copies.
     */
    @Test
    void fiftyMillionNonZerosStreamUnderA64MbHeap() throws Exception {
        int rows = 25_000, cols = 20_000, perRow = 2_000;
        Path f = dir.resolve("big.h5ad");
        Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(javaBin.toString(), "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                StreamingWriteProbe.class.getName(), f.toString(), Integer.toString(rows), Integer.toString(cols), Integer.toString(perRow))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertTrue(out.contains("max heap"), out);
        long nnz = (long) rows * perRow;
        assertTrue(Files.size(f) > 8 * nnz, "file holds the data and indices");
        try (HdfFile h5 = new HdfFile(f)) {
            Group x = (Group) h5.getChild("X");
            assertArrayEquals(new long[]{rows, cols}, (long[]) x.getAttribute("shape").getData());
            long[] indptr = (long[]) ((Dataset) x.getChild("indptr")).getData();
            assertEquals(nnz, indptr[rows]);
            for (int r : new int[]{0, 1, rows / 2, rows - 1}) {
                assertEquals((long) r * perRow, indptr[r]);
                float[] v = (float[]) ((Dataset) x.getChild("data")).getData(new long[]{indptr[r]}, new int[]{perRow});
                int[] c = (int[]) ((Dataset) x.getChild("indices")).getData(new long[]{indptr[r]}, new int[]{perRow});
                for (int j = 0; j < perRow; j++) {
                    assertEquals(StreamingWriteProbe.column(r, j, cols, perRow), c[j], "row " + r + " column " + j);
                    assertEquals(StreamingWriteProbe.value(r, j), v[j], "row " + r + " value " + j);
                }
            }
            assertEquals("s" + (rows - 1), ((String[]) ((Dataset) h5.getByPath("obs/_index")).getData())[rows - 1]);
        }
    }

    private List<String> listDir() throws Exception {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
