package org.stdeconv.data;

import org.stdeconv.InputDataException;

import java.util.Collection;

/**
 * Cell-type names end up as TSV column headers (proportions.tsv, metrics) and YAML list items (model.yaml): a TAB,
 * newline or carriage return in one would shift every column after it, so such a name is refused where it enters.
 */
public final class CellTypeNames {
    private CellTypeNames() {
    }

    public static void check(Collection<String> names, Object file, String field) {
        for (String name : names) {
            if (name.indexOf('\t') >= 0 || name.indexOf('\n') >= 0 || name.indexOf('\r') >= 0) {
                throw new InputDataException(file, field, "cell type '" + name.replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
                        + "' holds a TAB or line break, which would break the TSV outputs", "rename the cell type");
            }
        }
    }
}
