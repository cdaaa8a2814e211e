package org.stdeconv.io.text;

import org.stdeconv.InputDataException;
import org.stdeconv.data.ProportionTable;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.stdeconv.data.ProportionTable.DOMINANT;
import static org.stdeconv.data.ProportionTable.ENTROPY;
import static org.stdeconv.data.ProportionTable.X;
import static org.stdeconv.data.ProportionTable.Y;

/**
 * Reads a proportion table: infer's proportions.tsv, or a truth table from elsewhere with a spot column and one
 * numeric column per type. Truth often comes as CSV (pandas, R) or gzipped, so the text is read through
 * {@link DelimitedText} like every other table (gzip by name, strict UTF-8, delimiter from the header, R's quoting):
 * one reader of delimited text means one set of rules and error messages. It lives here, not beside
 * {@link ProportionTable}, because the data package does not depend on io.
 */
public final class ProportionTableReader {
    private ProportionTableReader() {
    }

    /** A proportion table as users bring it (x/y, dominant_type and entropy columns optional, all else a type). */
    public static ProportionTable read(Path file) {
        return read(file, false);
    }

    /**
     * A proportions.tsv that infer or merge has just written, where a spot the slide gives no finite coordinates (a
     * NaN in obsm['spatial']) has x or y NaN: such a spot keeps its proportions, and its NaN coordinates say it has no
     * place on the maps ({@link ProportionTable#placed}). In a table from elsewhere a NaN coordinate is an error.
     */
    public static ProportionTable readWritten(Path file) {
        return read(file, true);
    }

    private static ProportionTable read(Path file, boolean unplacedSpots) {
        try (DelimitedText t = DelimitedText.open(file)) {
            List<String> h = t.next();
            if (h == null) throw new InputDataException(file, null, "file is empty", "give infer's proportions.tsv");
            List<Integer> typeCols = new ArrayList<>();
            List<String> types = new ArrayList<>();
            int xCol = -1, yCol = -1;
            // column 0 is the spot whatever its header says (R's write.csv leaves it empty)
            for (int j = 1; j < h.size(); j++) {
                switch (h.get(j)) {
                    case X -> xCol = j;
                    case Y -> yCol = j;
                    case DOMINANT, ENTROPY -> { }
                    default -> { typeCols.add(j); types.add(h.get(j)); }
                }
            }
            if (types.isEmpty()) throw new InputDataException(file, "header", "no cell-type columns", "give infer's proportions.tsv");
            List<String> spots = new ArrayList<>();
            List<double[]> rows = new ArrayList<>();
            List<double[]> coords = new ArrayList<>();
            boolean hasXy = xCol >= 0 && yCol >= 0;
            for (List<String> f = t.next(); f != null; f = t.next()) {
                long line = t.lineNumber();
                if (f.size() != h.size()) throw new InputDataException(file, "line " + line, f.size() + " fields, header has " + h.size(), "the table is ragged or cut; regenerate it");
                spots.add(f.get(0));
                double[] v = new double[types.size()];
                for (int k = 0; k < v.length; k++) v[k] = parseProportion(f.get(typeCols.get(k)), file, line, h.get(typeCols.get(k)));
                rows.add(v);
                if (hasXy) {
                    // infer writes NA for both when the slide has no coordinates: the table then has none
                    String x = f.get(xCol), y = f.get(yCol);
                    if (x.equals("NA") || y.equals("NA")) hasXy = false;
                    else if (unplacedSpots && (x.equals("NaN") || y.equals("NaN"))) coords.add(new double[]{Double.NaN, Double.NaN});
                    else coords.add(new double[]{parse(x, file, line, X), parse(y, file, line, Y)});
                }
            }
            return new ProportionTable(spots, types, rows.toArray(new double[0][]), hasXy ? coords.toArray(new double[0][]) : null);
        }
    }

    /** A proportion cell: a finite number, or NaN/NA where infer had nothing to deconvolve (a spot without counts). */
    private static double parseProportion(String s, Path file, long line, String col) {
        if (s.equals("NaN") || s.equals("NA") || s.equals("nan")) return Double.NaN;
        return parse(s, file, line, col);
    }

    private static double parse(String s, Path file, long line, String col) {
        try {
            double v = Double.parseDouble(s);
            if (!Double.isFinite(v)) throw new NumberFormatException();
            return v;
        } catch (NumberFormatException e) {
            throw new InputDataException(file, "line " + line + ", column " + col, "not a finite number: '" + s + "'", "fix or regenerate the table");
        }
    }
}
