package org.stdeconv.evaluate;

import org.stdeconv.data.CellTypeNames;
import org.stdeconv.data.CsrMatrix;
import org.stdeconv.data.ExpressionData;
import org.stdeconv.data.InputTransform;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The mean transformed expression of each reference cell type over a fixed gene list: the design matrix of the NNLS
 * baseline and the basis of marker selection. Types keep their order of first appearance in the reference; cells
 * with an empty label are left out.
 */
public record ReferenceProfiles(List<String> types, List<String> genes, double[][] mean, int[] cells) {

    /** Cell-type label of every reference cell as qc and simulate read it (error naming the file and the available columns when missing). */
    public static String[] labels(ExpressionData reference, String column, Path file) {
        String[] text = reference.obs().text(column);
        String[] labels;
        if (text != null) {
            labels = CellTypeNames.labels(text, file, "obs/" + column);
        } else {
            double[] numeric = reference.obs().numeric(column);
            if (numeric == null) {
                throw reference.obs().missingColumn(file, column, "set cell_type_column to the column holding the cell types");
            }
            labels = new String[numeric.length];
            for (int i = 0; i < numeric.length; i++) labels[i] = Double.isNaN(numeric[i]) ? null : Labels.format(numeric[i]);
        }
        return labels;
    }

    /** Profiles over {@code genes} (reference genes absent from that list are ignored) under {@code transform}. */
    public static ReferenceProfiles of(ExpressionData reference, String[] labels, List<String> genes, InputTransform transform) {
        CsrMatrix counts = reference.alignGenes(genes).counts();
        Map<String, Integer> typeIndex = new LinkedHashMap<>();
        for (String l : labels) if (l != null && !l.isEmpty()) typeIndex.putIfAbsent(l, typeIndex.size());
        int k = typeIndex.size(), g = genes.size();
        double[][] sum = new double[k][g];
        int[] cells = new int[k];
        float[] row = new float[g];
        for (int i = 0; i < counts.rows(); i++) {
            if (labels[i] == null || labels[i].isEmpty()) continue;
            int t = typeIndex.get(labels[i]);
            transform.apply(counts, i, row);
            for (int j = 0; j < g; j++) {
                sum[t][j] += row[j];
            }
            cells[t]++;
        }
        for (int t = 0; t < k; t++) for (int j = 0; j < g; j++) sum[t][j] /= cells[t];
        return new ReferenceProfiles(new ArrayList<>(typeIndex.keySet()), List.copyOf(genes), sum, cells);
    }

    public int typeIndex(String type) {
        return types.indexOf(type);
    }

    /** The highest mean of gene {@code j} among the other types (0 when there is no other type). */
    public double maxOfOthers(int t, int j) {
        double max = 0;
        for (int u = 0; u < types.size(); u++) if (u != t) max = Math.max(max, mean[u][j]);
        return max;
    }
}
