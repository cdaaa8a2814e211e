package org.stdeconv.simulate;

import org.stdeconv.InputDataException;
import org.stdeconv.data.CsrMatrix;
import org.stdeconv.data.ExpressionData;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Brings simulated spots to the sequencing depth of a real slide (depth = total counts over the genes slide and
 * reference share): a spot deeper than its target depth has every count thinned binomially with rate
 * target / depth, as if fewer molecules had been sequenced. Shallower spots are left as they are (thinning cannot
 * add molecules). The target depth comes from one of two rules ({@link SimulateConfig.DepthMatching}):
 * <ul>
 * <li>quantile: once {@link #calibrate calibrated} on the pseudo-spots' own depths, a spot at quantile q of them gets
 * the slide's depth at quantile q. The depth distributions then match while a spot with more (or larger) cells
 * stays deeper than one with fewer, as on a real slide, and spots are thinned no more than the slide requires.</li>
 * <li>random: every spot draws a slide spot's depth at random, whatever its own depth; this decouples depth from
 * composition but thins a many-cell spot to a one-cell depth as often as not.</li>
 * </ul>
 */
public final class DepthThinning {
    private final double[] targetDepths; // sorted ascending
    private final boolean[] sharedGene;
    private double[] ownDepths; // sorted; null until calibrated (then the quantile rule applies)

    private DepthThinning(double[] targetDepths, boolean[] sharedGene) {
        this.targetDepths = targetDepths;
        java.util.Arrays.sort(this.targetDepths);
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

    /**
     * Switches to the quantile rule: {@code depths} are the unthinned depths of (a sample of) the pseudo-spots, which
     * define each spot's quantile.
     */
    void calibrate(double[] depths) {
        if (depths.length == 0) throw new IllegalArgumentException("no depths to calibrate on");
        ownDepths = depths.clone();
        java.util.Arrays.sort(ownDepths);
    }

    boolean calibrated() {
        return ownDepths != null;
    }

    /** The target depth of a spot of unthinned depth {@code depth}: its quantile's slide depth, or a random slide spot's. */
    double target(double depth, SpotRandom random) {
        if (ownDepths == null) return targetDepths[random.nextInt(targetDepths.length)];
        return quantile(targetDepths, midRank(ownDepths, depth));
    }

    /** The fraction of {@code sorted} below {@code v}, counting ties as half below: in [0, 1]. */
    static double midRank(double[] sorted, double v) {
        int below = lowerBound(sorted, v), notAbove = lowerBound(sorted, Math.nextUp(v));
        return (below + 0.5 * (notAbove - below)) / sorted.length;
    }

    /** Linear interpolation between order statistics, {@code q} in [0, 1]. */
    static double quantile(double[] sorted, double q) {
        double pos = Math.min(Math.max(q, 0), 1) * (sorted.length - 1);
        int i = (int) Math.floor(pos);
        if (i >= sorted.length - 1) return sorted[sorted.length - 1];
        return sorted[i] + (pos - i) * (sorted[i + 1] - sorted[i]);
    }

    private static int lowerBound(double[] sorted, double v) {
        int lo = 0, hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < v) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /** Median target depth, for the log. */
    double medianTarget() {
        return targetDepths[targetDepths.length / 2];
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
