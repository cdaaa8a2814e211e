package org.stdeconv.evaluate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stdeconv.InputDataException;
import org.stdeconv.data.CsrMatrix;
import org.stdeconv.data.ExpressionData;
import org.stdeconv.data.ObsTable;
import org.stdeconv.data.ProportionTable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EvaluationInputsTest {
    @TempDir
    Path dir;

    private EvaluateConfig config(String predictions, String truth) throws Exception {
        EvaluateConfig c = new EvaluateConfig();
        c.predictions = Files.writeString(dir.resolve("proportions.tsv"), predictions).toString();
        c.truth = Files.writeString(dir.resolve("truth.tsv"), truth).toString();
        return c;
    }

    @Test
    void spotsInferLeftNaNAreLeftOutOfTheEvaluation() throws Exception {
        EvaluationInputs in = EvaluationInputs.load(config(
                "spot\tA\tB\tdominant_type\tentropy\ns1\t0.2\t0.8\tB\t0.5\ns2\tNaN\tNaN\tNA\tNaN\ns3\t1\t0\tA\t0\n",
                "spot\tA\tB\ns1\t0.25\t0.75\ns2\t0.5\t0.5\ns3\t1\t0\n"));
        assertEquals(List.of("s1", "s3"), in.predictions().spots());
        assertEquals(List.of("s1", "s3"), in.truth().spots());
        assertArrayEquals(new double[]{0.25, 0.75}, in.truth().values()[0], 0);
    }

    @Test
    void unplacedSpotsAreLeftOffTheSpatialPartsWhichNeedTwoPlacedOnes() throws Exception {
        String head = "spot\tx\ty\tA\tB\tdominant_type\tentropy\n";
        String truth = "spot\tA\tB\ns1\t0.25\t0.75\ns2\t0.5\t0.5\ns3\t1\t0\n";
        EvaluationInputs in = EvaluationInputs.load(config(head + "s1\t0\t0\t0.2\t0.8\tB\t0.5\ns2\tNaN\tNaN\t0.5\t0.5\tA\t0.7\ns3\t1\t0\t1\t0\tA\t0\n", truth));
        assertEquals(3, in.size(), "the unplaced spot keeps its proportions");
        assertArrayEquals(new int[]{0, 2}, in.placedRows());
        assertArrayEquals(new double[]{1, 0}, in.placed(in.predictions().values())[1], 0);
        assertTrue(Double.isNaN(in.xy()[1][0]), "its coordinates stay NaN for spots.tsv");
        in = EvaluationInputs.load(config(head + "s1\t0\t0\t0.2\t0.8\tB\t0.5\ns2\tNaN\tNaN\t0.5\t0.5\tA\t0.7\ns3\tNaN\t0\t1\t0\tA\t0\n", truth));
        assertFalse(in.spatial(), "one placed spot: no Moran's I, no maps");
        assertEquals(3, in.xy().length);
    }

    @Test
    void aPartlyNaNRowIsRefused() throws Exception {
        EvaluateConfig c = config("spot\tA\tB\ns1\t0.2\tNaN\n", "spot\tA\tB\ns1\t0.25\t0.75\n");
        InputDataException e = assertThrows(InputDataException.class, () -> EvaluationInputs.load(c));
        assertTrue(e.getMessage().contains("invalid proportion NaN at spot s1"), e.getMessage());
    }

    @Test
    void aSpotTheTruthListsTwiceIsRefusedNotLeftOut() throws Exception {
        EvaluateConfig c = config("spot\tA\tB\ns1\t0.2\t0.8\ns2\t0.5\t0.5\n", "spot\tA\tB\ns1\t0.2\t0.8\ns2\t0.5\t0.5\ns1\t1\t0\n");
        InputDataException e = assertThrows(InputDataException.class, () -> EvaluationInputs.load(c));
        assertTrue(e.getMessage().startsWith(c.truth + ": spot: duplicate spot 's1'"), e.getMessage());
    }

    @Test
    void truthThatDoesNotSumToOneIsRefusedNamingTheSpots() throws Exception {
        EvaluateConfig c = config("spot\tA\tB\ns1\t0.2\t0.8\ns2\t0.5\t0.5\ns3\t1\t0\n",
                "spot\tA\tB\ns1\t0.333\t0.666\ns2\t1\t0.5\ns3\t3\t7\n");
        InputDataException e = assertThrows(InputDataException.class, () -> EvaluationInputs.load(c));
        assertTrue(e.getMessage().startsWith(c.truth + ": true proportions: 2 of 3 spots"), e.getMessage());
        assertTrue(e.getMessage().contains("s2 sums to 1.500") && e.getMessage().contains("s3 sums to 10.00") && !e.getMessage().contains("s1"), e.getMessage());
    }

    @Test
    void truthColumnsOfAnH5adAreCheckedTheSameWay() {
        ObsTable obs = new ObsTable(2).putNumeric("true_A", new double[]{0.5, 1}).putNumeric("true_B", new double[]{0.5, 0.5});
        ExpressionData d = new ExpressionData(CsrMatrix.fromDense(new float[2][1], 1), List.of("a", "b"), List.of("g"), obs, null, Map.of());
        InputDataException e = assertThrows(InputDataException.class, () -> ProportionTable.fromTruthColumns(d, Path.of("sim.h5ad")));
        assertTrue(e.getMessage().startsWith("sim.h5ad: obs/true_<type>: 1 of 2 spots") && e.getMessage().contains("b sums to 1.500"), e.getMessage());
    }
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
        assertArrayEquals(new String[]{"GCL", null, null, "MCL"}, RegionLabels.labels(d, "region", none));
        assertArrayEquals(new String[]{"1", "2", null, "3"}, RegionLabels.labels(d, "layer", none));
        assertEquals("region", RegionLabels.column(d, null));
        assertEquals("layer", RegionLabels.column(d, "layer"));
        // MOB-style slide: only a layer column -> used without configuration
        ObsTable layerOnly = new ObsTable(4).putText("layer", new String[]{"GCL", "MCL", "GCL", "ONL"});
        ExpressionData mob = new ExpressionData(CsrMatrix.fromDense(new float[4][1], 1), List.of("a", "b", "c", "d"), List.of("g"), layerOnly, null, Map.of());
        assertEquals("layer", RegionLabels.column(mob, null));
        assertEquals(null, RegionLabels.column(mob, "region"));
    }

    @Test
    void aRegionLabelWithATabOrLineBreakIsRefusedNamingTheFile() {
        // region_means.tsv got rows of 10 and 2 fields under a header of 9, with exit 0
        for (String bad : List.of("Cancer\tcore", "Str\noma")) {
            ObsTable obs = new ObsTable(2).putText("region", new String[]{bad, "Duct"});
            ExpressionData d = new ExpressionData(CsrMatrix.fromDense(new float[2][1], 1), List.of("a", "b"), List.of("g"), obs, null, Map.of());
            InputDataException e = assertThrows(InputDataException.class, () -> RegionLabels.read(d, "region", List.of(), Path.of("slide.h5ad")));
            assertEquals("slide.h5ad: obs/region: label '" + bad.replace("\t", "\\t").replace("\n", "\\n")
                    + "' holds a TAB or line break, which would break region_means.tsv; rename the region", e.getMessage());
        }
    }

    @Test
    void aMethodNameThatWouldBreakOrDoubleAnOutputColumnIsAConfigError() {
        // it heads columns of metrics.tsv (beside metric, cell_type) and spots.tsv (NAME_dominant beside true_dominant)
        for (String bad : List.of("my\tmethod", "a\nb", " padded", "metric", "cell_type", "true")) {
            EvaluateConfig c = new EvaluateConfig();
            c.methodName = bad;
            org.stdeconv.ConfigException e = assertThrows(org.stdeconv.ConfigException.class, () -> c.validate("evaluate.yaml"));
            assertTrue(e.getMessage().startsWith("evaluate.yaml: method_name: '"), e.getMessage());
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        }
        EvaluateConfig fine = new EvaluateConfig();
        fine.methodName = "stdeconv v2";
        fine.validate("evaluate.yaml");
    }
}
