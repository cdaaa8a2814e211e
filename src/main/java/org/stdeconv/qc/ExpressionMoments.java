package org.stdeconv.qc;

import org.stdeconv.data.CsrMatrix;

import java.util.stream.IntStream;

/**
 * Per-group and per-gene sums and sums of squares of log1p(CP10k) expression, gathered in one pass over the
 * sparse counts (zeros contribute nothing to either sum, so only stored entries are visited). From them follow
 * every group's mean and variance against the rest without a dense matrix.
 *
 * <p>Work is split by gene ranges, one per core: every gene is summed by one thread in row order, so the result
 * is bit-identical whatever the core count.
 */
final class ExpressionMoments {
    static final double SCALE = 1e4;

    final int groups;
    final int genes;
    final long[] groupSize;
    /** [group * genes + gene]: sum of log1p(CP10k). */
    final double[] sum;
    /** [group * genes + gene]: sum of squared log1p(CP10k). */
    final double[] sumSq;
    /** [gene] over all grouped rows: sum and sum of squares of CP10k itself (for dispersion). */
    final double[] cpSum;
    final double[] cpSumSq;

    private ExpressionMoments(int groups, int genes) {
        this.groups = groups;
        this.genes = genes;
        this.groupSize = new long[groups];
        this.sum = new double[groups * genes];
        this.sumSq = new double[groups * genes];
        this.cpSum = new double[genes];
        this.cpSumSq = new double[genes];
    }

    /**
     * {@code group[r]} is row r's group in [0, groups), or -1 to leave the row out. Each row is normalised by its
     * own total over the matrix's columns.
     */
    static ExpressionMoments of(CsrMatrix counts, int[] group, int groups) {
        if (group.length != counts.rows()) throw new IllegalArgumentException(group.length + " groups for " + counts.rows() + " rows");
        ExpressionMoments m = new ExpressionMoments(groups, counts.cols());
        double[] scale = new double[counts.rows()];
        for (int r = 0; r < scale.length; r++) {
            if (group[r] < 0) continue;
            m.groupSize[group[r]]++;
            double total = counts.rowSum(r);
            scale[r] = total > 0 ? SCALE / total : 0;
        }
        int stripes = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), counts.cols() / 64));
        IntStream.range(0, stripes).parallel().forEach(s -> {
            long lo = (long) counts.cols() * s / stripes, hi = (long) counts.cols() * (s + 1) / stripes;
            m.accumulate(counts, group, scale, (int) lo, (int) hi);
        });
        return m;
    }

    private void accumulate(CsrMatrix counts, int[] group, double[] scale, int lo, int hi) {
        int[] idx = counts.indices();
        float[] val = counts.data();
        long[] ptr = counts.indptr();
        for (int r = 0; r < group.length; r++) {
            int g = group[r];
            if (g < 0) continue;
            double f = scale[r];
            int base = g * genes;
            for (long k = ptr[r], e = ptr[r + 1]; k < e; k++) {
                int j = idx[(int) k];
                if (j < lo || j >= hi) continue;
                double cp = val[(int) k] * f;
                double x = Math.log1p(cp);
                sum[base + j] += x;
                sumSq[base + j] += x * x;
                cpSum[j] += cp;
                cpSumSq[j] += cp * cp;
            }
        }
    }

    long rows() {
        long n = 0;
        for (long s : groupSize) n += s;
        return n;
    }

    /** Sum over all groups for one gene. */
    double totalSum(int gene) {
        double s = 0;
        for (int g = 0; g < groups; g++) s += sum[g * genes + gene];
        return s;
    }

    double totalSumSq(int gene) {
        double s = 0;
        for (int g = 0; g < groups; g++) s += sumSq[g * genes + gene];
        return s;
    }

    static double mean(double sum, long n) {
        return n > 0 ? sum / n : 0;
    }

    /** Sample variance (n - 1) from a sum and a sum of squares; tiny negative rounding is clipped to 0. */
    static double variance(double sum, double sumSq, long n) {
        if (n < 2) return Double.NaN;
        return Math.max(0, (sumSq - sum * sum / n) / (n - 1));
    }
}
