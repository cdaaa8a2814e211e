package org.stdeconv.io.anndata;

import org.stdeconv.data.ObsTable;
import org.stdeconv.io.hdf5.H5Data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** anndata's dataframe encoding (a group with _index, column-order and one dataset per column), built and extended. */
public final class DataFrames {
    static final String COLUMN_ORDER = "column-order", INDEX = "_index";

    private DataFrames() {
    }

    /** A frame with {@code index} as its row names and no columns yet. */
    public static AnnNode.Group frame(List<String> index) {
        AnnNode.Group g = AnnNode.Group.encoded("dataframe", "0.2.0");
        g.attributes().put(INDEX, H5Array.string(INDEX));
        g.attributes().put(COLUMN_ORDER, H5Array.string(""));
        g.children().put(INDEX, AnnNode.Dataset.encoded(H5Array.strings(index), "string-array", "0.2.0"));
        return g;
    }

    /** A frame of {@code index} with the columns of {@code table} (text columns first, as the writer always did). */
    public static AnnNode.Group frame(List<String> index, ObsTable table) {
        AnnNode.Group g = frame(index);
        putAll(g, table);
        return g;
    }

    /** An n x k matrix as a frame whose columns are {@code columns} (obsm entries that carry their column names). */
    public static AnnNode.Group frame(List<String> index, List<String> columns, double[][] rows) {
        AnnNode.Group g = frame(index);
        for (int j = 0; j < columns.size(); j++) {
            double[] v = new double[rows.length];
            for (int i = 0; i < v.length; i++) v[i] = rows[i][j];
            put(g, columns.get(j), AnnNode.Dataset.encoded(H5Array.of(H5Data.float64(v)), "array", "0.2.0"));
        }
        return g;
    }

    public static void putAll(AnnNode.Group frame, ObsTable table) {
        table.textColumns().forEach((k, v) -> put(frame, k, AnnNode.Dataset.encoded(H5Array.strings(Arrays.asList(v)), "string-array", "0.2.0")));
        table.numericColumns().forEach((k, v) -> put(frame, k, AnnNode.Dataset.encoded(H5Array.of(H5Data.float64(v)), "array", "0.2.0")));
    }

    /** The column names in frame order. */
    public static List<String> columns(AnnNode.Group frame) {
        H5Array order = frame.attributes().get(COLUMN_ORDER);
        if (order == null || !order.isText()) return List.of();
        if (order.dims().length == 0) return order.text()[0].isEmpty() ? List.of() : List.of(order.text()[0]);
        return List.of(order.text());
    }

    /** Adds or replaces column {@code name} (placed last when new). */
    public static void put(AnnNode.Group frame, String name, AnnNode column) {
        remove(frame, name);
        putAtPath(frame, name, column);
        List<String> order = new ArrayList<>(columns(frame));
        order.add(name);
        frame.attributes().put(COLUMN_ORDER, H5Array.strings(order));
    }

    /** Removes the columns whose names start with {@code prefix} (a rerun replaces its own columns). */
    public static void removeWithPrefix(AnnNode.Group frame, String prefix) {
        for (String c : columns(frame)) if (c.startsWith(prefix)) remove(frame, c);
    }

    private static void remove(AnnNode.Group frame, String name) {
        List<String> order = new ArrayList<>(columns(frame));
        if (!order.remove(name)) return;
        String[] parts = name.split("/", -1);
        AnnNode.Group at = frame;
        for (int i = 0; i < parts.length - 1 && at != null; i++) at = at.children().get(part(parts[i])) instanceof AnnNode.Group g ? g : null;
        if (at != null) at.children().remove(part(parts[parts.length - 1]));
        frame.attributes().put(COLUMN_ORDER, order.isEmpty() ? H5Array.string("") : H5Array.strings(order));
    }

    /**
     * A column name with '/' (e.g. the cell type "eL2/3") is an HDF5 path: anndata 0.8 stores it as a dataset inside
     * groups and finds it again through column-order, so do the same (empty parts become "_").
     */
    private static void putAtPath(AnnNode.Group frame, String name, AnnNode column) {
        String[] parts = name.split("/", -1);
        AnnNode.Group at = frame;
        for (int i = 0; i < parts.length - 1; i++) {
            at = (AnnNode.Group) at.children().computeIfAbsent(part(parts[i]), k -> new AnnNode.Group());
        }
        at.children().put(part(parts[parts.length - 1]), column);
    }

    private static String part(String p) {
        return p.isEmpty() ? "_" : p;
    }
}
