package org.stdeconv.io;

import org.stdeconv.InputDataException;
import org.stdeconv.data.ExpressionData;
import org.stdeconv.data.ObsTable;
import org.stdeconv.io.text.DelimitedText;
import org.stdeconv.log.Log;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Joins a side table (CSV/TSV keyed by observation id in its first column, as R's write.csv writes it) onto the
 * observations: text columns stay text, columns whose values all parse as numbers become numeric. A coordinate
 * pair (x/y, col/row, ...) must be numeric (a text value is an error); covering every observation, it becomes the
 * coordinates when there are none yet; otherwise
 * it is kept as ordinary columns (or dropped, when coordinates exist already). Observations missing from the
 * table get empty text or NaN; table rows for unknown ids are ignored, but a table matching none is an error.
 */
public final class ObsTableJoin {
    private ObsTableJoin() {
    }

    public static ExpressionData join(ExpressionData data, Path table) {
        List<List<String>> rows = DelimitedText.withoutTrailingSeparator(table, DelimitedText.readAll(table));
        if (rows.isEmpty()) throw new InputDataException(table, null, "no header line", "give a table with a header and one row per observation");
        List<String> header = new ArrayList<>(rows.get(0));
        int width = rows.size() > 1 ? rows.get(1).size() : header.size();
        if (width == header.size() + 1) header.add(0, ""); // R's write.table: no header field over the row names
        Map<String, Integer> obsIndex = new HashMap<>(data.nObs() * 2);
        for (int i = 0; i < data.nObs(); i++) obsIndex.put(data.obsNames().get(i), i);
        int n = data.nObs();
        String[][] cols = new String[header.size()][n];
        boolean[] seen = new boolean[n];
        int matched = 0;
        int[] xy = Coordinates.findColumns(header);
        for (int r = 1; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            if (row.size() != header.size()) {
                throw new InputDataException(table, "line " + (r + 1), row.size() + " fields but the header has " + header.size(), "give every row the same number of fields");
            }
            if (xy != null) for (int j : xy) requireCoordinate(table, r + 1, header.get(j), row.get(j));
            Integer i = obsIndex.get(row.get(0));
            if (i == null) continue;
            if (seen[i]) throw new InputDataException(table, "line " + (r + 1), "duplicate id '" + row.get(0) + "'", "give one row per observation");
            seen[i] = true;
            matched++;
            for (int j = 1; j < header.size(); j++) cols[j][i] = row.get(j);
        }
        if (matched == 0) {
            throw new InputDataException(table, "first column", "no id matches an observation (table ids like '" + (rows.size() > 1 ? rows.get(1).get(0) : "") + "', observations like '" + data.obsNames().get(0) + "')",
                    "key the table by the observation ids (barcodes / spot names) in its first column");
        }
        if (matched < n) Log.info("%s: %d of %d observations have no row; their values are left empty", table.getFileName(), n - matched, n);

        ObsTable obs = copy(data.obs());
        double[][] spatial = data.spatial();
        List<Integer> skip = new ArrayList<>();
        skip.add(0);
        if (xy != null && numeric(cols[xy[0]]) != null && numeric(cols[xy[1]]) != null) {
            if (spatial == null && matched == n) {
                double[] x = numeric(cols[xy[0]]), y = numeric(cols[xy[1]]);
                spatial = new double[n][];
                for (int i = 0; i < n; i++) spatial[i] = new double[]{x[i], y[i]};
                skip.add(xy[0]);
                skip.add(xy[1]);
            } else if (spatial != null) {
                skip.add(xy[0]);
                skip.add(xy[1]);
            }
        }
        for (int j = 1; j < header.size(); j++) {
            if (skip.contains(j)) continue;
            String name = header.get(j).isEmpty() ? "column" + j : header.get(j);
            if (obs.has(name)) {
                Log.warn("%s: column '%s' already present; the table's copy is ignored", table.getFileName(), name);
                continue;
            }
            double[] v = numeric(cols[j]);
            if (v != null) obs.putNumeric(name, v);
            else {
                String[] s = cols[j].clone();
                for (int i = 0; i < n; i++) if (s[i] == null || isMissing(s[i])) s[i] = "";
                obs.putText(name, s);
            }
        }
        return new ExpressionData(data.counts(), data.obsNames(), data.varNames(), obs, spatial, data.uns(), data.obsm());
    }

    /**
     * A coordinate column with one text value would otherwise become a text column and the coordinates silently come
     * from elsewhere (spot names) or nowhere; a missing value (empty, NA) is allowed and leaves that spot unplaced.
     */
    private static void requireCoordinate(Path table, int line, String column, String value) {
        if (isMissing(value)) return;
        try {
            Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new InputDataException(table, "line " + line + ", column '" + column + "'", "'" + value + "' is not a number",
                    "give numeric coordinates (empty or NA for a spot without a place)");
        }
    }

    private static ObsTable copy(ObsTable t) {
        ObsTable out = new ObsTable(t.rows());
        t.textColumns().forEach(out::putText);
        t.numericColumns().forEach(out::putNumeric);
        return out;
    }

    private static boolean isMissing(String s) {
        return s.isEmpty() || s.equals("NA");
    }

    /** The values as numbers (missing as NaN), or null when any present value is not a number. */
    static double[] numeric(String[] values) {
        double[] out = new double[values.length];
        Arrays.fill(out, Double.NaN);
        boolean any = false;
        for (int i = 0; i < values.length; i++) {
            String s = values[i];
            if (s == null || isMissing(s)) continue;
            try {
                out[i] = Double.parseDouble(s);
                any = true;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return any ? out : null;
    }
}
