package org.stdeconv.stats;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How well a clustering matches a reference labelling. Purity: each cluster votes for its most frequent label; the
 * fraction of items in their cluster's majority label. Adjusted Rand index (Hubert and Arabie 1985): pair-counting
 * agreement corrected for chance, 1 for identical partitions, about 0 for random ones; defined as 1 when both
 * partitions are trivial in the same way (the chance correction is 0/0 there).
 */
public final class ClusterAgreement {
    private ClusterAgreement() {
    }

    public static double purity(String[] labels, int[] clusters) {
        long[][] t = contingency(labels, clusters).table;
        if (labels.length == 0) return Double.NaN;
        long sum = 0;
        for (long[] cluster : t) {
            long best = 0;
            for (long c : cluster) best = Math.max(best, c);
            sum += best;
        }
        return (double) sum / labels.length;
    }

    public static double adjustedRandIndex(String[] labels, int[] clusters) {
        Contingency c = contingency(labels, clusters);
        int n = labels.length;
        if (n < 2) return Double.NaN;
        double index = 0;
        double[] rowSums = new double[c.table.length];
        double[] colSums = new double[c.nLabels];
        for (int i = 0; i < c.table.length; i++) {
            for (int j = 0; j < c.nLabels; j++) {
                index += pairs(c.table[i][j]);
                rowSums[i] += c.table[i][j];
                colSums[j] += c.table[i][j];
            }
        }
        double sumRows = 0, sumCols = 0;
        for (double r : rowSums) sumRows += pairs(r);
        for (double s : colSums) sumCols += pairs(s);
        double expected = sumRows * sumCols / pairs(n);
        double max = 0.5 * (sumRows + sumCols);
        if (max == expected) return 1.0;
        return (index - expected) / (max - expected);
    }

    private static double pairs(double n) {
        return n * (n - 1) / 2;
    }

    private record Contingency(long[][] table, int nLabels) {
    }

    /** Rows: clusters (in order of first appearance), columns: labels (in order of first appearance). */
    private static Contingency contingency(String[] labels, int[] clusters) {
        if (labels.length != clusters.length) throw new IllegalArgumentException("lengths differ: " + labels.length + " vs " + clusters.length);
        Map<String, Integer> labelIndex = new LinkedHashMap<>();
        Map<Integer, Integer> clusterIndex = new LinkedHashMap<>();
        for (int i = 0; i < labels.length; i++) {
            labelIndex.putIfAbsent(labels[i], labelIndex.size());
            clusterIndex.putIfAbsent(clusters[i], clusterIndex.size());
        }
        long[][] t = new long[clusterIndex.size()][labelIndex.size()];
        for (int i = 0; i < labels.length; i++) t[clusterIndex.get(clusters[i])][labelIndex.get(labels[i])]++;
        return new Contingency(t, labelIndex.size());
    }
}
