package org.stdeconv.qc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stdeconv.data.CsrMatrix;
import org.stdeconv.data.ExpressionData;
import org.stdeconv.io.h5ad.H5adReader;
import org.stdeconv.io.h5ad.H5adWriter;
import org.stdeconv.testing.Prerequisites;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** qc end to end on small negative-binomial data: mitochondrial prefixes, top-N and HVG, anndata compatibility. */
class QcSyntheticTest {
    @TempDir
    static Path dir;
    static SyntheticCounts data;
    static String inputs;

    @BeforeAll
    static void writeInputs() {
        data = new SyntheticCounts(5, 6, 40, 300, 10, 6.0);
        H5adWriter.write(data.reference, dir.resolve("reference.h5ad"));
        H5adWriter.write(data.slide, dir.resolve("slide.h5ad"));
        inputs = "reference: reference.h5ad\nslide: slide.h5ad\n";
    }

    @Test
    void mitochondrialFractionUsesTheConfiguredPrefixes() throws Exception {
        double[] fraction = new double[data.reference.nObs()];
        CsrMatrix x = data.reference.counts();
        for (int i = 0; i < fraction.length; i++) {
            float[] row = x.denseRow(i);
            double total = 0;
            for (float v : row) total += v;
            fraction[i] = (row[0] + row[1]) / total; // mt-Co1 and mt-Nd1 are the first two genes
        }
        double[] sorted = fraction.clone();
        Arrays.sort(sorted);
        double cut = sorted[fraction.length / 2];
        long above = Arrays.stream(fraction).filter(f -> f > cut).count();
        QcRunner.Outcome run = QcRunner.run(dir, inputs + "output_dir: mito\ncells:\n  max_mito_fraction: " + cut + "\n");
        assertEquals(0, run.exitCode(), run.stderr());
        JsonNode qc = new ObjectMapper().readTree(dir.resolve("mito/qc.json").toFile());
        assertEquals(2, qc.at("/reference/mito_genes").asInt());
        assertEquals(sorted[sorted.length - 1], qc.at("/reference/mito_fraction/before/max").asDouble(), 1e-12);
        assertEquals(above, qc.at("/reference/removed_by/max_mito_fraction").asLong());
        assertEquals(fraction.length - above, qc.at("/reference/cells_after").asLong());

        QcRunner.Outcome other = QcRunner.run(dir, inputs + "output_dir: prefixes\nmito_prefixes: [Gene000]\n");
        assertEquals(0, other.exitCode(), other.stderr());
        JsonNode qc2 = new ObjectMapper().readTree(dir.resolve("prefixes/qc.json").toFile());
        assertEquals(8, qc2.at("/reference/mito_genes").asInt(), "Gene0002..Gene0009");
    }

    @Test
    void topNAndHighlyVariableGenesShapeTheSelection() throws Exception {
        QcRunner.Outcome run = QcRunner.run(dir, inputs + "output_dir: topn\ngenes:\n  max_markers_per_type: 4\n  highly_variable: 5\n");
        assertEquals(0, run.exitCode(), run.stderr());
        List<String[]> rows = QcPdacTest.readTsv(dir.resolve("topn/genes.tsv"));
        Map<String, Integer> markerRows = new HashMap<>();
        int hvg = 0;
        for (String[] r : rows.subList(1, rows.size())) {
            if (r[4].contains("marker")) markerRows.merge(r[1], 1, Integer::sum);
            if (r[4].contains("highly_variable")) hvg++;
        }
        assertEquals(5, hvg);
        for (String type : data.markers.keySet()) {
            int n = markerRows.getOrDefault(type, 0);
            assertTrue(n >= 1 && n <= 4, type + " has " + n + " top markers");
        }
        for (String[] r : rows.subList(1, rows.size())) {
            if (r[4].equals("marker")) assertTrue(data.markers.get(r[1]).contains(r[0]), r[0] + " chosen for " + r[1] + " is not a planted marker");
        }
    }

    @Test
    void outputsOpenInAnndata() throws Exception {
        Path python = Prerequisites.pythonWithAnndata();
        QcRunner.Outcome run = QcRunner.run(dir, inputs + "output_dir: anndata\n");
        assertEquals(0, run.exitCode(), run.stderr());
        String script = "import anndata, sys\n"
                + "r = anndata.read_h5ad(sys.argv[1]); s = anndata.read_h5ad(sys.argv[2])\n"
                + "assert list(r.var_names) == list(s.var_names)\n"
                + "print(r.n_obs, r.n_vars, s.n_obs, s.obsm['spatial'].shape[1], ','.join(r.obs.columns), int(r.X.sum()))\n";
        Process p = new ProcessBuilder(python.toString(), "-c", script, dir.resolve("anndata/reference.h5ad").toString(),
                dir.resolve("anndata/slide.h5ad").toString()).redirectErrorStream(true).start();
        String outText = new String(p.getInputStream().readAllBytes()).trim();
        assertEquals(0, p.waitFor(), outText);
        ExpressionData ref = H5adReader.read(dir.resolve("anndata/reference.h5ad"));
        long sum = 0;
        for (float v : ref.counts().data()) sum += (long) v;
        assertEquals(ref.nObs() + " " + ref.nVars() + " " + data.slide.nObs() + " 2 cell_type " + sum, outText);
    }
}
