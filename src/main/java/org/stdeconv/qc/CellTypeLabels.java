package org.stdeconv.qc;

import org.stdeconv.InputDataException;
import org.stdeconv.data.CellTypeNames;
import org.stdeconv.data.ExpressionData;

import java.util.TreeSet;

/** The cell-type label of every reference cell, read from an obs column by {@link CellTypeNames#label}. */
public final class CellTypeLabels {
    private CellTypeLabels() {
    }

    /** Labels per cell ("" when unlabelled). {@code file} only names the source in the error message. */
    public static String[] read(ExpressionData data, String column, Object file) {
        if (data.obs().text(column) != null) {
            String[] out = CellTypeNames.labels(data.obs().text(column), file, "obs/" + column);
            // before qc writes genes.tsv and qc.tsv with a column per type (simulate checks again: it may get any reference)
            CellTypeNames.check(types(out), file, "obs/" + column);
            return out;
        }
        if (data.obs().numeric(column) != null) {
            // codes (0, 1, 2 ...) pass through qc as a numeric column that simulate then refuses; and the names the
            // model and every output would show would be the codes: refuse them here, as simulate does
            throw new InputDataException(file, "obs/" + column, "not a text column", "the column is numeric; give a column of cell-type names");
        }
        throw data.obs().missingColumn(file, column, "set cell_type_column to the column holding the cell types");
    }

    /** Distinct non-empty labels, sorted, so that the type order never depends on the cell order. */
    public static java.util.List<String> types(String[] labels) {
        TreeSet<String> s = new TreeSet<>();
        for (String l : labels) if (!l.isEmpty()) s.add(l);
        return java.util.List.copyOf(s);
    }
}
