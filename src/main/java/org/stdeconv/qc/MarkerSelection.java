package org.stdeconv.qc;

import org.stdeconv.data.CsrMatrix;
import org.stdeconv.data.ExpressionData;
import org.stdeconv.stats.BenjaminiHochberg;
import org.stdeconv.stats.WelchTest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Informative genes as ST-deconv selects them: for every cell type, a two-sided Welch t-test of that type against
 * all other cells on log1p(CP10k) expression (each cell normalised by its total over the genes given), p-values
 * Benjamini-Hochberg adjusted per type across genes; a gene is informative when its q-value is below the threshold
 * for any type. Optionally only the top N genes per type by log fold change are kept.
 *
 * <p>Each gene gets one type: among its significant tests with a positive log fold change the one with the
 * largest (the gene is that type's marker); otherwise the type with the smallest q-value (a gene only
 * significantly lower somewhere, or not significant at all). Log fold change follows scanpy:
 * log2((expm1(mean in type) + 1e-9) / (expm1(mean in rest) + 1e-9)) on the log1p(CP10k) means.
 */
public final class MarkerSelection {
    private static final double LFC_EPS = 1e-9;

    /**
     * @param qThreshold  keep genes with q below this for some type (ST-deconv: 0.01)
     * @param topNPerType 0 keeps every significant gene; N > 0 keeps, per type, the N significant genes with the
     *                    largest positive log fold change
     */
    public record Params(double qThreshold, int topNPerType) {
        public Params {
            if (!(qThreshold > 0 && qThreshold <= 1)) throw new IllegalArgumentException("qThreshold must be in (0, 1]: " + qThreshold);
            if (topNPerType < 0) throw new IllegalArgumentException("topNPerType must be >= 0: " + topNPerType);
        }

        public static Params defaults() {
            return new Params(0.01, 0);
        }
    }

    /** One gene's statistics for its assigned type. */
    public record GeneStat(String gene, String type, double logFoldChange, double q) {
    }

    private MarkerSelection() {
    }

    /** Tests every gene of {@code reference} (its raw counts); cells with an empty label take no part. */
    public static Result select(ExpressionData reference, String cellTypeColumn, Params params) {
        return select(reference.counts(), reference.varNames(), CellTypeLabels.read(reference, cellTypeColumn, null), params);
    }

    public static Result select(CsrMatrix counts, List<String> genes, String[] labels, Params params) {
        List<String> types = CellTypeLabels.types(labels);
        return select(moments(counts, labels, types), genes, types, params);
    }

    /** The per-type moments of log1p(CP10k); cells whose label is not in {@code types} take no part. */
    static ExpressionMoments moments(CsrMatrix counts, String[] labels, List<String> types) {
        Map<String, Integer> typeIndex = new HashMap<>();
        for (int t = 0; t < types.size(); t++) typeIndex.put(types.get(t), t);
        int[] group = new int[labels.length];
        for (int r = 0; r < labels.length; r++) group[r] = typeIndex.getOrDefault(labels[r], -1);
        return ExpressionMoments.of(counts, group, types.size());
    }

