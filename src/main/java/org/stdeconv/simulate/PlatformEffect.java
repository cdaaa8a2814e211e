package org.stdeconv.simulate;

import org.stdeconv.InputDataException;
import org.stdeconv.data.CsrMatrix;
import org.stdeconv.data.ExpressionData;
import org.stdeconv.data.GeneAlignment;
import org.stdeconv.stats.Nnls;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Gene-wise platform effect between a reference and a slide, after RCTD (Cable et al. 2021, "fitBulk"): each gene's
 * factor is how much more (or less) of it the slide's pooled counts hold than the slide's mixture of the reference's
 * per-type expression profiles predicts. That mixture is fitted spot by spot ({@link SlideComposition}; `spots`, the
 * default) or, as RCTD does, by NNLS of the pooled counts (`bulk`), which mistakes alike types for one another and
 * passes the mistake on to the factors (docs/benchmarks/ablation.md, session 24). Applied to
 * the reference's cells before pseudo-spots are drawn, so the network trains on spots measured as the slide's
 * platform measures them; a slide made of the reference's own cells (STARmap) gets factors near 1.
 *
 * <p>Profiles are depth-weighted (a type's summed counts over its summed depth), so a bulk of the reference's own
 * cells is exactly a mixture of them. A pseudocount of {@link #PSEUDOCOUNTS} slide counts keeps rarely seen genes
 * near 1; factors are clipped to [1 / {@link #MAX_FACTOR}, {@link #MAX_FACTOR}]. Genes the slide lacks keep 1.
 */
final class PlatformEffect {
    /** Slide counts added to both sides of each gene's ratio: a gene needs several counts before it moves. */
    static final double PSEUDOCOUNTS = 10;
    static final double MAX_FACTOR = 10;

    private final double[] factors;
    private final double[] composition;
    private final boolean[] shared;

    private PlatformEffect(double[] factors, double[] composition, boolean[] shared) {
        this.factors = factors;
        this.composition = composition;
        this.shared = shared;
    }

    /**
     * @param spotBySpot the composition behind the factors fitted spot by spot ({@link SlideComposition}); false: by
     *                   NNLS of the slide's pooled counts, as RCTD does
     */
    static PlatformEffect estimate(ExpressionData reference, CellPool pool, ExpressionData slide, Path slidePath, boolean spotBySpot) {
        List<String> genes = reference.varNames();
        GeneAlignment alignment = GeneAlignment.of(slide.varNames(), genes);
        int[] referenceOfSlide = new int[slide.nVars()];
        Arrays.fill(referenceOfSlide, -1);
        boolean[] shared = new boolean[genes.size()];
        int nShared = alignment.found();
        for (int g = 0; g < genes.size(); g++) {
            int j = alignment.sourceColumns()[g];
            if (j >= 0) {
                referenceOfSlide[j] = g;
                shared[g] = true;
            }
        }
        if (nShared == 0) {
            throw new InputDataException(slidePath, "var index (gene names)", "no gene in common with the reference",
                    "use the same gene naming (symbols vs Ensembl ids) in slide and reference");
        }
        double[] bulk = new double[genes.size()];
        CsrMatrix s = slide.counts();
        for (int k = 0; k < s.nnz(); k++) {
            int g = referenceOfSlide[s.indices()[k]];
            if (g >= 0) bulk[g] += s.data()[k];
        }
        double slideTotal = Arrays.stream(bulk).sum();
        if (!(slideTotal > 0)) {
            throw new InputDataException(slidePath, "X", "no counts over the genes shared with the reference", "give a slide with counts");
        }
        double[][] profiles = profiles(reference.counts(), pool, shared); // genes x types, fractions
        double[] bulkFraction = new double[genes.size()];
        for (int g = 0; g < genes.size(); g++) bulkFraction[g] = bulk[g] / slideTotal;
        double eps = PSEUDOCOUNTS / slideTotal;
        // each gene weighted by 1 / sqrt(its bulk): squared errors relative to the counts (a chi-square fit), so the
        // fit follows every gene's ratio, not only the few genes that hold most counts
        double[] weights = new double[genes.size()];
        for (int g = 0; g < genes.size(); g++) weights[g] = shared[g] ? 1 / Math.sqrt(bulkFraction[g] + eps) : 0;
        double[] composition = spotBySpot
                ? SlideComposition.fit(s, referenceOfSlide, profiles, weights, c -> factors(c, profiles, bulkFraction, eps, shared, nShared))
                : pooledFit(profiles, bulkFraction, weights);
        double[] factors = factors(composition, profiles, bulkFraction, eps, shared, nShared);
        double sum = Arrays.stream(composition).sum();
        for (int t = 0; t < composition.length; t++) composition[t] = sum > 0 ? composition[t] / sum : 0;
        return new PlatformEffect(factors, composition, shared);
    }

    /** NNLS of the slide's pooled shares on the profiles, each gene weighted. */
    private static double[] pooledFit(double[][] profiles, double[] bulkFraction, double[] weights) {
        double[] weightedBulk = new double[profiles.length];
        for (int g = 0; g < profiles.length; g++) weightedBulk[g] = bulkFraction[g] * weights[g];
        return Nnls.solve(SlideComposition.weighted(profiles, weights), weightedBulk);
    }

    /**
     * Each shared gene's slide share over the share {@code composition} predicts (pseudocount {@code eps} on both),
     * divided by the median gene's so that only relative levels move, clipped; 1 for genes the slide lacks.
     */
    private static double[] factors(double[] composition, double[][] profiles, double[] bulkFraction, double eps, boolean[] shared, int nShared) {
        double[] ratio = new double[profiles.length];
        double[] sharedRatios = new double[nShared];
        int n = 0;
        for (int g = 0; g < profiles.length; g++) {
            if (!shared[g]) continue;
            double fitted = 0;
            for (int t = 0; t < composition.length; t++) fitted += composition[t] * profiles[g][t];
            ratio[g] = (bulkFraction[g] + eps) / (fitted + eps);
            sharedRatios[n++] = ratio[g];
        }
        Arrays.sort(sharedRatios);
        double norm = 1 / sharedRatios[nShared / 2];
        double[] factors = new double[profiles.length];
        for (int g = 0; g < profiles.length; g++) {
            factors[g] = shared[g] ? Math.min(MAX_FACTOR, Math.max(1 / MAX_FACTOR, ratio[g] * norm)) : 1;
        }
        return factors;
    }

    /** Depth-weighted type profiles over the shared genes: type t's summed counts of gene g over its summed depth. */
    private static double[][] profiles(CsrMatrix counts, CellPool pool, boolean[] shared) {
        double[][] profiles = new double[counts.cols()][pool.nTypes()];
        for (int t = 0; t < pool.nTypes(); t++) {
            double depth = 0;
            for (int cell : pool.cells(t)) {
                for (int k = counts.rowStart(cell), e = counts.rowEnd(cell); k < e; k++) {
                    int g = counts.indices()[k];
                    if (!shared[g]) continue;
                    profiles[g][t] += counts.data()[k];
                    depth += counts.data()[k];
                }
            }
            if (depth > 0) for (double[] row : profiles) row[t] /= depth;
        }
        return profiles;
    }

    /**
     * The reference counts with gene g multiplied by its factor: integer counts are rounded stochastically (floor,
     * plus one with the fractional part's probability, from a generator seeded per cell) so that depth thinning
     * still draws molecules; non-integer values are scaled.
     */
    CsrMatrix applyTo(CsrMatrix counts, long seed) {
        CsrMatrix.Builder scaled = new CsrMatrix.Builder(counts.cols());
        int[] columns = new int[counts.cols()];
        float[] values = new float[counts.cols()];
        for (int cell = 0; cell < counts.rows(); cell++) {
            SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + cell);
            int n = 0;
            for (int k = counts.rowStart(cell), e = counts.rowEnd(cell); k < e; k++) {
                float v = counts.data()[k];
                double value = v * factors[counts.indices()[k]];
                if (v == Math.rint(v)) {
                    double floor = Math.floor(value);
                    value = floor + (random.nextDouble() < value - floor ? 1 : 0);
                }
                columns[n] = counts.indices()[k];
                values[n++] = (float) value;
            }
            scaled.addSparseRow(columns, values, n); // drops the counts rounded down to 0
        }
        return scaled.build();
    }

    double[] factors() {
        return factors.clone();
    }

    /** The slide's composition as the fit sees it (weights of depth-weighted profiles, summing to 1). */
    double[] composition() {
        return composition.clone();
    }

    /** The median of |log2 factor| over the shared genes: how far the platforms differ, in doublings. */
    double medianAbsLog2() {
        double[] logs = new double[factors.length];
        int n = 0;
        for (int g = 0; g < factors.length; g++) if (shared[g]) logs[n++] = Math.abs(Math.log(factors[g]) / Math.log(2));
        Arrays.sort(logs, 0, n);
        return logs[n / 2];
    }
}
