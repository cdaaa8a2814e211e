package org.stdeconv.data;

import org.stdeconv.InputDataException;

import java.util.Collection;
import java.util.List;

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

    private CellTypeNames() {
    }

    public static void check(Collection<String> names, Object file, String field) {
        for (String name : names) {
            if (TsvNames.breaksRow(name)) {
                throw new InputDataException(file, field, "cell type '" + TsvNames.shown(name) + "' holds a TAB or line break, which would break the TSV outputs", "rename the cell type");
            }
            if (RESERVED.contains(name)) {
                throw new InputDataException(file, field, "cell type '" + name + "' has the name of a column infer writes beside the types' ("
                        + String.join(", ", RESERVED) + ")", "rename the cell type");
            }
        }
    }
}
