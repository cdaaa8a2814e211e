package org.stdeconv.io.text;

import org.stdeconv.InputDataException;
import org.stdeconv.data.CsrMatrix;
import org.stdeconv.data.ExpressionData;
import org.stdeconv.data.ObsTable;
import org.stdeconv.data.ProportionTable;
import org.stdeconv.io.Coordinates;
import org.stdeconv.io.DataChecks;
import org.stdeconv.io.ObsTableJoin;
import org.stdeconv.io.ReadOptions;
import org.stdeconv.log.Log;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A dense counts table in CSV or TSV (plain or .gz), either way round. The first column holds the row names (gene
 * names, or spot/cell ids); the header holds the column names, with or without a field over the row names (R's
 * write.csv and write.table both work). Orientation is declared or detected, in this order: coordinate columns
 * (x/y, col/row, ...) mean spots x genes; column names all of the form "XxY" mean genes x spots; row names all
 * "XxY" mean spots x genes; otherwise the longer side is taken to be the genes (logged, declare it when unsure).
 * Coordinates come from the coordinate columns or else from "XxY" spot names.
 *
 * <p>{@link #readWithTruth} adds known proportions (e.g. CARD's {@code pseudo_data_ratio_XX.csv.gz}, spots x types
 * in the counts' spot order, with or without a spot-id column) as {@code true_<type>} columns.
 */
public final class CsvReader {
    private CsvReader() {
    }

    public static ExpressionData read(Path file) {
        return read(file, ReadOptions.defaults());
    }

    /** Counts plus a proportions table: the form train and benchmark code use for CARD/ST-deconv simulated sets. */
    public static ExpressionData readWithTruth(Path countsTable, Path proportionsTable) {
        return withTruth(read(countsTable), proportionsTable);
    }

    public static ExpressionData read(Path file, ReadOptions options) {
        Table t = parse(file, options.orientation());
        boolean genesByRows = decideOrientation(file, t, options.orientation());
        CsrMatrix x = genesByRows ? t.values.transpose() : t.values;
        List<String> obs = genesByRows ? t.colNames : t.rowNames;
        List<String> genes = genesByRows ? t.rowNames : t.colNames;
        double[][] xy = t.coordinates;
        if (xy == null) xy = Coordinates.fromSpotNames(obs);
        ExpressionData d = new ExpressionData(x, obs, genes, new ObsTable(obs.size()), xy, null);
        DataChecks.requireUsableNames(file, genesByRows ? "column names (spot ids)" : "first column (spot ids)", obs);
        DataChecks.requireUsableNames(file, genesByRows ? "first column (gene names)" : "column names (gene names)", genes);
        d = DataChecks.requireUsable(file, d, "counts");
        for (Path side : options.obsTables()) d = ObsTableJoin.join(d, side);
        if (options.truthTable() != null) d = withTruth(d, options.truthTable());
        return d;
    }

    /** The table as written: row names, column names, values (rows x columns) and any coordinate columns. */
    private record Table(List<String> rowNames, List<String> colNames, CsrMatrix values, double[][] coordinates, boolean namedCoordinates) {
    }

    private static Table parse(Path file, ReadOptions.Orientation declared) {
        try {
            return parseTable(file, declared);
        } catch (InputDataException e) {
            throw DelimitedText.blameDamagedGzip(file, e);
        }
    }

    private static Table parseTable(Path file, ReadOptions.Orientation declared) {
        try (DelimitedText in = DelimitedText.open(file)) {
            List<String> header = in.next();
            if (header == null) throw new InputDataException(file, null, "no header line", "give a table with a header");
            String firstLine = in.nextLine();
            if (firstLine == null) throw new InputDataException(file, null, "no data rows below the header", "give at least one row");
            List<String> firstRow = DelimitedText.split(firstLine, in.delimiter());
            int width = firstRow.size();
            // one field more than the header: R's write.table (no header field over the row names), unless that field
            // is an empty last one, a separator some spreadsheet exports put at the end of every row
            boolean trailingSeparator = width == header.size() + 1 && firstRow.get(width - 1).isEmpty();
            List<String> names;
            if (width == header.size() + 1 && !trailingSeparator) names = header;
            else if (width == header.size() || trailingSeparator) names = header.subList(1, header.size());
            else throw ragged(file, in.lineNumber(), width, header.size());
            int[] xyCols = declared == ReadOptions.Orientation.GENES_BY_SPOTS ? null : Coordinates.findColumns(names);
            List<String> colNames = new ArrayList<>();
            int[] countCol = new int[names.size()];
            for (int j = 0; j < names.size(); j++) {
                boolean isXy = xyCols != null && (j == xyCols[0] || j == xyCols[1]);
                countCol[j] = isXy ? -1 : colNames.size();
                if (!isXy) colNames.add(names.get(j));
            }
            CsrMatrix.Builder b = new CsrMatrix.Builder(colNames.size());
            List<String> rowNames = new ArrayList<>();
            List<double[]> xy = xyCols == null ? null : new ArrayList<>();
            int[] idx = new int[colNames.size()];
            float[] val = new float[colNames.size()];
            for (String line = firstLine; line != null; line = in.nextLine()) {
                RowScanner s = new RowScanner(line, in.delimiter());
                rowNames.add(s.nextText());
                int n = 0;
                double x = Double.NaN, y = Double.NaN;
                for (int j = 0; j < names.size(); j++) {
                    if (!s.hasNext()) throw ragged(file, in.lineNumber(), j + 1, width);
                    if (countCol[j] < 0) {
                        double v = s.nextNumber(file, in.lineNumber(), names.get(j));
                        if (j == xyCols[0]) x = v; else y = v;
                        continue;
                    }
                    float v = (float) s.nextNumber(file, in.lineNumber(), names.get(j));
                    if (!Float.isFinite(v)) throw badCount(file, in.lineNumber(), names.get(j), "non-finite value " + v, "give raw counts without NaN or Inf");
                    if (v < 0) throw badCount(file, in.lineNumber(), names.get(j), "negative value " + v, "give raw counts, not scaled or log-centred values");
                    if (v != 0f) { idx[n] = countCol[j]; val[n] = v; n++; }
                }
                if (trailingSeparator) {
                    // the first row ended in an empty field after its last column: every row must
                    if (!s.hasNext() || !s.nextRaw().isBlank() || s.hasNext()) {
                        throw new InputDataException(file, "line " + in.lineNumber(), "the first data row ends with a separator after its last column but this one does not",
                                "end every row the same way (remove the trailing separators)");
                    }
                } else if (s.hasNext()) {
                    throw ragged(file, in.lineNumber(), width + s.remainingFields(), width);
                }
                b.addSparseRow(idx, val, n);
                if (xy != null) xy.add(new double[]{x, y});
            }
            double[][] coords = xy == null ? null : xy.toArray(new double[0][]);
            return new Table(rowNames, colNames, b.build(), coords, xyCols != null);
        }
    }

    private static boolean decideOrientation(Path file, Table t, ReadOptions.Orientation declared) {
        if (declared == ReadOptions.Orientation.GENES_BY_SPOTS) return true;
        if (declared == ReadOptions.Orientation.SPOTS_BY_GENES) return false;
        if (t.namedCoordinates) return false;
        if (!t.colNames.isEmpty() && t.colNames.stream().allMatch(Coordinates::isSpotName)) return true;
        if (t.rowNames.stream().allMatch(Coordinates::isSpotName)) return false;
        boolean genesByRows = t.rowNames.size() >= t.colNames.size();
        Log.info("%s: orientation not evident; taking %s (%d rows, %d columns) - declare the orientation if that is wrong",
                file.getFileName(), genesByRows ? "rows as genes (genes x spots)" : "columns as genes (spots x genes)", t.rowNames.size(), t.colNames.size());
        return genesByRows;
    }

    /** Adds {@code true_<type>} columns from a spots x types proportions table (by spot id when it has them, else by order). */
    public static ExpressionData withTruth(ExpressionData data, Path proportionsTable) {
        List<List<String>> rows = DelimitedText.withoutTrailingSeparator(proportionsTable, DelimitedText.readAll(proportionsTable));
        if (rows.size() < 2) throw new InputDataException(proportionsTable, null, "no proportion rows", "give a header of cell types and one row per spot");
        List<String> header = rows.get(0);
        int width = rows.get(1).size();
        boolean ids = width == header.size() + 1 || header.get(0).isEmpty() || isIdColumn(header.get(0), rows.get(1).get(0));
        List<String> types = width == header.size() + 1 ? header : header.subList(1, header.size());
        if (!ids) types = header;
        if (rows.size() - 1 != data.nObs()) {
            throw new InputDataException(proportionsTable, null, (rows.size() - 1) + " rows of proportions for " + data.nObs() + " spots", "give one row per spot of the counts table");
        }
        Map<String, Integer> spotIndex = new HashMap<>();
        for (int i = 0; i < data.nObs(); i++) spotIndex.put(data.obsNames().get(i), i);
        double[][] p = new double[types.size()][data.nObs()];
        boolean[] seen = new boolean[data.nObs()];
        for (int r = 1; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            if (row.size() != width) throw ragged(proportionsTable, r + 1, row.size(), width);
            int spot = r - 1;
            if (ids) {
                Integer i = spotIndex.get(row.get(0));
                if (i == null) throw new InputDataException(proportionsTable, "line " + (r + 1), "spot '" + row.get(0) + "' is not in the counts", "give the proportions of the same spots");
                if (seen[i]) throw new InputDataException(proportionsTable, "line " + (r + 1), "duplicate spot '" + row.get(0) + "'", "give one row per spot");
                spot = i;
            }
            seen[spot] = true;
            for (int j = 0; j < types.size(); j++) {
                String s = row.get(j + (ids ? 1 : 0));
                double v;
                try {
                    v = Double.parseDouble(s);
                } catch (NumberFormatException e) {
                    throw badCount(proportionsTable, r + 1, types.get(j), "'" + s + "' is not a proportion", "give numbers between 0 and 1");
                }
                if (!Double.isFinite(v) || v < 0) throw badCount(proportionsTable, r + 1, types.get(j), "invalid proportion " + s, "give finite proportions >= 0");
                p[j][spot] = v;
            }
        }
        // the rule train and evaluate apply when they read these columns back, applied before anything is written
        double[][] bySpot = new double[data.nObs()][types.size()];
        for (int j = 0; j < types.size(); j++) for (int i = 0; i < data.nObs(); i++) bySpot[i][j] = p[j][i];
        new ProportionTable(data.obsNames(), types, bySpot, null).checkSumsToOne(proportionsTable, null);
        ObsTable obs = new ObsTable(data.nObs());
        data.obs().textColumns().forEach(obs::putText);
        data.obs().numericColumns().forEach(obs::putNumeric);
        for (int j = 0; j < types.size(); j++) obs.putNumeric(ProportionTable.TRUTH_PREFIX + types.get(j), p[j]);
        return new ExpressionData(data.counts(), data.obsNames(), data.varNames(), obs, data.spatial(), data.uns(), data.obsm());
    }

    /**
     * Whether the first column of a proportions table holds spot ids although its header cell is named: infer's
     * proportions.tsv calls it "spot", pandas writes the index name; a text value (not a proportion) below says so too.
     */
    private static boolean isIdColumn(String headerCell, String firstValue) {
        String h = headerCell.trim().toLowerCase(java.util.Locale.ROOT);
        if (List.of("spot", "spot_id", "spots", "barcode", "barcodes", "cell", "id", "index", "obs_names").contains(h)) return true;
        try {
            Double.parseDouble(firstValue);
            return false;
        } catch (NumberFormatException e) {
            return true;
        }
    }

    private static InputDataException ragged(Path file, long line, int fields, int expected) {
        return new InputDataException(file, "line " + line, fields + " fields where the table has " + expected, "give every row the same number of fields (a ragged or truncated table)");
    }

    private static InputDataException badCount(Path file, long line, String column, String problem, String hint) {
        return new InputDataException(file, "line " + line + ", column '" + column + "'", problem, hint);
    }

    /** Walks one line field by field, parsing numbers without building a String for each. */
    private static final class RowScanner {
        private final String line;
        private final char delimiter;
        private final int end;
        private int pos;

        RowScanner(String line, char delimiter) {
            this.line = line;
            this.delimiter = delimiter;
            int e = line.length();
            if (e > 0 && line.charAt(e - 1) == '\r') e--;
            this.end = e;
        }

        boolean hasNext() {
            return pos <= end;
        }

        int remainingFields() {
            int n = 0;
            while (hasNext()) { nextRaw(); n++; }
            return n;
        }

        private int fieldEnd() {
            if (pos < end && line.charAt(pos) == '"') {
                int q = pos + 1;
                while (q < end && !(line.charAt(q) == '"' && (q + 1 >= end || line.charAt(q + 1) != '"'))) q += line.charAt(q) == '"' ? 2 : 1;
                int d = line.indexOf(delimiter, q);
                return d < 0 || d > end ? end : d;
            }
            int d = line.indexOf(delimiter, pos);
            return d < 0 || d > end ? end : d;
        }

        private String nextRaw() {
            int e = fieldEnd();
            String s = line.substring(pos, e);
            pos = e + 1;
            return s;
        }

        String nextText() {
            String s = nextRaw().trim();
            if (s.length() >= 2 && s.charAt(0) == '"' && s.charAt(s.length() - 1) == '"') s = s.substring(1, s.length() - 1).replace("\"\"", "\"");
            return s;
        }

        double nextNumber(Path file, long lineNo, String column) {
            int e = fieldEnd();
            int a = pos, z = e;
            while (a < z && line.charAt(a) == ' ') a++;
            while (z > a && line.charAt(z - 1) == ' ') z--;
            pos = e + 1;
            long v = 0;
            int i = a;
            while (i < z && i - a < 15) {
                char c = line.charAt(i);
                if (c < '0' || c > '9') break;
                v = v * 10 + (c - '0');
                i++;
            }
            if (i == z && z > a) return v;
            String s = line.substring(a, z);
            if (s.length() >= 2 && s.charAt(0) == '"' && s.charAt(s.length() - 1) == '"') s = s.substring(1, s.length() - 1);
            try {
                if (s.equals("NA")) return Double.NaN;
                return Double.parseDouble(s);
            } catch (NumberFormatException ex) {
                throw badCount(file, lineNo, column, "'" + s + "' is not a number", "give numeric counts only (row names in the first column, no other text columns)");
            }
        }
    }
}
