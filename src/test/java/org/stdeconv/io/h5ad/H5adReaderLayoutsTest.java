package org.stdeconv.io.h5ad;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stdeconv.data.ExpressionData;
import org.stdeconv.io.ExpressionReaders;
import org.stdeconv.io.PythonHelper;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Files in each layout the reader supports, written by python3-anndata/h5py with the expected content beside them. */
class H5adReaderLayoutsTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void writeVariants() throws Exception {
        PythonHelper.run(dir, "write_h5ad_variants.py", dir.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"csr", "csc_int_gzip", "dense_int", "layers_counts", "categorical_missing", "nullable", "legacy06"})
    void readsLayout(String name) throws Exception {
        JsonNode want = PythonHelper.json(dir.resolve(name + ".json"));
        ExpressionData d = ExpressionReaders.read(dir.resolve(name + ".h5ad"));
        assertEquals(PythonHelper.strings(want.get("obs_names")), d.obsNames());
        assertEquals(PythonHelper.strings(want.get("var_names")), d.varNames());
        JsonNode x = want.get("X");
        assertEquals(x.size(), d.nObs());
        for (int i = 0; i < d.nObs(); i++) {
            float[] row = d.counts().denseRow(i);
            for (int j = 0; j < d.nVars(); j++) assertEquals(x.get(i).get(j).asDouble(), row[j], 1e-6, name + " X[" + i + "," + j + "]");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = want.get("text").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            assertArrayEquals(PythonHelper.strings(e.getValue()).toArray(new String[0]), d.obs().text(e.getKey()), name + " obs " + e.getKey());
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = want.get("numeric").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            double[] got = d.obs().numeric(e.getKey());
            assertNotNull(got, name + " obs " + e.getKey() + " missing; have " + d.obs());
            for (int i = 0; i < got.length; i++) {
                JsonNode v = e.getValue().get(i);
                if (v.isNull()) assertTrue(Double.isNaN(got[i]), name + " " + e.getKey() + "[" + i + "] should be missing");
                else assertEquals(v.asDouble(), got[i], 1e-12, name + " " + e.getKey() + "[" + i + "]");
            }
        }
        JsonNode xy = want.get("spatial");
        if (xy.isNull()) assertFalse(d.hasSpatial(), name);
        else for (int i = 0; i < d.nObs(); i++) {
            assertEquals(xy.get(i).get(0).asDouble(), d.spatial()[i][0], 1e-12);
            assertEquals(xy.get(i).get(1).asDouble(), d.spatial()[i][1], 1e-12);
        }
    }
}
