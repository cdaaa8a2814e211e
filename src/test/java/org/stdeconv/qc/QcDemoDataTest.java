package org.stdeconv.qc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stdeconv.data.ExpressionData;
import org.stdeconv.demo.DemoData;
import org.stdeconv.io.h5ad.H5adReader;
import org.stdeconv.io.h5ad.H5adWriter;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** qc on the demo data through the CLI: every known marker of every synthetic type is selected for that type. */
class QcDemoDataTest {
    @TempDir
    Path dir;

    @Test
    void everyKnownMarkerIsSelectedForItsType() throws Exception {
        DemoData demo = DemoData.generate(42);
        H5adWriter.write(demo.reference(), dir.resolve("reference.h5ad"));
        H5adWriter.write(demo.slide(), dir.resolve("slide.h5ad"));
        QcRunner.Outcome run = QcRunner.run(dir, "reference: reference.h5ad\nslide: slide.h5ad\noutput_dir: qc\n");
        assertEquals(0, run.exitCode(), run.stderr());

        List<String[]> rows = QcPdacTest.readTsv(dir.resolve("qc/genes.tsv"));
        Map<String, String[]> byGene = new HashMap<>();
        for (String[] r : rows.subList(1, rows.size())) byGene.put(r[0], r);
        demo.markers().forEach((type, genes) -> {
            for (String g : genes) {
                String[] r = byGene.get(g);
                assertNotNull(r, g + " (marker of " + type + ") was not selected");
                assertEquals(type, r[1], g);
                assertTrue(Double.parseDouble(r[2]) > 1, g + " log2 fold change " + r[2]);
                assertTrue(Double.parseDouble(r[3]) < 0.01, g + " q " + r[3]);
            }
        });

        JsonNode qc = new ObjectMapper().readTree(dir.resolve("qc/qc.json").toFile());
        assertEquals(5, qc.at("/reference/mito_genes").asInt(), "the demo's MT- genes match the default prefixes");
        assertEquals(demo.reference().nObs(), qc.at("/reference/cells_before").asInt());
        assertEquals(demo.reference().nVars(), qc.at("/genes/shared").asInt(), "demo reference and slide share every gene");
        assertEquals(DemoData.TYPES.size(), qc.at("/cell_types/after").asInt());
        ExpressionData slide = H5adReader.read(dir.resolve("qc/slide.h5ad"));
        for (String t : DemoData.TYPES) assertTrue(slide.obs().has("true_" + t), "truth columns survive qc: true_" + t);
    }
}
