package org.stdeconv.io;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stdeconv.data.CsrMatrix;
import org.stdeconv.data.ExpressionData;
import org.stdeconv.io.text.CsvReader;
import org.stdeconv.testing.Prerequisites;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Every data set in ../shared/data read by our readers and checked against numbers computed at test time by an
 * independent reader (anndata, scipy.io.mmread, python's csv), plus the PDAC h5ad/MatrixMarket pair against
 * each other.
 */
@Tag("slow")
class SharedDataReadTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"pdac/reference.h5ad", "pdac/slide.h5ad", "mob/mob_layers.h5ad", "mob/mob_rep12.h5ad", "mob/card_sim_truth.h5ad",
            "starmap/reference.h5ad", "starmap/spots_truth.h5ad", "lymph/reference.h5ad", "lymph/visium.h5ad"})
    void h5adMatchesAnndata(String name) throws Exception {
        Path f = Prerequisites.sharedData(name);
        JsonNode want = PythonHelper.json(PythonHelper.run(tmp, "summarize_inputs.py", "h5ad", f.toString()));
        ExpressionData d = ExpressionReaders.read(f);
        assertSummary(want, d, name);
        for (Iterator<Map.Entry<String, JsonNode>> it = want.get("obs").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode text = e.getValue().get("text"), num = e.getValue().get("numeric");
            if (text != null) assertArrayEquals(PythonHelper.strings(text).toArray(new String[0]), d.obs().text(e.getKey()), name + " obs " + e.getKey());
            else for (int i = 0; i < d.nObs(); i++) assertEquals(num.get(i).asDouble(), d.obs().numeric(e.getKey())[i], 1e-12, name + " obs " + e.getKey());
        }
        assertEquals(want.get("obs").size(), d.obs().names().size(), name + " obs columns " + d.obs());
        JsonNode xy = want.get("spatial");
        assertEquals(!xy.isNull(), d.hasSpatial(), name + " coordinates");
        if (!xy.isNull()) for (int i = 0; i < d.nObs(); i++) {
            assertEquals(xy.get(i).get(0).asDouble(), d.spatial()[i][0], 0.0);
            assertEquals(xy.get(i).get(1).asDouble(), d.spatial()[i][1], 0.0);
        }
    }

    @Test
    void pdacMtxSetsMatchScipy() throws Exception {
        for (String prefix : new String[]{"sc_", "spatial_"}) {
            Path mtx = Prerequisites.sharedData("pdac/mtx/" + prefix + "counts.mtx.gz");
            Path dir = mtx.getParent();
            JsonNode want = PythonHelper.json(PythonHelper.run(tmp, "summarize_inputs.py", "mtx", mtx.toString(),
                    dir.resolve(prefix + "genes.txt.gz").toString(), dir.resolve(prefix + "barcodes.txt.gz").toString()));
            assertSummary(want, ExpressionReaders.read(mtx), prefix + "counts.mtx.gz");
        }
    }

    /** The MatrixMarket set plus its side tables is the same data as the h5ad files made from it. */
    @Test
    void pdacMtxEqualsPdacH5ad() {
        ExpressionData scMtx = ExpressionReaders.read(Prerequisites.sharedData("pdac/mtx/sc_counts.mtx.gz"));
        ExpressionData scH5 = ExpressionReaders.read(Prerequisites.sharedData("pdac/reference.h5ad"));
        assertSameCounts(scH5, scMtx);
        assertArrayEquals(scH5.obs().text("cell_type"), scMtx.obs().text("cellType"));

        ExpressionData stMtx = ExpressionReaders.read(Prerequisites.sharedData("pdac/mtx/spatial_counts.mtx.gz"));
        ExpressionData stH5 = ExpressionReaders.read(Prerequisites.sharedData("pdac/slide.h5ad"));
        assertSameCounts(stH5, stMtx);
        assertArrayEquals(stH5.spatial(), stMtx.spatial());
        String[] region = stMtx.obs().text("Region").clone();
        for (int i = 0; i < region.length; i++) if (region[i].isEmpty()) region[i] = "unannotated";
        assertArrayEquals(stH5.obs().text("region"), region);
    }

    @ParameterizedTest
    @ValueSource(strings = {"01", "02", "03", "04", "05", "31", "32", "33", "34", "35"})
    void cardSimulationCsvMatchesPythonCsv(String k) throws Exception {
        Path counts = Prerequisites.sharedData("mob/card_sims_stdeconv/pseudo_data_" + k + ".csv.gz");
        Path ratio = Prerequisites.sharedData("mob/card_sims_stdeconv/pseudo_data_ratio_" + k + ".csv.gz");
        JsonNode want = PythonHelper.json(PythonHelper.run(tmp, "summarize_inputs.py", "csv", counts.toString(), ratio.toString()));
        ExpressionData d = CsvReader.readWithTruth(counts, ratio);
        assertSummary(want, d, counts.getFileName().toString());
        assertTrue(d.hasSpatial(), "XxY spot names give coordinates");
        for (int i = 0; i < d.nObs(); i++) {
            String[] xy = d.obsNames().get(i).split("x");
            assertEquals(Double.parseDouble(xy[0]), d.spatial()[i][0], 0.0);
            assertEquals(Double.parseDouble(xy[1]), d.spatial()[i][1], 0.0);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = want.get("truth").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            double[] got = d.obs().numeric("true_" + e.getKey());
            assertNotNull(got, "true_" + e.getKey());
            for (int i = 0; i < got.length; i++) assertEquals(e.getValue().get(i).asDouble(), got[i], 0.0);
        }
    }

    static void assertSummary(JsonNode want, ExpressionData d, String name) {
        assertEquals(want.get("shape").get(0).asInt(), d.nObs(), name + " observations");
        assertEquals(want.get("shape").get(1).asInt(), d.nVars(), name + " genes");
        assertEquals(PythonHelper.strings(want.get("obs_names")), d.obsNames(), name + " obs names");
        assertEquals(PythonHelper.strings(want.get("var_names")), d.varNames(), name + " var names");
        CsrMatrix x = d.counts();
        int nonZero = 0;
        for (float v : x.data()) if (v != 0f) nonZero++;
        assertEquals(want.get("nnz").asLong(), nonZero, name + " non-zeros");
        double total = 0;
        double[] rows = x.rowSums();
        for (int i = 0; i < rows.length; i++) {
            assertEquals(want.get("row_sums").get(i).asDouble(), rows[i], 1e-6 * Math.max(1, rows[i]), name + " row " + i);
            total += rows[i];
        }
        assertEquals(want.get("total").asDouble(), total, 1e-9 * total, name + " total");
        double[] cols = new double[x.cols()];
        for (int k = 0; k < x.indices().length; k++) cols[x.indices()[k]] += x.data()[k];
        for (int j = 0; j < cols.length; j++) assertEquals(want.get("col_sums").get(j).asDouble(), cols[j], 1e-6 * Math.max(1, cols[j]), name + " gene " + j);
    }

    static void assertSameCounts(ExpressionData a, ExpressionData b) {
        assertEquals(a.obsNames(), b.obsNames());
        assertEquals(a.varNames(), b.varNames());
        assertArrayEquals(a.counts().indptr(), b.counts().indptr());
        assertArrayEquals(a.counts().indices(), b.counts().indices());
        assertArrayEquals(a.counts().data(), b.counts().data());
    }
}
