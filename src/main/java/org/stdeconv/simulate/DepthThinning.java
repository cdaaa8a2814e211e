package org.stdeconv.simulate;

import org.stdeconv.InputDataException;
import org.stdeconv.data.CsrMatrix;
import org.stdeconv.data.ExpressionData;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Brings simulated spots to the sequencing depth of a real slide: each spot draws a target depth from the slide's
 * spots (depth = total counts over the genes slide and reference share) and, when it is deeper, every count is
 * thinned binomially with rate target / depth, as if fewer molecules had been sequenced. Shallower spots are left
 * as they are (thinning cannot add molecules).
 */
public final class DepthThinning {
    private final double[] targetDepths;
    private final boolean[] sharedGene;

    private DepthThinning(double[] targetDepths, boolean[] sharedGene) {
        this.targetDepths = targetDepths;
        this.sharedGene = sharedGene;
    }

    public static DepthThinning fromSlide(ExpressionData slide, List<String> referenceGenes, Path file) {
        Map<String, Integer> slideIndex = slide.varIndex();
        boolean[] shared = new boolean[referenceGenes.size()];
        int[] slideColumn = new int[referenceGenes.size()];
        boolean[] slideShared = new boolean[slide.nVars()];
        int nShared = 0;
        for (int g = 0; g < referenceGenes.size(); g++) {
            Integer j = slideIndex.get(referenceGenes.get(g));
            if (j != null) {
                shared[g] = true;
                slideShared[j] = true;
                slideColumn[g] = j;
                nShared++;
            }
        }
        if (nShared == 0) {
            throw new InputDataException(file, "var index (gene names)", "no gene in common with the reference",
                    "use the same gene naming (symbols vs Ensembl ids) in slide and reference");
        }
        CsrMatrix x = slide.counts();
        double[] depths = new double[x.rows()];
        int kept = 0;
        for (int r = 0; r < x.rows(); r++) {
            double d = 0;
            for (int k = x.rowStart(r), e = x.rowEnd(r); k < e; k++) if (slideShared[x.indices()[k]]) d += x.data()[k];
            if (d > 0) depths[kept++] = d;
        }
        if (kept == 0) throw new InputDataException(file, "X", "every spot has zero counts over the shared genes", "check the slide holds raw counts");
        return new DepthThinning(java.util.Arrays.copyOf(depths, kept), shared);
    }

    /** Whether gene {@code g} (reference column) counts towards the depth. */
    boolean counts(int gene) {
        return sharedGene[gene];
    }

    /** A target depth drawn uniformly from the slide's spots. */
    double drawTarget(SpotRandom random) {
        return targetDepths[random.nextInt(targetDepths.length)];
    }

    /** Median target depth, for the log. */
    double medianTarget() {
        double[] s = targetDepths.clone();
        java.util.Arrays.sort(s);
        return s[s.length / 2];
    }

    /**
     * One Binomial(n, p) draw. commons-math's BinomialDistribution.sample() inverts the CDF through the regularised
     * beta function on every draw, far too slow for millions of counts; the waiting-time method used here is exact
     * and costs O(n * min(p, 1 - p)).
     */
    static int binomial(int n, double p, SpotRandom random) {
        if (n <= 0 || p <= 0) return 0;
        if (p >= 1) return n;
        if (p > 0.5) return n - binomial(n, 1 - p, random);
        double logQ = Math.log1p(-p);
        int successes = 0;
        long position = 0;
        while (true) {
            // trials up to and including the next success are geometric: ceil(log(U) / log(1 - p))
            double u = 1.0 - random.nextDouble(); // in (0, 1]
            position += Math.max(1L, (long) Math.ceil(Math.log(u) / logQ));
            if (position > n) return successes;
            successes++;
        }
    }
}