    static Result select(ExpressionMoments m, List<String> genes, List<String> types, Params params) {
        int nt = types.size(), ng = genes.size();
        long n = m.rows();
        double[][] lfc = new double[nt][ng];
        double[][] p = new double[nt][ng];
        // genes are independent: each writes only its own column, so the parallel loop is deterministic
        java.util.stream.IntStream.range(0, ng).parallel().forEach(j -> {
            double allSum = m.totalSum(j), allSq = m.totalSumSq(j);
            for (int t = 0; t < nt; t++) {
                long n1 = m.groupSize[t], n2 = n - n1;
                double s1 = m.sum[t * ng + j], q1 = m.sumSq[t * ng + j];
                double s2 = allSum - s1, q2 = allSq - q1;
                double mean1 = ExpressionMoments.mean(s1, n1), mean2 = ExpressionMoments.mean(s2, n2);
                p[t][j] = WelchTest.test(mean1, ExpressionMoments.variance(s1, q1, n1), n1,
                        mean2, ExpressionMoments.variance(s2, q2, n2), n2).p();
                lfc[t][j] = log2((Math.expm1(mean1) + LFC_EPS) / (Math.expm1(mean2) + LFC_EPS));
            }
        });
        double[][] q = new double[nt][];
        for (int t = 0; t < nt; t++) q[t] = BenjaminiHochberg.adjust(p[t]);
        return new Result(List.copyOf(genes), types, lfc, q, params);
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    /** Statistics of every gene tested against every type, and the selection they lead to. */
    public static final class Result {
        private final List<String> genes;
        private final List<String> types;
        private final double[][] lfc;
        private final double[][] q;
        private final Params params;
        private final int[] assignedType;
        private final boolean[] selected;

        Result(List<String> genes, List<String> types, double[][] lfc, double[][] q, Params params) {
            this.genes = genes;
            this.types = types;
            this.lfc = lfc;
            this.q = q;
            this.params = params;
            this.assignedType = new int[genes.size()];
            for (int j = 0; j < genes.size(); j++) assignedType[j] = assign(j);
            this.selected = choose();
        }

        private boolean significant(int t, int j) {
            return q[t][j] < params.qThreshold();
        }

        private int assign(int j) {
            int best = -1;
            for (int t = 0; t < types.size(); t++) {
                if (significant(t, j) && lfc[t][j] > 0 && (best < 0 || lfc[t][j] > lfc[best][j])) best = t;
            }
            if (best >= 0) return best;
            for (int t = 0; t < types.size(); t++) {
                if (best < 0 || q[t][j] < q[best][j] || (q[t][j] == q[best][j] && lfc[t][j] > lfc[best][j])) best = t;
            }
            return best;
        }

        private boolean[] choose() {
            boolean[] keep = new boolean[genes.size()];
            if (types.isEmpty()) return keep;
            if (params.topNPerType() == 0) {
                for (int j = 0; j < genes.size(); j++) keep[j] = significant(assignedType[j], j);
                return keep;
            }
            for (int t = 0; t < types.size(); t++) {
                for (int j : rankedUp(t)) {
                    keep[j] = true;
                }
            }
            return keep;
        }

        /** Significant genes with positive log fold change in type t, largest first (ties by gene order), at most N. */
        private List<Integer> rankedUp(int t) {
            List<Integer> c = new ArrayList<>();
            for (int j = 0; j < genes.size(); j++) if (significant(t, j) && lfc[t][j] > 0) c.add(j);
            c.sort((a, b) -> {
                int cmp = Double.compare(lfc[t][b], lfc[t][a]);
                return cmp != 0 ? cmp : Integer.compare(a, b);
            });
            return c.size() > params.topNPerType() ? c.subList(0, params.topNPerType()) : c;
        }

        public List<String> genes() { return genes; }
        public List<String> types() { return types; }
        public Params params() { return params; }

        public double logFoldChange(int type, int gene) { return lfc[type][gene]; }
        public double q(int type, int gene) { return q[type][gene]; }
        public boolean isSelected(int gene) { return selected[gene]; }

        /** The statistics of gene j for its assigned type. */
        public GeneStat stat(int j) {
            int t = assignedType[j];
            return t < 0 ? new GeneStat(genes.get(j), "", Double.NaN, 1.0) : new GeneStat(genes.get(j), types.get(t), lfc[t][j], q[t][j]);
        }

        /** Selected genes in the input gene order. */
        public List<String> selectedGenes() {
            List<String> out = new ArrayList<>();
            for (int j = 0; j < genes.size(); j++) if (selected[j]) out.add(genes.get(j));
            return out;
        }

        /** Genes significant for at least one type (before any top-N cut). */
        public int significantCount() {
            int c = 0;
            for (int j = 0; j < genes.size(); j++) if (assignedType[j] >= 0 && significant(assignedType[j], j)) c++;
            return c;
        }

        /**
         * Per type (in type order), the selected genes assigned to it with a positive log fold change, largest
         * log fold change first: the type's markers.
         */
        public Map<String, List<String>> markersPerType() {
            Map<String, List<Integer>> idx = new LinkedHashMap<>();
            for (String t : types) idx.put(t, new ArrayList<>());
            for (int j = 0; j < genes.size(); j++) {
                int t = assignedType[j];
                if (selected[j] && t >= 0 && lfc[t][j] > 0 && significant(t, j)) idx.get(types.get(t)).add(j);
            }
            Map<String, List<String>> out = new LinkedHashMap<>();
            for (int t = 0; t < types.size(); t++) {
                final int tt = t;
                List<Integer> js = idx.get(types.get(t));
                js.sort((a, b) -> {
                    int cmp = Double.compare(lfc[tt][b], lfc[tt][a]);
                    return cmp != 0 ? cmp : Integer.compare(a, b);
                });
                List<String> names = new ArrayList<>(js.size());
                for (int j : js) names.add(genes.get(j));
                out.put(types.get(t), Collections.unmodifiableList(names));
            }
            return out;
        }
    }
}
