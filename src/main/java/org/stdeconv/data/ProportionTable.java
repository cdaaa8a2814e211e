package org.stdeconv.data;

import org.stdeconv.InputDataException;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Cell-type proportions per spot: what infer writes (proportions.tsv), evaluate reads, and simulated or real truth
 * ({@code true_<type>} obs columns) becomes. Rows sum to 1 for predictions (NaN rows: spots infer had no counts for); truth must sum to 1 within
 * {@link #SUM_TOLERANCE}. Read from a file by {@code io.text.ProportionTableReader} (this package does not depend on io).
 */
public final class ProportionTable {
    public static final String TRUTH_PREFIX = "true_";
    /** Fixed columns of proportions.tsv around the per-type columns. */
    public static final String SPOT = "spot", X = "x", Y = "y", DOMINANT = "dominant_type", ENTROPY = "entropy";

    private final List<String> spots;
    private final List<String> types;
    private final double[][] values;
    private final double[][] xy;

    public ProportionTable(List<String> spots, List<String> types, double[][] values, double[][] xy) {
        if (values.length != spots.size()) throw new IllegalArgumentException(values.length + " rows for " + spots.size() + " spots");
        for (double[] r : values) if (r.length != types.size()) throw new IllegalArgumentException("row width " + r.length + " != " + types.size() + " types");
        if (xy != null && xy.length != spots.size()) throw new IllegalArgumentException("coordinates for " + xy.length + " of " + spots.size() + " spots");
        this.spots = List.copyOf(spots);
        this.types = List.copyOf(types);
        this.values = values;
        this.xy = xy;
    }

    public List<String> spots() { return spots; }
    public List<String> types() { return types; }
    public double[][] values() { return values; }
    /** n x 2 coordinates or null. */
    public double[][] xy() { return xy; }
    public int size() { return spots.size(); }

    public double[] column(String type) {
        int j = types.indexOf(type);
        if (j < 0) throw new IllegalArgumentException("no type " + type);
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) out[i] = values[i][j];
        return out;
    }

    /** True proportions from obs columns {@code true_<type>} (error naming the file when there are none). */
    public static ProportionTable fromTruthColumns(ExpressionData data, Path file) {
        // a true_<type> column stored as text would be left out of the types, and the sums blamed for the missing type
        for (String c : data.obs().textColumns().keySet()) {
            if (c.startsWith(TRUTH_PREFIX) && c.length() > TRUTH_PREFIX.length()) {
                throw new InputDataException(file, "obs/" + c, "not numeric (a text column); true_<type> columns hold the true proportions",
                        "store the proportions as numbers (or rename the column if it is not a cell type's proportion)");
            }
        }
        List<String> types = truthTypes(data);
        if (types.isEmpty()) {
            throw new InputDataException(file, "obs", "no true_<type> columns with known proportions (found: " + String.join(", ", data.obs().names()) + ")",
                    "give spots with truth, e.g. the output of stdeconv simulate");
        }
        CellTypeNames.check(types, file, "obs/" + TRUTH_PREFIX + "<type>");
        double[][] v = new double[data.nObs()][types.size()];
        for (int j = 0; j < types.size(); j++) {
            double[] col = data.obs().numeric(TRUTH_PREFIX + types.get(j));
            for (int i = 0; i < v.length; i++) {
                if (!Double.isFinite(col[i]) || col[i] < 0) {
                    throw new InputDataException(file, "obs/" + TRUTH_PREFIX + types.get(j), "invalid proportion " + col[i] + " at " + data.obsNames().get(i), "proportions must be finite and >= 0");
                }
                v[i][j] = col[i];
            }
        }
        ProportionTable truth = new ProportionTable(data.obsNames(), types, v, data.spatial());
        truth.checkSumsToOne(file, "obs/" + TRUTH_PREFIX + "<type>");
        return truth;
    }

    /** How far a spot's true proportions may sum from 1: rounding in a CSV (0.333 x 3), not counts or percentages. */
    public static final double SUM_TOLERANCE = 0.01;

    /**
     * Refuses truth whose rows do not sum to 1 within {@link #SUM_TOLERANCE}, naming the first few spots: counts,
     * percentages or a missing type would otherwise pass as proportions and every metric computed on them mislead.
     */
    public void checkSumsToOne(Object file, String field) {
        checkSumsToOne(file, field, "true proportions");
    }

    /** The same for {@code what} ("predicted proportions"); spots without proportions (all NaN) are left out. */
    public void checkSumsToOne(Object file, String field, String what) {
        List<String> examples = new ArrayList<>();
        int off = 0;
        for (int i = 0; i < size(); i++) {
            if (isMissing(i)) continue;
            double sum = 0;
            for (double p : values[i]) sum += p;
            if (Math.abs(sum - 1) <= SUM_TOLERANCE) continue;
            if (off++ < 3) examples.add(spots.get(i) + " sums to " + String.format(java.util.Locale.ROOT, "%.4g", sum));
        }
        if (off == 0) return;
        throw new InputDataException(file, field, off + " of " + size() + " spots have " + what + " that do not sum to 1 (e.g. "
                + String.join(", ", examples) + ")", "give fractions that sum to 1 per spot (divide counts by the spot's total), over every cell type");
    }

    public static List<String> truthTypes(ExpressionData data) {
        List<String> types = new ArrayList<>();
        for (String c : data.obs().numericColumns().keySet()) if (c.startsWith(TRUTH_PREFIX) && c.length() > TRUTH_PREFIX.length()) types.add(c.substring(TRUTH_PREFIX.length()));
        return types;
    }

    /** Adds these proportions to an obs table as {@code prefix<type>} numeric columns. */
    public void putInto(ObsTable obs, String prefix) {
        for (String t : types) obs.putNumeric(prefix + t, column(t));
    }

    /** What {@link #dominant} says of a spot without proportions (NaN row: infer had no counts to deconvolve). */
    public static final String NO_DOMINANT = "NA";

    /** Whether the row holds no proportions (NaN: a spot without counts over the model's genes). */
    public boolean isMissing(int row) {
        // every value, not the first: a row NaN in one column only is a damaged table, which the checks refuse
        for (double v : values[row]) if (!Double.isNaN(v)) return false;
        return true;
    }

    public String dominant(int row) {
        if (isMissing(row)) return NO_DOMINANT;
        int best = 0;
        for (int j = 1; j < types.size(); j++) if (values[row][j] > values[row][best]) best = j;
        return types.get(best);
    }

    /** Shannon entropy (natural log) of a row. */
    public double entropy(int row) {
        if (isMissing(row)) return Double.NaN;
        double h = 0;
        for (double p : values[row]) if (p > 0) h -= p * Math.log(p);
        return h;
    }

    /**
     * Writes proportions.tsv: spot, x, y, one column per type, dominant_type, entropy. Numbers use a fixed,
     * locale-free format so that identical inputs give identical bytes.
     */
    public void writeTsv(Path file) {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            writeHeader(w);
            for (int i = 0; i < size(); i++) writeRow(w, i);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void writeHeader(BufferedWriter w) throws IOException {
        w.write(SPOT + "\t" + X + "\t" + Y);
        for (String t : types) w.write("\t" + t);
        w.write("\t" + DOMINANT + "\t" + ENTROPY + "\n");
    }

    public void writeRow(BufferedWriter w, int i) throws IOException {
        StringBuilder sb = new StringBuilder(spots.get(i));
        if (xy == null) {
            sb.append("\tNA\tNA");
        } else {
            DecimalText.general6(sb.append('\t'), xy[i][0]);
            DecimalText.general6(sb.append('\t'), xy[i][1]);
        }
        for (double v : values[i]) DecimalText.fixed6(sb.append('\t'), v);
        sb.append('\t').append(dominant(i)).append('\t');
        DecimalText.fixed6(sb, entropy(i));
        w.write(sb.append('\n').toString());
    }

    /** The spots that have proportions (rows that are not NaN), in order; this table when none is missing. */
    public ProportionTable withoutMissing() {
        List<String> keptSpots = new ArrayList<>();
        List<double[]> keptValues = new ArrayList<>(), keptXy = new ArrayList<>();
        for (int i = 0; i < size(); i++) {
            if (isMissing(i)) continue;
            keptSpots.add(spots.get(i));
            keptValues.add(values[i]);
            if (xy != null) keptXy.add(xy[i]);
        }
        if (keptSpots.size() == size()) return this;
        return new ProportionTable(keptSpots, types, keptValues.toArray(new double[0][]), xy == null ? null : keptXy.toArray(new double[0][]));
    }

    /** The spots with two finite coordinates, in order; this table when all are placed (or it has no coordinates). */
    public ProportionTable placed() {
        if (xy == null) return this;
        List<String> keptSpots = new ArrayList<>();
        List<double[]> keptValues = new ArrayList<>(), keptXy = new ArrayList<>();
        for (int i = 0; i < size(); i++) {
            if (!SpotPlaces.isPlaced(xy[i])) continue;
            keptSpots.add(spots.get(i));
            keptValues.add(values[i]);
            keptXy.add(xy[i]);
        }
        if (keptSpots.size() == size()) return this;
        return new ProportionTable(keptSpots, types, keptValues.toArray(new double[0][]), keptXy.toArray(new double[0][]));
    }

    /** The same spots reordered/renamed to {@code order} of types (error listing both sets when they differ). */
    public ProportionTable withTypes(List<String> order, Object source) {
        if (!new java.util.HashSet<>(order).equals(new java.util.HashSet<>(types))) {
            throw new InputDataException(source, "cell types", "predicted and true cell types differ: " + types + " vs " + order, "use truth and predictions over the same cell types");
        }
        int[] idx = order.stream().mapToInt(types::indexOf).toArray();
        double[][] v = new double[size()][order.size()];
        for (int i = 0; i < v.length; i++) for (int j = 0; j < idx.length; j++) v[i][j] = values[i][idx[j]];
        return new ProportionTable(spots, order, v, xy);
    }

    @Override
    public String toString() {
        return "ProportionTable[" + size() + " spots x " + types + "]" + (xy == null ? "" : " with xy");
    }
}
