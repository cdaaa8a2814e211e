package org.stdeconv.evaluate;

import org.stdeconv.data.CsrMatrix;
import org.stdeconv.data.InputTransform;
import org.stdeconv.stats.Correlation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Do predicted proportions follow the expression of each type's markers? A spot's marker score for a type is the
 * mean log1p(cp10k) of that type's marker genes in the spot; the agreement is the Pearson correlation between the
 * type's predicted proportion and that score over spots (NaN without markers or without variance).
 */
public final class MarkerAgreement {
    private MarkerAgreement() {
    }

    /** Marker score per spot for each type; {@code genes} are the columns of {@code spots} (raw counts). */
    public static Map<String, double[]> scores(CsrMatrix spots, List<String> genes, Map<String, List<String>> markers) {
        Map<String, Integer> index = new java.util.HashMap<>();
        for (int j = 0; j < genes.size(); j++) index.putIfAbsent(genes.get(j), j);
        // only marker columns are transformed: a dense log matrix of a whole Visium slide would not fit
        double scale = InputTransform.log1pCp10k().scale;
        Map<String, double[]> out = new LinkedHashMap<>();
        markers.forEach((type, list) -> {
            int[] cols = list.stream().filter(index::containsKey).mapToInt(index::get).distinct().toArray();
            java.util.Set<Integer> wanted = new java.util.HashSet<>();
            for (int c : cols) wanted.add(c);
            double[] s = new double[spots.rows()];
            for (int i = 0; i < s.length; i++) {
                if (cols.length == 0) { s[i] = Double.NaN; continue; }
                double total = spots.rowSum(i), sum = 0;
                for (int p = spots.rowStart(i); p < spots.rowEnd(i); p++) {
                    if (total > 0 && wanted.contains(spots.indices()[p])) sum += Math.log1p(spots.data()[p] * scale / total);
                }
                s[i] = sum / cols.length;
            }
            out.put(type, s);
        });
        return out;
    }

    /** Correlation per type of {@code types} (NaN for types without a score). */
    public static Map<String, Double> correlations(double[][] proportions, List<String> types, Map<String, double[]> scores) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int t = 0; t < types.size(); t++) {
            double[] score = scores.get(types.get(t));
            if (score == null || score.length == 0 || Double.isNaN(score[0])) {
                out.put(types.get(t), Double.NaN);
                continue;
            }
            double[] p = new double[proportions.length];
            for (int i = 0; i < p.length; i++) p[i] = proportions[i][t];
            out.put(types.get(t), Correlation.pearson(p, score));
        }
        return out;
    }

    /** Mean of the defined correlations, NaN when none is. */
    public static double mean(Map<String, Double> correlations) {
        double s = 0;
        int n = 0;
        for (double v : correlations.values()) if (!Double.isNaN(v)) { s += v; n++; }
        return n == 0 ? Double.NaN : s / n;
    }
}
