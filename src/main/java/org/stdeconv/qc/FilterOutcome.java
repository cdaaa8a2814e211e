package org.stdeconv.qc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which observations pass a set of filters, and how many each filter fails on its own (an observation failing
 * two filters counts under both, so each figure says what that threshold alone removes).
 */
public record FilterOutcome(boolean[] kept, Map<String, Integer> failedBy) {

    /** Applies the thresholds of {@code f}; {@code extra} adds named masks (true = fails) such as "unlabelled". */
    public static FilterOutcome apply(ObservationFilters f, ObservationMetrics m, Map<String, boolean[]> extra) {
        int n = m.size();
        Map<String, boolean[]> fails = new LinkedHashMap<>();
        boolean[] counts = new boolean[n], genes = new boolean[n], mito = new boolean[n];
        for (int i = 0; i < n; i++) {
            counts[i] = m.totalCounts()[i] < f.minCounts;
            genes[i] = m.detectedGenes()[i] < f.minGenes;
            mito[i] = m.mitoFraction()[i] > f.maxMitoFraction;
        }
        fails.put("min_counts", counts);
        fails.put("min_genes", genes);
        fails.put("max_mito_fraction", mito);
        fails.putAll(extra);
        boolean[] kept = new boolean[n];
        java.util.Arrays.fill(kept, true);
        Map<String, Integer> failedBy = new LinkedHashMap<>();
        for (Map.Entry<String, boolean[]> e : fails.entrySet()) {
            int c = 0;
            for (int i = 0; i < n; i++) if (e.getValue()[i]) { c++; kept[i] = false; }
            failedBy.put(e.getKey(), c);
        }
        return new FilterOutcome(kept, failedBy);
    }

    public int keptCount() {
        int c = 0;
        for (boolean k : kept) if (k) c++;
        return c;
    }

    public int[] keptIndices() {
        int[] out = new int[keptCount()];
        int n = 0;
        for (int i = 0; i < kept.length; i++) if (kept[i]) out[n++] = i;
        return out;
    }

    /** "min_counts=500 fails 1926, min_genes=... fails 3" for the filters that fail anything. */
    public String describe(Map<String, String> thresholds) {
        List<String> parts = new ArrayList<>();
        failedBy.forEach((k, v) -> {
            if (v > 0) parts.add((thresholds.containsKey(k) ? k + "=" + thresholds.get(k) : k) + " removes " + v);
        });
        return String.join(", ", parts);
    }
}
