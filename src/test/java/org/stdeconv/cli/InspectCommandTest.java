package org.stdeconv.cli;

import org.junit.jupiter.api.Test;
import org.stdeconv.data.CsrMatrix;
import org.stdeconv.data.ExpressionData;
import org.stdeconv.data.ObsTable;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class InspectCommandTest {
    @Test
    void rangesAreThoseOfTheFiniteValuesWithTheOthersCounted() {
        // a spot without a position (NaN, as convert stores it with a warning) made every range print NaN..NaN
        ObsTable obs = new ObsTable(3);
        obs.putNumeric("depth", new double[]{1, Double.NaN, 5});
        ExpressionData d = new ExpressionData(CsrMatrix.fromDense(new float[][]{{1, 0}, {0, 2}, {3, 4}}, 2), List.of("s1", "s2", "s3"), List.of("G1", "G2"),
                obs, new double[][]{{0, 1}, {Double.NaN, 7}, {9, 3}}, Map.of());
        String report = InspectCommand.report(Path.of("slide.h5ad"), d);
        assertTrue(report.contains("coordinates: x 0.000..9.000, y 1.000..3.000, 1 not finite\n"), report);
        assertTrue(report.contains("  depth (numeric, min 1.000, mean 3.000, max 5.000, 1 not finite)\n"), report);
        ExpressionData unplaced = new ExpressionData(d.counts(), d.obsNames(), d.varNames(), null, new double[][]{{Double.NaN, 0}, {Double.NaN, 0}, {Double.NaN, 0}}, Map.of());
        assertTrue(InspectCommand.report(Path.of("slide.h5ad"), unplaced).contains("coordinates: none finite, 3 not finite\n"));
    }
}
