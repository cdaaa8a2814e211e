package org.stdeconv.evaluate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stdeconv.ConfigException;
import org.stdeconv.data.CsrMatrix;
import org.stdeconv.data.ExpressionData;
import org.stdeconv.data.ObsTable;
import org.stdeconv.io.h5ad.H5adWriter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** evaluate's markers.genes: known marker genes per type scored against the predictions, with no reference. */
class GivenMarkersTest {
    @TempDir
    Path dir;

    /** 6 spots: the B-cell markers rise with B's predicted proportion, the T-cell marker falls with it. */
    private EvaluateConfig config() throws Exception {
        float[][] counts = new float[6][];
        StringBuilder pred = new StringBuilder("spot\tB\tT\n");
        for (int i = 0; i < 6; i++) {
            counts[i] = new float[]{1 + 2 * i, i, 12 - 2 * i, 20};
            pred.append("s").append(i).append('\t').append(i / 5.0).append('\t').append(1 - i / 5.0).append('\n');
        }
        ExpressionData slide = new ExpressionData(CsrMatrix.fromDense(counts, 4), List.of("s0", "s1", "s2", "s3", "s4", "s5"),
                List.of("MS4A1", "CR2", "CD3E", "ACTB"), new ObsTable(6), null, Map.of());
        EvaluateConfig c = new EvaluateConfig();
        c.slide = dir.resolve("slide.h5ad").toString();
        H5adWriter.write(slide, Path.of(c.slide));
        c.predictions = Files.writeString(dir.resolve("proportions.tsv"), pred.toString()).toString();
        return c;
    }

    @Test
    void givenMarkersAreScoredWithoutAReference() throws Exception {
        EvaluateConfig c = config();
        c.markers.genes = Map.of("B", List.of("MS4A1", "CR2", "PAX5"), "T", List.of("CD3E"));
        Evaluation e = Evaluator.run(c);
        Map<String, Double> r = e.primary().markerCorrelation();
        assertTrue(r.get("B") > 0.8, "B follows MS4A1/CR2: " + r);
        assertTrue(r.get("T") > 0.9, "T follows CD3E: " + r);
        assertEquals(List.of("MS4A1", "CR2"), e.markers().get("B"), "PAX5 is not in the slide");
        assertTrue(e.markerSource().startsWith("given in the config for"), e.markerSource());

        c.markers.genes = Map.of("B", List.of("CD3E"));
        assertTrue(Evaluator.run(c).primary().markerCorrelation().get("B") < -0.9, "the wrong markers anti-correlate");
    }

    @Test
    void anUnknownTypeOrNoGeneOfTheSlideIsOneLine() throws Exception {
        EvaluateConfig c = config();
        c.markers.genes = Map.of("Plasma", List.of("MZB1"));
        ConfigException type = assertThrows(ConfigException.class, () -> Evaluator.run(c));
        assertTrue(type.getMessage().contains("markers.genes.Plasma: is not a predicted cell type (predicted: B, T)"), type.getMessage());
        c.markers.genes = Map.of("B", List.of("ENSG00000156738"));
        ConfigException genes = assertThrows(ConfigException.class, () -> Evaluator.run(c));
        assertTrue(genes.getMessage().contains("markers.genes.B: none of [ENSG00000156738] is a gene of the slide"), genes.getMessage());
    }
}
