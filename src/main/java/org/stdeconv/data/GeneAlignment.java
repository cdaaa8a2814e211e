package org.stdeconv.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Maps a wanted gene order onto a data set's genes: which source column feeds each wanted gene, or -1. */
public record GeneAlignment(List<String> wanted, int[] sourceColumns, int found) {

    public static GeneAlignment of(List<String> have, List<String> wanted) {
        Map<String, Integer> index = new HashMap<>(have.size() * 2);
        for (int j = 0; j < have.size(); j++) index.putIfAbsent(have.get(j), j);
        int[] src = new int[wanted.size()];
        int found = 0;
        for (int j = 0; j < wanted.size(); j++) {
            Integer s = index.get(wanted.get(j));
            src[j] = s == null ? -1 : s;
            if (s != null) found++;
        }
        return new GeneAlignment(List.copyOf(wanted), src, found);
    }

    public int missing() { return wanted.size() - found; }

    public double fractionFound() { return wanted.isEmpty() ? 0 : (double) found / wanted.size(); }

    public List<String> missingGenes(int limit) {
        List<String> out = new ArrayList<>();
        for (int j = 0; j < sourceColumns.length && out.size() < limit; j++) if (sourceColumns[j] < 0) out.add(wanted.get(j));
        return out;
    }

    /** Genes present in both lists, in the order of {@code first}. */
    public static List<String> intersect(List<String> first, List<String> second) {
        java.util.Set<String> s = new java.util.HashSet<>(second);
        List<String> out = new ArrayList<>();
        for (String g : first) if (s.contains(g)) out.add(g);
        return out;
    }
}
