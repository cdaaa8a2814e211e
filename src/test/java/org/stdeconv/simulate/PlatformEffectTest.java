package org.stdeconv.simulate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stdeconv.InputDataException;
import org.stdeconv.data.CsrMatrix;
import org.stdeconv.data.ExpressionData;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlatformEffectTest {
    private static final List<String> TYPES = List.of("A", "B", "C");
    private static final int GENES = 60;
    private static final Path SLIDE = Path.of("slide.h5ad");

    /** A slide of spots that each sum 20 cells drawn from the reference's types in the mix 0.5 / 0.3 / 0.2, gene g's counts times {@code factor[g]}. */
    private static ExpressionData slideOf(ExpressionData reference, CellPool pool, double[] factor, List<String> genes, long seed) {
        Random r = new Random(seed);
        double[] mix = {0.5, 0.3, 0.2};
        CsrMatrix.Builder b = new CsrMatrix.Builder(genes.size());
        List<String> names = new ArrayList<>();
        for (int s = 0; s < 300; s++) {
            float[] spot = new float[genes.size()];
            for (int c = 0; c < 20; c++) {
                double u = r.nextDouble();
                int t = u < mix[0] ? 0 : u < mix[0] + mix[1] ? 1 : 2;
                int cell = pool.cells(t)[r.nextInt(pool.size(t))];
                float[] row = reference.counts().denseRow(cell);
                for (int g = 0; g < genes.size(); g++) {
                    int ref = reference.varNames().indexOf(genes.get(g));
                    double expected = row[ref] * factor[ref];
                    spot[g] += (float) (Math.floor(expected) + (r.nextDouble() < expected - Math.floor(expected) ? 1 : 0));
                }
            }
            b.addDenseRow(spot);
            names.add("s" + s);
        }
        return new ExpressionData(b.build(), names, genes, null, null, null);
    }

    private static ExpressionData reference() {
        return SyntheticData.reference(TYPES, 200, GENES, 5);
    }

    /** Factors 1, except genes 20-29 (x3) and, when {@code down}, genes 30-39 (x1/3). */
    private static double[] trueFactors(boolean down) {
        double[] truth = new double[GENES];
        Arrays.fill(truth, 1);
        for (int g = 20; g < 30; g++) truth[g] = 3;
        if (down) for (int g = 30; g < 40; g++) truth[g] = 1 / 3.0;
        return truth;
    }

    @ParameterizedTest(name = "composition fitted spot by spot: {0}")
    @ValueSource(booleans = {false, true})
    void recoversGenesTheSlideMeasuresMoreOrLessOfThanTheReference(boolean spotBySpot) {
        ExpressionData reference = reference();
        CellPool pool = CellPool.of(reference, "cell_type", Path.of("ref.h5ad"));
        double[] truth = trueFactors(true);
        PlatformEffect effect = PlatformEffect.estimate(reference, pool, slideOf(reference, pool, truth, reference.varNames(), 9), SLIDE, spotBySpot);
        double[] f = effect.factors();
        for (int g = 0; g < GENES; g++) {
            assertTrue(f[g] > truth[g] / 1.3 && f[g] < truth[g] * 1.3, "gene " + g + ": factor " + f[g] + ", true " + truth[g]);
        }
        double[] composition = effect.composition();
        assertEquals(1, Arrays.stream(composition).sum(), 1e-9);
        assertTrue(composition[0] > composition[1] && composition[1] > composition[2], Arrays.toString(composition));
        assertTrue(effect.medianAbsLog2() < 0.2, "most genes are unchanged: " + effect.medianAbsLog2());
    }

    @Test
    void aSlideOfTheReferencesOwnCellsNeedsNoCorrectionAndGenesItLacksKeepOne() {
        ExpressionData reference = reference();
        CellPool pool = CellPool.of(reference, "cell_type", Path.of("ref.h5ad"));
        double[] ones = new double[GENES];
        Arrays.fill(ones, 1);
        List<String> fewer = reference.varNames().subList(0, 50);
        double[] f = PlatformEffect.estimate(reference, pool, slideOf(reference, pool, ones, fewer, 3), SLIDE, false).factors();
        for (int g = 0; g < 50; g++) assertTrue(f[g] > 0.8 && f[g] < 1.25, "gene " + g + ": " + f[g]);
        for (int g = 50; g < GENES; g++) assertEquals(1, f[g], "a gene the slide lacks");
    }

    @Test
    void scaledCountsStayWholeAndFollowTheFactorsAndTheSeed() {
        ExpressionData reference = reference();
        CellPool pool = CellPool.of(reference, "cell_type", Path.of("ref.h5ad"));
        PlatformEffect effect = PlatformEffect.estimate(reference, pool, slideOf(reference, pool, trueFactors(false), reference.varNames(), 9), SLIDE, false);
        CsrMatrix scaled = effect.applyTo(reference.counts(), 11);
        for (float v : scaled.data()) assertTrue(v > 0 && v == Math.rint(v), "whole counts, zeros dropped: " + v);
        assertArrayEquals(scaled.data(), effect.applyTo(reference.counts(), 11).data());
        double[] f = effect.factors();
        double[] before = columnSums(reference.counts()), after = columnSums(scaled);
        for (int g = 0; g < GENES; g++) {
            assertEquals(before[g] * f[g], after[g], 4 * Math.sqrt(before[g]) + 1, "gene " + g);
        }
    }

    @Test
    void aSlideWithoutSharedGenesIsANamedError() {
        ExpressionData reference = reference();
        CellPool pool = CellPool.of(reference, "cell_type", Path.of("ref.h5ad"));
        CsrMatrix one = CsrMatrix.fromDense(new float[][] {{3f}}, 1);
        ExpressionData slide = new ExpressionData(one, List.of("s0"), List.of("OTHER"), null, null, null);
        InputDataException e = assertThrows(InputDataException.class, () -> PlatformEffect.estimate(reference, pool, slide, SLIDE, false));
        assertTrue(e.getMessage().contains("slide.h5ad") && e.getMessage().contains("no gene in common"), e.getMessage());
    }

    /**
     * Types B and C share most of their genes and differ in three each (15-17 B's, 18-20 C's), and the slide's platform
     * measures B's own genes at a third and C's at three times: the pooled counts then look like more C and less B
     * (a gene-wise effect and a composition change are the same thing in a bulk), while the slide's spots, each of
     * one type, still tell B from C by everything else they hold.
     */
    @Test
    void aSpotBySpotFitKeepsAlikeTypesApartWhereThePooledFitMistakesThePlatformForComposition() {
        ExpressionData reference = alikeTypesReference();
        CellPool pool = CellPool.of(reference, "cell_type", Path.of("ref.h5ad"));
        double[] truth = new double[GENES];
        Arrays.fill(truth, 1);
        for (int g = 15; g < 18; g++) truth[g] = 1 / 3.0;
        for (int g = 18; g < 21; g++) truth[g] = 3;
        ExpressionData slide = pureSpotSlide(reference, pool, truth, 5);
        double[] cells = {0.5, 0.3, 0.2}, depth = new double[3], expected = new double[3];
        CsrMatrix counts = reference.counts();
        for (int t = 0; t < 3; t++) {
            for (int cell : pool.cells(t)) for (int k = counts.rowStart(cell); k < counts.rowEnd(cell); k++) depth[t] += counts.data()[k];
            expected[t] = cells[t] * depth[t] / pool.size(t);
        }
        double total = Arrays.stream(expected).sum();
        for (int t = 0; t < 3; t++) expected[t] /= total;

        PlatformEffect pooled = PlatformEffect.estimate(reference, pool, slide, SLIDE, false);
        PlatformEffect spots = PlatformEffect.estimate(reference, pool, slide, SLIDE, true);
        double pooledError = distance(pooled.composition(), expected), spotsError = distance(spots.composition(), expected);
        assertTrue(spotsError < 0.1 && pooledError > 4 * spotsError,
                "composition error spot by spot " + spotsError + " " + Arrays.toString(spots.composition()) + ", pooled " + pooledError
                        + " " + Arrays.toString(pooled.composition()) + ", true " + Arrays.toString(expected));
        assertTrue(logError(spots.factors(), truth) < logError(pooled.factors(), truth) / 2,
                "factor error spot by spot " + logError(spots.factors(), truth) + ", pooled " + logError(pooled.factors(), truth));
    }

    /** A slide of more than {@link SlideComposition#MAX_SPOTS} spots is fitted on every n-th spot, n = spots / MAX_SPOTS. */
    @Test
    void aLargeSlideIsFittedOnEvenlySpacedSpots() {
        ExpressionData reference = reference();
        CellPool pool = CellPool.of(reference, "cell_type", Path.of("ref.h5ad"));
        CsrMatrix.Builder large = new CsrMatrix.Builder(GENES), every3rd = new CsrMatrix.Builder(GENES);
        Random r = new Random(17);
        for (int spot = 0; spot < 3 * SlideComposition.MAX_SPOTS; spot++) {
            float[] row = reference.counts().denseRow(r.nextInt(reference.nObs()));
            large.addDenseRow(row);
            if (spot % 3 == 0) every3rd.addDenseRow(row);
        }
        int[] identity = new int[GENES];
        for (int g = 0; g < GENES; g++) identity[g] = g;
        double[][] profiles = new double[GENES][3];
        double[] weights = new double[GENES];
        for (int g = 0; g < GENES; g++) {
            weights[g] = 1 + g % 4;
            for (int t = 0; t < 3; t++) {
                for (int cell : pool.cells(t)) profiles[g][t] += reference.counts().denseRow(cell)[g];
            }
        }
        for (int t = 0; t < 3; t++) {
            double sum = 0;
            for (double[] row : profiles) sum += row[t];
            for (double[] row : profiles) row[t] /= sum;
        }
        assertArrayEquals(SlideComposition.fitSpots(every3rd.build(), identity, profiles, weights),
                SlideComposition.fitSpots(large.build(), identity, profiles, weights));
    }

    /** A reference of A (markers 0-4), B and C (both high on 5-14; B alone on 15-17, C alone on 18-20), 200 cells each. */
    private static ExpressionData alikeTypesReference() {
        return SyntheticData.reference(TYPES, 200, GENES, 13,
                (t, g) -> t == 0 ? g < 5 : (g >= 5 && g < 15) || (t == 1 ? g >= 15 && g < 18 : g >= 18 && g < 21), 20);
    }

    /** 300 spots of 10 cells of one type each (half A, 30 % B, 20 % C), gene g's counts times {@code factor[g]}. */
    private static ExpressionData pureSpotSlide(ExpressionData reference, CellPool pool, double[] factor, long seed) {
        Random r = new Random(seed);
        CsrMatrix.Builder b = new CsrMatrix.Builder(GENES);
        List<String> names = new ArrayList<>();
        for (int s = 0; s < 300; s++) {
            int t = s < 150 ? 0 : s < 240 ? 1 : 2;
            float[] spot = new float[GENES];
            for (int c = 0; c < 10; c++) {
                float[] row = reference.counts().denseRow(pool.cells(t)[r.nextInt(pool.size(t))]);
                for (int g = 0; g < GENES; g++) {
                    double expected = row[g] * factor[g];
                    spot[g] += (float) (Math.floor(expected) + (r.nextDouble() < expected - Math.floor(expected) ? 1 : 0));
                }
            }
            b.addDenseRow(spot);
            names.add("s" + s);
        }
        return new ExpressionData(b.build(), names, reference.varNames(), null, null, null);
    }

    private static double distance(double[] a, double[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) d += Math.abs(a[i] - b[i]);
        return d;
    }

    /** Root mean square of log(estimate / truth) over the genes. */
    private static double logError(double[] estimate, double[] truth) {
        double sum = 0;
        for (int g = 0; g < truth.length; g++) sum += Math.pow(Math.log(estimate[g] / truth[g]), 2);
        return Math.sqrt(sum / truth.length);
    }

    private static double[] columnSums(CsrMatrix m) {
        double[] s = new double[m.cols()];
        for (int k = 0; k < m.nnz(); k++) s[m.indices()[k]] += m.data()[k];
        return s;
    }
}
