package org.stdeconv.data;

import org.junit.jupiter.api.Test;
import org.stdeconv.InputDataException;
import org.stdeconv.simulate.CellPool;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** A cell-type name with a TAB or line break, or named like one of infer's columns, is refused where it enters (qc's and simulate's reference, truth columns). */
class CellTypeNamesTest {
    private static ExpressionData data(ObsTable obs) {
        CsrMatrix counts = CsrMatrix.fromDense(new float[][]{{1, 2}, {3, 0}, {0, 4}}, 2);
        return new ExpressionData(counts, List.of("a", "b", "c"), List.of("g1", "g2"), obs, null, Map.of());
    }

    @Test
    void aReferenceLabelWithATabIsRefusedBySimulateNamingTypeAndFile() {
        ObsTable obs = new ObsTable(3);
        obs.putText("cell_type", new String[]{"T\tcell", "B", "B"});
        InputDataException e = assertThrows(InputDataException.class, () -> CellPool.of(data(obs), "cell_type", Path.of("ref.h5ad")));
        assertEquals(3, e.exitCode());
        assertTrue(e.getMessage().startsWith("ref.h5ad: obs/cell_type: cell type 'T\\tcell' holds a TAB"), e.getMessage());
        assertFalse(e.getMessage().contains("\t"));
    }

    @Test
    void aTypeNamedLikeOneOfInfersOwnColumnsIsRefused() {
        // "entropy" passed to infer, which then wrote two entropy columns and lost the type's in the annotated h5ad
        for (String reserved : List.of("entropy", "dominant_type", "x", "spot", org.stdeconv.infer.InferOutputs.DIFFICULTY)) {
            ObsTable obs = new ObsTable(3);
            obs.putText("cell_type", new String[]{reserved, "B", "B"});
            InputDataException e = assertThrows(InputDataException.class, () -> CellPool.of(data(obs), "cell_type", Path.of("ref.h5ad")));
            assertTrue(e.getMessage().startsWith("ref.h5ad: obs/cell_type: cell type '" + reserved + "' has the name of a column infer writes"), e.getMessage());
            InputDataException qc = assertThrows(InputDataException.class, () -> org.stdeconv.qc.CellTypeLabels.read(data(obs), "cell_type", Path.of("ref.h5ad")));
            assertEquals(e.getMessage(), qc.getMessage(), "qc refuses it before writing its per-type tables");
        }
        ObsTable fine = new ObsTable(3);
        fine.putText("cell_type", new String[]{"Entropy", "B", "xy"});
        assertEquals(List.of("B", "Entropy", "xy"), CellPool.of(data(fine), "cell_type", Path.of("ref.h5ad")).types());
    }

    @Test
    void qcRefusesALabelWithATabBeforeWritingItsTables() {
        ObsTable obs = new ObsTable(3);
        obs.putText("cell_type", new String[]{"T\tcell", "B", "B"});
        InputDataException e = assertThrows(InputDataException.class, () -> org.stdeconv.qc.CellTypeLabels.read(data(obs), "cell_type", Path.of("ref.h5ad")));
        assertTrue(e.getMessage().startsWith("ref.h5ad: obs/cell_type: cell type 'T\\tcell' holds a TAB"), e.getMessage());
    }

    @Test
    void aTruthColumnWithALineBreakIsRefusedByTrainAndEvaluate() {
        ObsTable obs = new ObsTable(3);
        obs.putNumeric("true_T\ncell", new double[]{0.5, 1, 0});
        obs.putNumeric("true_B", new double[]{0.5, 0, 1});
        InputDataException e = assertThrows(InputDataException.class, () -> ProportionTable.fromTruthColumns(data(obs), Path.of("spots.h5ad")));
        assertTrue(e.getMessage().contains("spots.h5ad") && e.getMessage().contains("'T\\ncell'"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void qcSimulateAndEvaluateReadLabelsByOneRule() {
        // simulate kept "Tcell " as a type beside "Tcell" (qc trimmed it), and took "NA" as a type whose spots infer
        // then marked dominant_type NA, the marker of a spot without one
        ObsTable obs = new ObsTable(7);
        obs.putText("cell_type", new String[]{"Tcell", " Tcell ", "NA", "None", "n/a", "B", "nan"});
        ExpressionData d = new ExpressionData(CsrMatrix.fromDense(new float[][]{{1, 2}, {3, 0}, {0, 4}, {1, 1}, {2, 2}, {5, 0}, {0, 1}}, 2),
                List.of("a", "b", "c", "d", "e", "f", "g"), List.of("g1", "g2"), obs, null, Map.of());
        String[] expected = {"Tcell", "Tcell", "", "", "", "B", ""};
        assertArrayEquals(expected, org.stdeconv.qc.CellTypeLabels.read(d, "cell_type", Path.of("ref.h5ad")));
        assertArrayEquals(expected, org.stdeconv.evaluate.ReferenceProfiles.labels(d, "cell_type", Path.of("ref.h5ad")));
        CellPool[] pool = new CellPool[1];
        String err = org.stdeconv.testing.StandardError.during(() -> pool[0] = CellPool.of(d, "cell_type", Path.of("ref.h5ad")));
        assertTrue(err.contains("WARNING: ref.h5ad: obs/cell_type: cells labelled 1 x 'NA', 1 x 'None', 1 x 'n/a', 1 x 'nan'"
                + " (missing-value markers, as pandas and R read them) are unlabelled and left out; rename the label if it is a cell type"), err);
        assertEquals(List.of("B", "Tcell"), pool[0].types());
        assertArrayEquals(new int[]{0, 1}, pool[0].cells(1));
    }

    @Test
    void aTruthColumnNamedLikeAMissingValueOrWithSpacesIsRefused() {
        for (String name : new String[]{"NA", "null", "Tcell "}) {
            ObsTable obs = new ObsTable(3);
            obs.putNumeric("true_" + name, new double[]{0.5, 1, 0});
            obs.putNumeric("true_B", new double[]{0.5, 0, 1});
            InputDataException e = assertThrows(InputDataException.class, () -> ProportionTable.fromTruthColumns(data(obs), Path.of("spots.h5ad")));
            assertTrue(e.getMessage().contains("cell type '" + name + "'"), e.getMessage());
            assertTrue(e.getMessage().endsWith(name.endsWith(" ") ? "remove the spaces or the quote from the name" : "rename the cell type"), e.getMessage());
        }
    }
}
