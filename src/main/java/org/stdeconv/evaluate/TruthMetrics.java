package org.stdeconv.evaluate;

import org.stdeconv.stats.AveragePrecision;
import org.stdeconv.stats.Correlation;
import org.stdeconv.stats.JensenShannon;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Accuracy of predicted proportions against known ones, for spots and types already aligned (same rows, same
 * column order). Overall RMSE is the paper's: the square root of the mean squared error over all spots and types.
 * A spot's dominant type counts as right when the predicted top type is one of the true top types (ties in the
 * truth, e.g. 0.5/0.5, accept either).
 */
public record TruthMetrics(double rmse, double meanJensenShannon, double dominantAccuracy, Map<String, TypeAccuracy> perType,
                           double[] jensenShannonPerSpot, boolean[] dominantRightPerSpot) {

    /** Per-type figures; NaN where undefined (no variance for correlations, no present spot for AUPR). */
    public record TypeAccuracy(double rmse, double pearson, double spearman, double aupr) {
    }

    public static TruthMetrics compute(double[][] predicted, double[][] truth, List<String> types, double presenceThreshold) {
        int n = predicted.length, k = types.size();
        if (truth.length != n) throw new IllegalArgumentException("row counts differ");
        if (n == 0) throw new IllegalArgumentException("no spots");
        double sse = 0;
        Map<String, TypeAccuracy> perType = new LinkedHashMap<>();
        for (int j = 0; j < k; j++) {
            double[] p = new double[n], t = new double[n];
            boolean[] present = new boolean[n];
            double typeSse = 0;
            for (int i = 0; i < n; i++) {
                p[i] = predicted[i][j];
                t[i] = truth[i][j];
                present[i] = t[i] > presenceThreshold;
                double d = p[i] - t[i];
                typeSse += d * d;
            }
            sse += typeSse;
            perType.put(types.get(j), new TypeAccuracy(Math.sqrt(typeSse / n), Correlation.pearson(p, t), Correlation.spearman(p, t),
                    AveragePrecision.of(present, p)));
        }
        double[] js = new double[n];
        boolean[] right = new boolean[n];
        double jsSum = 0;
        int jsCount = 0, rightCount = 0;
        for (int i = 0; i < n; i++) {
            js[i] = JensenShannon.divergence(predicted[i], truth[i]);
            if (!Double.isNaN(js[i])) { jsSum += js[i]; jsCount++; }
            right[i] = dominantRight(predicted[i], truth[i]);
            if (right[i]) rightCount++;
        }
        return new TruthMetrics(Math.sqrt(sse / ((double) n * k)), jsCount == 0 ? Double.NaN : jsSum / jsCount,
                (double) rightCount / n, perType, js, right);
    }

    static int argmax(double[] row) {
        int best = 0;
        for (int j = 1; j < row.length; j++) if (row[j] > row[best]) best = j;
        return best;
    }

    static boolean dominantRight(double[] predicted, double[] truth) {
        int top = argmax(predicted);
        double max = truth[argmax(truth)];
        return truth[top] == max;
    }
}
