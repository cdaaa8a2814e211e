package org.stdeconv.stats;

/**
 * Area under the precision-recall curve as average precision: the sum over score thresholds of
 * (recall gain) x (precision at that threshold), thresholds taken at every distinct score from high to low, so that
 * tied scores enter together (scikit-learn's average_precision_score). NaN when there is no positive label, since
 * precision-recall is undefined then.
 */
public final class AveragePrecision {
    private AveragePrecision() {
    }

    public static double of(boolean[] positive, double[] score) {
        if (positive.length != score.length) throw new IllegalArgumentException("lengths differ");
        int n = score.length;
        int totalPositive = 0;
        for (boolean p : positive) if (p) totalPositive++;
        if (totalPositive == 0) return Double.NaN;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        java.util.Arrays.sort(order, (a, b) -> Double.compare(score[b], score[a]));
        double ap = 0, lastRecall = 0;
        int tp = 0, seen = 0;
        for (int i = 0; i < n; ) {
            int j = i;
            while (j < n && score[order[j]] == score[order[i]]) {
                if (positive[order[j]]) tp++;
                j++;
            }
            seen = j;
            double recall = (double) tp / totalPositive;
            double precision = (double) tp / seen;
            ap += (recall - lastRecall) * precision;
            lastRecall = recall;
            i = j;
        }
        return ap;
    }
}
