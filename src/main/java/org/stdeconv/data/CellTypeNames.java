package org.stdeconv.data;

import org.stdeconv.InputDataException;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Cell-type names end up as TSV column headers (proportions.tsv, metrics) and YAML list items (model.yaml): a TAB,
 * newline or carriage return in one would shift every column after it, and a name that infer's outputs already use
 * for a column of their own would give two columns of that name (the annotated h5ad keeps one of them). Such names
 * are refused where they enter: qc's and simulate's reference, truth columns.
 */
public final class CellTypeNames {
    /**
     * The columns infer writes beside the types': proportions.tsv's ({@link ProportionTable}), intervals.tsv's last
     * one and, with the stdeconv_ prefix, the annotated h5ad's obs columns.
     */
    public static final List<String> RESERVED = List.of(ProportionTable.SPOT, ProportionTable.X, ProportionTable.Y,
            ProportionTable.DOMINANT, ProportionTable.ENTROPY, "interval_difficulty");

    /**
     * Labels that mean "no label": what pandas reads as missing by default (and R's NA), compared ignoring case. A
     * cell so labelled is unlabelled everywhere (qc, simulate, evaluate); as a type name (a truth column) it would be
     * read back as missing, and infer writes NA for a spot without a dominant type.
     */
    private static final Set<String> MISSING = Set.of("", "nan", "na", "n/a", "#n/a", "<na>", "null", "none");

    private CellTypeNames() {
    }

    /** A reference cell's label as every step reads it: trimmed, and "" where it is empty or a missing-value marker. */
    public static String label(String raw) {
        if (raw == null) return "";
        String t = raw.strip();
        return MISSING.contains(t.toLowerCase(Locale.ROOT)) ? "" : t;
    }

    /**
     * The labels of every cell by {@link #label}; cells labelled with a missing-value marker (not left empty) are
     * named in a warning, since in an .h5ad "NA" may have been meant as a type.
     */
    public static String[] labels(String[] raw, Object file, String field) {
        String[] out = new String[raw.length];
        java.util.TreeMap<String, Integer> markers = new java.util.TreeMap<>();
        for (int i = 0; i < raw.length; i++) {
            out[i] = label(raw[i]);
            if (out[i].isEmpty() && raw[i] != null && !raw[i].isBlank()) markers.merge(raw[i].strip(), 1, Integer::sum);
        }
        if (!markers.isEmpty()) {
            List<String> seen = markers.entrySet().stream().map(e -> e.getValue() + " x '" + e.getKey() + "'").toList();
            org.stdeconv.log.Log.warn("%s: %s: cells labelled %s (missing-value markers, as pandas and R read them) are unlabelled and left out; rename the label if it is a cell type",
                    file, field, String.join(", ", seen));
        }
        return out;
    }

    public static void check(Collection<String> names, Object file, String field) {
        for (String name : names) {
            if (TsvNames.breaksRow(name)) {
                throw new InputDataException(file, field, "cell type '" + TsvNames.shown(name) + "' holds a TAB or line break, which would break the TSV outputs", "rename the cell type");
            }
            if (TsvNames.readsBackChanged(name)) {
                throw new InputDataException(file, field, "cell type '" + TsvNames.shown(name) + "' begins or ends with white space or begins with a double quote,"
                        + " so it would not match the same type read back from the TSV outputs", "remove the spaces or the quote from the name");
            }
            if (MISSING.contains(name.toLowerCase(Locale.ROOT))) {
                throw new InputDataException(file, field, "cell type '" + name + "' is a missing-value marker (pandas and R read it as missing, and infer writes NA"
                        + " for a spot without a dominant type)", "rename the cell type");
            }
            if (RESERVED.contains(name)) {
                throw new InputDataException(file, field, "cell type '" + name + "' has the name of a column infer writes beside the types' ("
                        + String.join(", ", RESERVED) + ")", "rename the cell type");
            }
        }
    }
}
