package org.stdeconv.data;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Per-row annotation columns (AnnData's obs without the index): text columns and numeric columns, in order. */
public final class ObsTable {
    private final int rows;
    private final LinkedHashMap<String, String[]> text = new LinkedHashMap<>();
    private final LinkedHashMap<String, double[]> numeric = new LinkedHashMap<>();
    /** Columns the file has but that could not be read, with the reason: a step asking for one says why. */
    private final LinkedHashMap<String, String> unreadable = new LinkedHashMap<>();

    public ObsTable(int rows) {
        this.rows = rows;
    }

    public int rows() { return rows; }

    public ObsTable putText(String name, String[] values) {
        check(name, values.length);
        numeric.remove(name);
        text.put(name, values);
        return this;
    }

    public ObsTable putNumeric(String name, double[] values) {
        check(name, values.length);
        text.remove(name);
        numeric.put(name, values);
        return this;
    }

    private void check(String name, int n) {
        if (n != rows) throw new IllegalArgumentException("obs column " + name + " has " + n + " values, expected " + rows);
    }

    public boolean has(String name) { return text.containsKey(name) || numeric.containsKey(name); }

    /** Records that the file has column {@code name} but it could not be read ({@code reason}). */
    public void putUnreadable(String name, String reason) { unreadable.put(name, reason); }

    /** Why column {@code name} could not be read, or null when it was read or is not in the file. */
    public String unreadable(String name) { return has(name) ? null : unreadable.get(name); }

    /**
     * The line for a step that needs column {@code name} and does not find it: the damage when the file has the column
     * but it could not be read, else that it is missing (with the readable columns).
     */
    public String whyMissing(String name) {
        String damage = unreadable(name);
        if (damage != null) return "the column is in the file but damaged (" + damage + ")";
        return "no such column (available obs columns: " + (names().isEmpty() ? "none" : String.join(", ", names())) + ")";
    }

    /**
     * The error for {@code file}'s missing column {@code name}: what {@link #whyMissing} says, and what to do:
     * rewrite a damaged file, else {@code hint}.
     */
    public org.stdeconv.InputDataException missingColumn(Object file, String name, String hint) {
        return new org.stdeconv.InputDataException(file, "obs/" + name, whyMissing(name),
                unreadable(name) != null ? "the file is damaged: rewrite it with anndata (adata.write_h5ad)" : hint);
    }
    public String[] text(String name) { return text.get(name); }
    public double[] numeric(String name) { return numeric.get(name); }
    public Map<String, String[]> textColumns() { return Collections.unmodifiableMap(text); }
    public Map<String, double[]> numericColumns() { return Collections.unmodifiableMap(numeric); }

    /** All column names: text first, then numeric, each in insertion order. */
    public Set<String> names() {
        LinkedHashMap<String, Boolean> all = new LinkedHashMap<>();
        text.keySet().forEach(k -> all.put(k, true));
        numeric.keySet().forEach(k -> all.put(k, true));
        return all.keySet();
    }

    public ObsTable selectRows(int[] idx) {
        ObsTable out = new ObsTable(idx.length);
        text.forEach((k, v) -> {
            String[] s = new String[idx.length];
            for (int i = 0; i < idx.length; i++) s[i] = v[idx[i]];
            out.putText(k, s);
        });
        numeric.forEach((k, v) -> {
            double[] d = new double[idx.length];
            for (int i = 0; i < idx.length; i++) d[i] = v[idx[i]];
            out.putNumeric(k, d);
        });
        return out;
    }

    @Override
    public String toString() {
        return "ObsTable" + Arrays.toString(names().toArray());
    }
}
