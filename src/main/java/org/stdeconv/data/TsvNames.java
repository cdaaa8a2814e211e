package org.stdeconv.data;

/**
 * Names (spots, cells, genes, cell types) become rows and columns of the TSV outputs, where a TAB or line break in
 * one would shift or split a row, and white space around one or a leading quote would not be read back: the tests for
 * that, and how such a name is shown in a one-line message.
 */
public final class TsvNames {
    private TsvNames() {
    }

    /** Whether {@code name} holds a TAB or line break. */
    public static boolean breaksRow(String name) {
        return name != null && (name.indexOf('\t') >= 0 || name.indexOf('\n') >= 0 || name.indexOf('\r') >= 0);
    }

    /**
     * Whether {@code name} would be read back as another name from a TSV output: stdeconv's table reader (as pandas
     * and R do) trims the white space around a field and takes a field that starts with a double quote as quoted, so
     * infer's proportions.tsv of a spot ' 3x0 ' did not match its own slide in evaluate.
     */
    public static boolean readsBackChanged(String name) {
        return name != null && (!name.equals(name.trim()) || name.startsWith("\""));
    }

    /** {@code name} with TABs and line breaks written as \t, \n, \r. */
    public static String shown(String name) {
        return name.replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }
}
