package org.stdeconv.evaluate;

import org.junit.jupiter.api.Test;
import org.stdeconv.InputDataException;
import org.stdeconv.data.CsrMatrix;
import org.stdeconv.data.ExpressionData;
import org.stdeconv.data.InputTransform;
import org.stdeconv.data.ObsTable;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reference profiles, the NNLS baseline and marker selection on a reference small enough to check by hand. */
class ReferenceBaselineTest {
    static final List<String> GENES = List.of("gA", "gB", "gC", "house");
    // two cells per type; type means: A (10, 0, 0, 5), B (0, 10, 0, 5), C (1, 0, 9, 5)
    static final float[][] CELLS = {{12, 0, 0, 5}, {8, 0, 0, 5}, {0, 11, 0, 4}, {0, 9, 0, 6}, {1, 0, 9, 5}, {1, 0, 9, 5}};
    static final String[] LABELS = {"A", "A", "B", "B", "C", "C"};

    static ExpressionData reference() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < CELLS.length; i++) names.add("cell" + i);
        ObsTable obs = new ObsTable(CELLS.length).putText("cell_type", LABELS.clone());
        return new ExpressionData(CsrMatrix.fromDense(CELLS, GENES.size()), names, GENES, obs, null, Map.of());
    }

    @Test
    void profilesAreTypeMeansOfTheTransformedCells() {
        InputTransform scale = new InputTransform();
        scale.kind = InputTransform.Kind.GLOBAL_MAX;
        scale.globalMax = 2;
        ReferenceProfiles p = ReferenceProfiles.of(reference(), LABELS, GENES, scale);
        assertEquals(List.of("A", "B", "C"), p.types());
        assertArrayEquals(new double[]{5, 0, 0, 2.5}, p.mean()[0], 1e-6);
        assertArrayEquals(new double[]{0.5, 0, 4.5, 2.5}, p.mean()[2], 1e-6);
        assertArrayEquals(new int[]{2, 2, 2}, p.cells());
        // gene gA outside type A: B has 0, C has 1 / 2
        assertEquals(0.5, p.maxOfOthers(0, 0), 1e-6);
        assertEquals(5, p.maxOfOthers(2, 0), 1e-6);
    }

    @Test
    void linearBaselineRecoversAnExactMixture() {
        InputTransform linear = InputTransform.globalMax(CsrMatrix.fromDense(CELLS, GENES.size()));
        ReferenceProfiles p = ReferenceProfiles.of(reference(), LABELS, GENES, linear);
        // 0.5 A + 0.3 B + 0.2 C of the type means, scaled by 4 (a spot holds several cells): the scale cancels
        float[] spot = new float[4];
        double[][] means = {{10, 0, 0, 5}, {0, 10, 0, 5}, {1, 0, 9, 5}};
        double[] w = {0.5, 0.3, 0.2};
        for (int t = 0; t < 3; t++) for (int j = 0; j < 4; j++) spot[j] += (float) (4 * w[t] * means[t][j]);
        double[][] out = new NnlsBaseline(p).deconvolve(CsrMatrix.fromDense(new float[][]{spot}, 4), linear);
        assertArrayEquals(w, out[0], 1e-5);
    }

    @Test
    void logBaselineGivesAPureSpotItsType() {
        InputTransform log = InputTransform.log1pCp10k();
        // all B cells identical here so that the B profile equals the transform of any B-like spot
        float[][] cells = CELLS.clone();
        cells[2] = new float[]{0, 10, 0, 5};
        cells[3] = new float[]{0, 10, 0, 5};
        List<String> names = List.of("c0", "c1", "c2", "c3", "c4", "c5");
        ExpressionData ref = new ExpressionData(CsrMatrix.fromDense(cells, 4), names, GENES, new ObsTable(6).putText("cell_type", LABELS.clone()), null, Map.of());
        ReferenceProfiles p = ReferenceProfiles.of(ref, LABELS, GENES, log);
        double[][] out = new NnlsBaseline(p).deconvolve(CsrMatrix.fromDense(new float[][]{{0, 30, 0, 15}}, 4), log);
        assertArrayEquals(new double[]{0, 1, 0}, out[0], 1e-6);
    }

    @Test
    void spotWithoutSharedExpressionGetsEqualShares() {
        InputTransform log = InputTransform.log1pCp10k();
        ReferenceProfiles p = ReferenceProfiles.of(reference(), LABELS, GENES, log);
        double[][] out = new NnlsBaseline(p).deconvolve(CsrMatrix.fromDense(new float[][]{{0, 0, 0, 0}}, 4), log);
        assertArrayEquals(new double[]{1.0 / 3, 1.0 / 3, 1.0 / 3}, out[0], 1e-12);
    }

    @Test
    void markersAreTheGenesAboveEveryOtherType() {
        ReferenceProfiles p = ReferenceProfiles.of(reference(), LABELS, GENES, InputTransform.log1pCp10k());
        Map<String, List<String>> markers = ReferenceMarkers.select(p, 5, 0.5);
        assertEquals(List.of("gA"), markers.get("A"));
        assertEquals(List.of("gB"), markers.get("B"));
        // gA is expressed in C too, but far less than in A: not a marker of C
        assertEquals(List.of("gC"), markers.get("C"));
        // a threshold above every fold change leaves a type without markers rather than failing
        assertTrue(ReferenceMarkers.select(p, 5, 100).get("A").isEmpty());
    }

    @Test
    void markerScoreIsTheMeanLogExpressionOfTheMarkers() {
        CsrMatrix spots = CsrMatrix.fromDense(new float[][]{{10, 0, 0, 10}, {5, 5, 0, 10}, {0, 10, 0, 10}}, 4);
        Map<String, double[]> s = MarkerAgreement.scores(spots, GENES, Map.of("A", List.of("gA", "house"), "B", List.of("missing")));
        // spot 1: total 20, gA 10 and house 10 -> both log1p(5000)
        assertEquals(Math.log1p(5000), s.get("A")[0], 1e-9);
        assertEquals((Math.log1p(2500) + Math.log1p(5000)) / 2, s.get("A")[1], 1e-9);
        assertEquals(Math.log1p(5000) / 2, s.get("A")[2], 1e-9);
        assertTrue(Double.isNaN(s.get("B")[0]), "a type whose markers are all absent has no score");
    }

    @Test
    void agreementIsThePearsonCorrelationOfProportionAndScore() {
        // two spots: any two distinct pairs correlate exactly +1 or -1
        Map<String, double[]> scores = Map.of("A", new double[]{2.0, 1.0}, "B", new double[]{Double.NaN, Double.NaN}, "C", new double[]{1.0, 3.0});
        Map<String, Double> r = MarkerAgreement.correlations(new double[][]{{1, 0, 0.2}, {0, 1, 0.9}}, List.of("A", "B", "C"), scores);
        assertEquals(1.0, r.get("A"), 1e-12);
        assertTrue(Double.isNaN(r.get("B")));
        assertEquals(1.0, r.get("C"), 1e-12);
        Map<String, Double> flipped = MarkerAgreement.correlations(new double[][]{{0, 0, 0.9}, {1, 1, 0.2}}, List.of("A", "B", "C"), scores);
        assertEquals(-1.0, flipped.get("A"), 1e-12);
        assertEquals(-1.0, MarkerAgreement.mean(flipped), 1e-12);
    }

    @Test
    void missingCellTypeColumnNamesTheColumnsThatExist() {
        InputDataException e = assertThrows(InputDataException.class, () -> ReferenceProfiles.labels(reference(), "celltype", Path.of("ref.h5ad")));
        assertTrue(e.getMessage().contains("celltype") && e.getMessage().contains("cell_type"), e.getMessage());
    }

    @Test
    void predictedTypeMissingFromTheReferenceListsBothSets() {
        List<String> notes = new ArrayList<>();
        InputDataException e = assertThrows(InputDataException.class,
                () -> Evaluator.restrictToPredicted(LABELS, List.of("A", "D"), Path.of("ref.h5ad"), Path.of("p.tsv"), notes));
        assertTrue(e.getMessage().contains("[A, B, C]") && e.getMessage().contains("[A, D]"), e.getMessage());
        String[] kept = Evaluator.restrictToPredicted(LABELS, List.of("A", "C"), Path.of("ref.h5ad"), Path.of("p.tsv"), notes);
        assertArrayEquals(new String[]{"A", "A", null, null, "C", "C"}, kept);
        assertTrue(notes.get(0).contains("B"), notes.toString());
    }
}
