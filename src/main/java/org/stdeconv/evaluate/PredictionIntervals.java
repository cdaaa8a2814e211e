package org.stdeconv.evaluate;

import org.stdeconv.InputDataException;
import org.stdeconv.data.ProportionTable;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * infer's 90% intervals ({@code intervals.tsv}: spot, then {@code <type>_q05} and {@code <type>_q95} per type),
 * aligned to the evaluated predictions' spots and types, and how often they hold the true proportion: a calibrated
 * interval covers about 90% of (spot, type) pairs.
 */
public record PredictionIntervals(double[][] lower, double[][] upper) {
    /** File name infer gives the intervals; evaluate looks for it beside proportions.tsv. */
    public static final String FILE = "intervals.tsv";

    /** Coverage overall and per type (NaN for a type without intervals) and the mean interval width. */
    public record Coverage(double overall, Map<String, Double> perType, double meanWidth) {
    }

    /** Reads {@code file} for the spots and types of {@code predictions} (error naming the file when some are missing). */
    public static PredictionIntervals read(Path file, ProportionTable predictions) {
        List<String> types = predictions.types();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = r.readLine();
            if (header == null) throw new InputDataException(file, null, "file is empty", "give infer's " + FILE);
            List<String> h = List.of(header.split("\t", -1));
            int[] lowerCol = new int[types.size()], upperCol = new int[types.size()];
            for (int j = 0; j < types.size(); j++) {
                lowerCol[j] = h.indexOf(types.get(j) + "_q05");
                upperCol[j] = h.indexOf(types.get(j) + "_q95");
                if (lowerCol[j] < 0 || upperCol[j] < 0) {
                    throw new InputDataException(file, "header", "no columns " + types.get(j) + "_q05 and " + types.get(j) + "_q95",
                            "give the " + FILE + " infer wrote with these predictions");
                }
            }
            Map<String, Integer> row = new HashMap<>();
            for (int i = 0; i < predictions.size(); i++) row.put(predictions.spots().get(i), i);
            double[][] lower = new double[predictions.size()][], upper = new double[predictions.size()][];
            String line;
            int lineNo = 1;
            while ((line = r.readLine()) != null) {
                lineNo++;
                String[] f = line.split("\t", -1);
                Integer i = row.get(f[0]);
                if (i == null) continue; // a spot without prediction (NaN row left out)
                if (f.length != h.size()) throw new InputDataException(file, "line " + lineNo, f.length + " fields, header has " + h.size(), "regenerate the file with infer");
                lower[i] = new double[types.size()];
                upper[i] = new double[types.size()];
                for (int j = 0; j < types.size(); j++) {
                    lower[i][j] = number(f[lowerCol[j]], file, lineNo);
                    upper[i][j] = number(f[upperCol[j]], file, lineNo);
                    // NaN bounds (a model without calibration) compare false and pass: coverage is NA then
                    // bounds of a proportion: -5 and 7 (logit or percent units from another tool) "covered" every truth
                    for (int side = 0; side < 2; side++) {
                        double b = side == 0 ? lower[i][j] : upper[i][j];
                        if (b < 0 || b > 1) {
                            throw new InputDataException(file, "line " + lineNo + ", column " + types.get(j) + (side == 0 ? "_q05" : "_q95"), "bound " + f[side == 0 ? lowerCol[j] : upperCol[j]]
                                    + " is outside [0, 1], the range of a proportion", "give the " + FILE + " infer wrote with these predictions");
                        }
                    }
                    if (lower[i][j] > upper[i][j]) {
                        throw new InputDataException(file, "line " + lineNo, types.get(j) + "_q05 " + f[lowerCol[j]] + " is above " + types.get(j) + "_q95 " + f[upperCol[j]],
                                "give the " + FILE + " infer wrote (each lower bound at most its upper bound)");
                    }
                }
            }
            for (int i = 0; i < lower.length; i++) {
                if (lower[i] == null) {
                    throw new InputDataException(file, "spot", "no interval for predicted spot " + predictions.spots().get(i), "give the " + FILE + " infer wrote with these predictions");
                }
            }
            return new PredictionIntervals(lower, upper);
        } catch (IOException e) {
            throw new InputDataException(file, null, "cannot read (" + e.getMessage() + ")", "check the path");
        }
    }

    private static double number(String s, Path file, int line) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new InputDataException(file, "line " + line, "not a number: '" + s + "'", "regenerate the file with infer");
        }
    }

    /** The share of (spot, type) pairs whose true proportion lies within [q05, q95]; pairs with NaN bounds are left out. */
    public Coverage coverage(double[][] truth, List<String> types) {
        int k = types.size();
        long[] inside = new long[k], counted = new long[k];
        double width = 0;
        for (int i = 0; i < truth.length; i++) {
            for (int j = 0; j < k; j++) {
                if (Double.isNaN(lower[i][j]) || Double.isNaN(upper[i][j])) continue;
                counted[j]++;
                width += upper[i][j] - lower[i][j];
                if (truth[i][j] >= lower[i][j] && truth[i][j] <= upper[i][j]) inside[j]++;
            }
        }
        Map<String, Double> perType = new LinkedHashMap<>();
        for (int j = 0; j < k; j++) perType.put(types.get(j), counted[j] == 0 ? Double.NaN : inside[j] / (double) counted[j]);
        long all = Arrays.stream(counted).sum();
        return new Coverage(all == 0 ? Double.NaN : Arrays.stream(inside).sum() / (double) all, perType, all == 0 ? Double.NaN : width / all);
    }
}
