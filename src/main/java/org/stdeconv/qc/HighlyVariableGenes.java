package org.stdeconv.qc;

import java.util.ArrayList;
import java.util.List;

/**
 * Highly variable genes in the Seurat style (as scanpy's flavor="seurat"): dispersion variance/mean of CP10k per
 * gene, its log z-scored within 20 equal-width bins of log1p(mean), the genes with the largest normalised
 * dispersion first. Uses the moments {@link ExpressionMoments} already gathered for the t-tests.
 */
final class HighlyVariableGenes {
    private static final int BINS = 20;

    private HighlyVariableGenes() {
    }

    /** Normalised dispersion per gene; NaN for genes never expressed. */
    static double[] normalisedDispersion(ExpressionMoments m) {
        int ng = m.genes;
        long n = m.rows();
        double[] logMean = new double[ng], logDisp = new double[ng];
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < ng; j++) {
            double mean = ExpressionMoments.mean(m.cpSum[j], n);
            double var = ExpressionMoments.variance(m.cpSum[j], m.cpSumSq[j], n);
            logDisp[j] = mean > 0 && var > 0 ? Math.log(var / mean) : Double.NaN;
            logMean[j] = Math.log1p(mean);
            lo = Math.min(lo, logMean[j]);
            hi = Math.max(hi, logMean[j]);
        }
        int[] bin = new int[ng];
        double width = (hi - lo) / BINS;
        for (int j = 0; j < ng; j++) bin[j] = width > 0 ? Math.min(BINS - 1, (int) ((logMean[j] - lo) / width)) : 0;
        double[] s = new double[BINS], ss = new double[BINS];
        int[] c = new int[BINS];
        for (int j = 0; j < ng; j++) {
            if (Double.isNaN(logDisp[j])) continue;
            s[bin[j]] += logDisp[j];
            ss[bin[j]] += logDisp[j] * logDisp[j];
            c[bin[j]]++;
        }
        double[] out = new double[ng];
        for (int j = 0; j < ng; j++) {
            int b = bin[j];
            if (Double.isNaN(logDisp[j])) { out[j] = Double.NaN; continue; }
            if (c[b] < 2) { out[j] = 1.0; continue; } // a gene alone in its bin: scanpy's convention
            double mean = s[b] / c[b];
            double sd = Math.sqrt(Math.max(0, (ss[b] - s[b] * s[b] / c[b]) / (c[b] - 1)));
            out[j] = sd > 0 ? (logDisp[j] - mean) / sd : 0;
        }
        return out;
    }

    /** Indices of the {@code n} genes with the largest normalised dispersion, in gene order. */
    static boolean[] top(ExpressionMoments m, int n) {
        double[] d = normalisedDispersion(m);
        List<Integer> order = new ArrayList<>();
        for (int j = 0; j < d.length; j++) if (!Double.isNaN(d[j])) order.add(j);
        order.sort((a, b) -> {
            int cmp = Double.compare(d[b], d[a]);
            return cmp != 0 ? cmp : Integer.compare(a, b);
        });
        boolean[] keep = new boolean[d.length];
        for (int k = 0; k < Math.min(n, order.size()); k++) keep[order.get(k)] = true;
        return keep;
    }
}
