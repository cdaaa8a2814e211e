package org.stdeconv.simulate;

import org.stdeconv.InputDataException;
import org.stdeconv.data.CellTypeNames;
import org.stdeconv.data.ExpressionData;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** The reference cells grouped by cell type (types in sorted order, so the order never depends on the file's). */
public final class CellPool {
    private final List<String> types;
    private final int[][] cellsOfType;

    private CellPool(List<String> types, int[][] cellsOfType) {
        this.types = List.copyOf(types);
        this.cellsOfType = cellsOfType;
    }

    /** Groups the reference's cells by {@code column}; cells without a label ({@link CellTypeNames#label}) are left out. */
    public static CellPool of(ExpressionData reference, String column, Path file) {
        if (!reference.counts().hasNonZero()) throw new InputDataException(file, "X", "every cell has zero counts: there is no expression to simulate spots from", "check that X holds the counts (not an empty matrix)");
        String[] labels = reference.obs().text(column);
        if (labels == null) {
            if (!reference.obs().has(column)) throw reference.obs().missingColumn(file, column, "set cell_type_column to the column holding the cell types");
            throw new InputDataException(file, "obs/" + column, "not a text column", "the column is numeric; give a column of cell-type names");
        }
        TreeMap<String, List<Integer>> byType = new TreeMap<>();
        // qc's rule: a label is trimmed, and empty or NA-like means none (a "Tcell " once became a type of its own)
        String[] trimmed = CellTypeNames.labels(labels, file, "obs/" + column);
        for (int i = 0; i < labels.length; i++) if (!trimmed[i].isEmpty()) byType.computeIfAbsent(trimmed[i], k -> new ArrayList<>()).add(i);
        if (byType.isEmpty()) throw new InputDataException(file, "obs/" + column, "no cell has a cell-type label", "fill the column with cell-type names");
        if (byType.size() < 2) {
            throw new InputDataException(file, "obs/" + column, "only one cell type (" + byType.firstKey() + "): nothing to deconvolve", "give a reference with at least two cell types");
        }
        List<String> types = new ArrayList<>(byType.keySet());
        CellTypeNames.check(types, file, "obs/" + column);
        int[][] cells = new int[types.size()][];
        for (int t = 0; t < types.size(); t++) cells[t] = byType.get(types.get(t)).stream().mapToInt(Integer::intValue).toArray();
        return new CellPool(types, cells);
    }

    public List<String> types() { return types; }
    public int nTypes() { return types.size(); }
    public int[] cells(int type) { return cellsOfType[type]; }
    public int size(int type) { return cellsOfType[type].length; }
}
