package org.stdeconv.io.h5ad;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stdeconv.data.CsrMatrix;
import org.stdeconv.data.ExpressionData;
import org.stdeconv.data.ObsTable;
import org.stdeconv.io.PythonHelper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

public class H5adWriterTest {
    @TempDir
    Path dir;

    /** Awkward but legal content: unicode names, '/' in a column name, NaN, empty strings, an all-empty column. */
    public static ExpressionData sample() {
        SplittableRandom rnd = new SplittableRandom(3);
        int n = 12, g = 7;
        float[][] x = new float[n][g];
        for (float[] r : x) for (int j = 0; j < g; j++) r[j] = rnd.nextInt(4) == 0 ? 1 + rnd.nextInt(50) : 0;
        x[3] = new float[g]; // an all-zero row
        List<String> obs = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) obs.add(i == 5 ? "spöt-5 ünïcode" : "spot" + i);
        List<String> var = List.of("Gapdh", "Actb", "MT-Co1", "Sox2-ot", "Gene.5", "Gene_6", "Ωmega");
        ObsTable t = new ObsTable(n);
        String[] type = new String[n], empty = new String[n];
        double[] prop = new double[n], depth = new double[n];
        for (int i = 0; i < n; i++) {
            type[i] = i % 4 == 0 ? "" : "type" + (i % 3);
            empty[i] = "";
            prop[i] = rnd.nextDouble();
            depth[i] = i == 7 ? Double.NaN : rnd.nextGaussian() * 100;
        }
        t.putText("cell_type", type).putText("note", empty).putNumeric("true_eL2/3", prop).putNumeric("depth", depth);
        double[][] xy = new double[n][];
        for (int i = 0; i < n; i++) xy[i] = new double[]{rnd.nextDouble() * 1000, -rnd.nextDouble()};
        Map<String, String> uns = new LinkedHashMap<>();
        uns.put("source", "unit test – ünïcode");
        uns.put("seed", "3");
        return new ExpressionData(CsrMatrix.fromDense(x, g), obs, var, t, xy, uns);
    }

    @Test
    void anndataReadsBackIdenticalValues() throws Exception {
        ExpressionData d = sample();
        Path f = dir.resolve("out.h5ad");
        H5adWriter.write(d, f);
        JsonNode a = PythonHelper.json(PythonHelper.run(dir, "dump_h5ad.py", f.toString()));
        assertEquals("csr", a.get("X_sparse").asText());
        assertEquals("float32", a.get("X_dtype").asText());
        assertEquals(d.obsNames(), PythonHelper.strings(a.get("obs_names")));
        assertEquals(d.varNames(), PythonHelper.strings(a.get("var_names")));
        for (int i = 0; i < d.nObs(); i++) {
            float[] row = d.counts().denseRow(i);
            for (int j = 0; j < d.nVars(); j++) assertEquals(row[j], a.get("X").get(i).get(j).asDouble(), 0.0, "X[" + i + "," + j + "]");
        }
        for (String c : d.obs().textColumns().keySet()) {
            assertArrayEquals(d.obs().text(c), PythonHelper.strings(a.get("obs").get(c).get("text")).toArray(new String[0]), c);
        }
        for (String c : d.obs().numericColumns().keySet()) {
            JsonNode col = a.get("obs").get(c);
            assertNotNull(col, "anndata does not see obs column " + c + ": " + a.get("obs").fieldNames());
            double[] want = d.obs().numeric(c);
            for (int i = 0; i < want.length; i++) {
                if (Double.isNaN(want[i])) assertTrue(col.get("numeric").get(i).isNull());
                else assertEquals(want[i], col.get("numeric").get(i).asDouble(), 0.0, c + "[" + i + "]");
            }
        }
        assertEquals(d.obs().names().size(), a.get("obs").size());
        for (int i = 0; i < d.nObs(); i++) {
            assertEquals(d.spatial()[i][0], a.get("spatial").get(i).get(0).asDouble(), 0.0);
            assertEquals(d.spatial()[i][1], a.get("spatial").get(i).get(1).asDouble(), 0.0);
        }
        assertEquals(d.uns().get("source"), a.get("uns").get("source").asText());
        assertEquals(d.uns().get("seed"), a.get("uns").get("seed").asText());
    }

    @Test
    void ourReaderReadsBackWhatWeWrote() {
        ExpressionData d = sample();
        Path f = dir.resolve("out.h5ad");
        H5adWriter.write(d, f);
        ExpressionData r = H5adReader.read(f);
        assertEquals(d.obsNames(), r.obsNames());
        assertEquals(d.varNames(), r.varNames());
        assertArrayEquals(d.counts().data(), r.counts().data());
        assertArrayEquals(d.counts().indices(), r.counts().indices());
        assertArrayEquals(d.counts().indptr(), r.counts().indptr());
        assertEquals(d.obs().names(), r.obs().names());
        for (String c : d.obs().textColumns().keySet()) assertArrayEquals(d.obs().text(c), r.obs().text(c), c);
        for (String c : d.obs().numericColumns().keySet()) assertArrayEquals(d.obs().numeric(c), r.obs().numeric(c), c);
        assertArrayEquals(d.spatial(), r.spatial());
        assertEquals(d.uns(), r.uns());
    }

    @Test
    void sameDataGivesSameBytes() throws Exception {
        Path a = dir.resolve("a.h5ad"), b = dir.resolve("b.h5ad");
        H5adWriter.write(sample(), a);
        H5adWriter.write(sample(), b);
        assertEquals(-1L, Files.mismatch(a, b));
    }

    @Test
    void leavesNothingButTheFinishedFile() throws Exception {
        H5adWriter.write(sample(), dir.resolve("out.h5ad"));
        try (var s = Files.list(dir)) {
            assertEquals(List.of("out.h5ad"), s.map(p -> p.getFileName().toString()).toList());
        }
    }
}
