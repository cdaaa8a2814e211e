package org.stdeconv.simulate;

import org.stdeconv.data.CsrMatrix;
import org.stdeconv.log.Log;
import org.stdeconv.stats.Nnls;

import java.util.Arrays;
import java.util.function.Function;

/**
 * A slide's composition in count shares of the reference's types, as {@link PlatformEffect} needs it, fitted spot by
 * spot instead of on the pooled counts. Why: every error in the composition becomes a platform factor, and the
 * pooled counts cannot tell alike types apart (STARmap's bulk fit gave eL4 0.017 of the counts where the truth holds
 * 0.168), while single spots can: which genes rise and fall together from spot to spot is what separates them
 * (docs/benchmarks/ablation.md, session 24).
 *
 * <p>Each spot's shares over the shared genes are unmixed by NNLS with the bulk's chi-square weights; the spots'
 * solutions, each normalised to 1, are summed with the spot's depth as weight. The fit is then repeated with the
 * profiles scaled by the factors that composition implies (the slide measures the scaled profiles), until the
 * composition moves by less than {@link #TOLERANCE}, at most {@link #MAX_REFITS} times.
 */
final class SlideComposition {
    /**
     * Above this many spots an evenly spaced subset is fitted: the composition is an average, not a per-spot answer,
     * and one fit of 10,000 spots took 5 s with 80 cell types (docs/benchmarks/train.md, session 24).
     */
    static final int MAX_SPOTS = 2_000;
    static final double TOLERANCE = 0.01;
    static final int MAX_REFITS = 10;

    private SlideComposition() {
    }

    /**
     * @param slide spots x slide genes; {@code referenceOfSlide} maps a slide gene to its reference gene (-1: not shared)
     * @param profiles reference genes x types, each type's column its share of the type's counts (0 on unshared genes)
     * @param weights each reference gene's chi-square weight (0 on unshared genes)
     * @param factorsOf the platform factors (per reference gene) a composition implies
     * @return the composition, summing to 1, in units of {@code profiles} (so that the bulk is about factors x profiles x it)
     */
    static double[] fit(CsrMatrix slide, int[] referenceOfSlide, double[][] profiles, double[] weights, Function<double[], double[]> factorsOf) {
        int types = profiles[0].length;
        double[] composition = fitSpots(slide, referenceOfSlide, profiles, weights);
        int refit = 0;
        while (refit < MAX_REFITS) {
            refit++;
            double[] factors = factorsOf.apply(composition);
            double[][] scaled = new double[profiles.length][types];
            double[] columnSums = new double[types];
            for (int g = 0; g < profiles.length; g++) {
                for (int t = 0; t < types; t++) {
                    scaled[g][t] = profiles[g][t] * factors[g];
                    columnSums[t] += scaled[g][t];
                }
            }
            for (double[] row : scaled) for (int t = 0; t < types; t++) if (columnSums[t] > 0) row[t] /= columnSums[t];
            double[] inScaled = fitSpots(slide, referenceOfSlide, scaled, weights);
            // a type's share of the scaled counts back in the reference's units: divide by how much scaling grew it
            double[] next = new double[types];
            for (int t = 0; t < types; t++) next[t] = columnSums[t] > 0 ? inScaled[t] / columnSums[t] : 0;
            normalise(next);
            double moved = 0;
            for (int t = 0; t < types; t++) moved += Math.abs(next[t] - composition[t]);
            composition = next;
            if (moved < TOLERANCE) break;
        }
        Log.info("simulate: the slide's composition fitted on %d of its %d spots, refitted with the platform factors %d time%s",
                Math.min(slide.rows(), MAX_SPOTS), slide.rows(), refit, refit == 1 ? "" : "s");
        return composition;
    }

    /** The depth-weighted sum of every (or every n-th) spot's NNLS composition, normalised to 1. */
    static double[] fitSpots(CsrMatrix slide, int[] referenceOfSlide, double[][] profiles, double[] weights) {
        int types = profiles[0].length;
        double[][] weighted = weighted(profiles, weights);
        Nnls nnls = new Nnls(weighted);
        int spots = slide.rows(), fitted = Math.min(spots, MAX_SPOTS);
        double[] sum = new double[types];
        double[] atb = new double[types];
        for (int j = 0; j < fitted; j++) {
            int spot = (int) ((long) j * spots / fitted);
            double depth = 0;
            Arrays.fill(atb, 0);
            for (int k = slide.rowStart(spot), e = slide.rowEnd(spot); k < e; k++) {
                int g = referenceOfSlide[slide.indices()[k]];
                if (g < 0) continue;
                double count = slide.data()[k];
                depth += count;
                for (int t = 0; t < types; t++) atb[t] += weighted[g][t] * weights[g] * count;
            }
            if (!(depth > 0)) continue;
            for (int t = 0; t < types; t++) atb[t] /= depth;
            double[] x = nnls.solveReduced(atb);
            double total = 0;
            for (double v : x) total += v;
            if (!(total > 0)) continue;
            for (int t = 0; t < types; t++) sum[t] += depth * x[t] / total;
        }
        normalise(sum);
        return sum;
    }

    /** Each gene's row of {@code profiles} times its weight: the design of a weighted least-squares fit. */
    static double[][] weighted(double[][] profiles, double[] weights) {
        double[][] weighted = new double[profiles.length][];
        for (int g = 0; g < profiles.length; g++) {
            weighted[g] = profiles[g].clone();
            for (int t = 0; t < weighted[g].length; t++) weighted[g][t] *= weights[g];
        }
        return weighted;
    }

    private static void normalise(double[] v) {
        double total = 0;
        for (double x : v) total += x;
        if (total > 0) for (int t = 0; t < v.length; t++) v[t] /= total;
    }
}
