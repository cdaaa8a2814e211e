package org.stdeconv.evaluate;

import org.stdeconv.InputDataException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-epoch table train writes (training_metrics.tsv), read without assuming its columns: the first column is
 * the x axis (epoch), every other column with at least one number is a curve; empty, NA and non-finite cells are
 * gaps.
 */
public record TrainingCurves(String xName, Map<String, double[][]> curves) {
    public static final String FILE = "training_metrics.tsv";

    public static TrainingCurves read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InputDataException(file, null, "cannot read (" + e.getMessage() + ")", "check the model folder");
        }
        if (lines.isEmpty()) throw new InputDataException(file, null, "file is empty", "rerun stdeconv train");
        String[] header = lines.get(0).split("\t", -1);
        if (header.length < 2) throw new InputDataException(file, "header", "needs an x column and at least one metric column", "rerun stdeconv train");
        List<List<double[]>> points = new ArrayList<>();
        for (int c = 1; c < header.length; c++) points.add(new ArrayList<>());
        for (int l = 1; l < lines.size(); l++) {
            if (lines.get(l).isBlank()) continue;
            String[] f = lines.get(l).split("\t", -1);
            // a file cut mid-line (a copy stopped short) drew its curves without the lost values, without a word
            if (f.length != header.length) {
                throw new InputDataException(file, "line " + (l + 1), f.length + " fields, header has " + header.length + "; the table is ragged or cut",
                        "copy the model folder again or rerun stdeconv train (or leave model_dir out)");
            }
            double x = number(f[0]);
            if (Double.isNaN(x)) continue;
            for (int c = 1; c < header.length && c < f.length; c++) {
                double y = number(f[c]);
                if (!Double.isNaN(y)) points.get(c - 1).add(new double[]{x, y});
            }
        }
        Map<String, double[][]> curves = new LinkedHashMap<>();
        for (int c = 1; c < header.length; c++) if (!points.get(c - 1).isEmpty()) curves.put(header[c], points.get(c - 1).toArray(new double[0][]));
        return new TrainingCurves(header[0], curves);
    }

    private static double number(String s) {
        try {
            double v = Double.parseDouble(s.trim());
            return Double.isFinite(v) ? v : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** Curves whose name mentions loss, then the rest (e.g. validation RMSE): they go on separate charts. */
    public Map<String, double[][]> losses() {
        Map<String, double[][]> out = new LinkedHashMap<>();
        curves.forEach((k, v) -> { if (k.toLowerCase(java.util.Locale.ROOT).contains("loss")) out.put(k, v); });
        return out;
    }

    public Map<String, double[][]> others() {
        Map<String, double[][]> out = new LinkedHashMap<>();
        curves.forEach((k, v) -> { if (!k.toLowerCase(java.util.Locale.ROOT).contains("loss")) out.put(k, v); });
        return out;
    }
}
