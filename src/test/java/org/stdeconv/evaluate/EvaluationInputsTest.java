package org.stdeconv.evaluate;

import org.junit.jupiter.api.Test;
import org.stdeconv.InputDataException;
import org.stdeconv.data.CsrMatrix;
import org.stdeconv.data.ExpressionData;
import org.stdeconv.data.ObsTable;
import org.stdeconv.data.ProportionTable;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EvaluationInputsTest {
    private static ExpressionData annotated(Map<String, String> uns) {
        ObsTable obs = new ObsTable(2)
                .putNumeric("stdeconv_A", new double[]{0.25, 1})
                .putNumeric("stdeconv_B", new double[]{0.75, 0})
                .putText("stdeconv_dominant_type", new String[]{"B", "A"})
                .putNumeric("stdeconv_entropy", new double[]{0.56, 0})
                .putNumeric("n_counts", new double[]{10, 12});
        return new ExpressionData(CsrMatrix.fromDense(new float[][]{{1}, {2}}, 1), List.of("s1", "s2"), List.of("g"), obs, null, uns);
    }

    @Test
    void predictionsFromInfersAnnotatedH5ad() {
        ProportionTable t = EvaluationInputs.fromPrefixedColumns(annotated(Map.of("stdeconv_cell_types", "B\tA")), "stdeconv_", Path.of("a.h5ad"));
        assertEquals(List.of("B", "A"), t.types());
        assertArrayEquals(new double[]{0.75, 0.25}, t.values()[0], 0);
        // without the uns list: prefixed numeric columns, entropy is not a cell type
        ProportionTable u = EvaluationInputs.fromPrefixedColumns(annotated(Map.of()), "stdeconv_", Path.of("a.h5ad"));
        assertEquals(List.of("A", "B"), u.types());
    }

    @Test
    void noPredictionColumnsListsWhatIsThere() {
        InputDataException e = assertThrows(InputDataException.class,
                () -> EvaluationInputs.fromPrefixedColumns(annotated(Map.of()), "pred_", Path.of("a.h5ad")));
        assertTrue(e.getMessage().contains("pred_<type>") && e.getMessage().contains("n_counts"), e.getMessage());
    }

    @Test
    void regionLabelsDropUnannotatedValuesAndFormatNumbers() {
        ObsTable obs = new ObsTable(4).putText("region", new String[]{"GCL", " unannotated", "NA", "MCL "}).putNumeric("layer", new double[]{1, 2, Double.NaN, 3});
        ExpressionData d = new ExpressionData(CsrMatrix.fromDense(new float[4][1], 1), List.of("a", "b", "c", "d"), List.of("g"), obs, null, Map.of());
        List<String> none = List.of("", "unannotated", "NA", "nan");
        assertArrayEquals(new String[]{"GCL", null, null, "MCL"}, EvaluationInputs.labels(d, "region", none));
        assertArrayEquals(new String[]{"1", "2", null, "3"}, EvaluationInputs.labels(d, "layer", none));
        assertEquals("region", EvaluationInputs.regionColumn(d, null));
        assertEquals("layer", EvaluationInputs.regionColumn(d, "layer"));
        // MOB-style slide: only a layer column -> used without configuration
        ObsTable layerOnly = new ObsTable(4).putText("layer", new String[]{"GCL", "MCL", "GCL", "ONL"});
        ExpressionData mob = new ExpressionData(CsrMatrix.fromDense(new float[4][1], 1), List.of("a", "b", "c", "d"), List.of("g"), layerOnly, null, Map.of());
        assertEquals("layer", EvaluationInputs.regionColumn(mob, null));
        assertEquals(null, EvaluationInputs.regionColumn(mob, "region"));
    }
}
