package org.stdeconv.data;

/**
 * Names (spots, cells, genes, cell types) become rows and columns of the TSV outputs, where a TAB or line break in
 * one would shift or split a row: the one test for that, and how such a name is shown in a one-line message.
 */
public final class TsvNames {
    private TsvNames() {
    }

    /** Whether {@code name} holds a TAB or line break. */
    public static boolean breaksRow(String name) {
        return name != null && (name.indexOf('\t') >= 0 || name.indexOf('\n') >= 0 || name.indexOf('\r') >= 0);
    }

    /** {@code name} with TABs and line breaks written as \t, \n, \r. */
    public static String shown(String name) {
        return name.replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }
}
