package org.stdeconv.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Split-conformal 90% intervals for every spot and cell type. At train time the held-out pseudo-spots (known truth,
 * not trained on) give, per type, the quantile q of the score |y - p| / s(p) with s(p) = sqrt(p (1 - p)) + 0.02: the
 * width follows the prediction (a type predicted near 0 or 1 gets a narrow interval, one near 0.5 a wide one). At
 * infer time [p - q s(p), p + q s(p)] clipped to [0, 1] covers the true proportion of a spot like the held-out ones
 * with probability at least the level (the conformal guarantee, marginal over spots, for each type). The point
 * estimate p is not changed. Stored in model.yaml under result/{@value #KEY}.
 */
public final class IntervalCalibration {
    public static final String KEY = "interval_calibration";
    public static final double LEVEL = 0.9;
    private static final double FLOOR = 0.02;

    private final List<String> types;
    private final double[] scale;
    private final int calibrationSpots;

    private IntervalCalibration(List<String> types, double[] scale, int calibrationSpots) {
        this.types = List.copyOf(types);
        this.scale = scale;
        this.calibrationSpots = calibrationSpots;
    }

    /** Fits on predictions {@code p} and truth {@code y} (same rows, columns = {@code types}). */
    public static IntervalCalibration fit(List<String> types, float[][] p, double[][] y) {
        int n = p.length, k = types.size();
        if (n == 0) throw new IllegalArgumentException("no held-out spots to calibrate on");
        double[] scale = new double[k];
        // the ceil((n + 1) level)-th smallest score: the finite-sample conformal quantile (the largest when n is small)
        int rank = Math.min(n, (int) Math.ceil((n + 1) * LEVEL)) - 1;
        for (int j = 0; j < k; j++) {
            double[] s = new double[n];
            for (int i = 0; i < n; i++) s[i] = Math.abs(y[i][j] - p[i][j]) / spread(p[i][j]);
            Arrays.sort(s);
            scale[j] = s[rank];
        }
        return new IntervalCalibration(types, scale, n);
    }

    private static double spread(double p) {
        double q = Math.min(1, Math.max(0, p));
        return Math.sqrt(q * (1 - q)) + FLOOR;
    }

    /** The lower (q05) and upper (q95) bounds for proportions {@code p} (rows = spots, columns = this model's types). */
    public double[][][] bounds(double[][] p) {
        double[][] lo = new double[p.length][], hi = new double[p.length][];
        for (int i = 0; i < p.length; i++) {
            lo[i] = new double[scale.length];
            hi[i] = new double[scale.length];
            for (int j = 0; j < scale.length; j++) {
                double half = scale[j] * spread(p[i][j]);
                lo[i][j] = Math.max(0, p[i][j] - half);
                hi[i][j] = Math.min(1, p[i][j] + half);
            }
        }
        return new double[][][]{lo, hi};
    }

    /** NaN bounds, for a model trained before intervals were calibrated: the entries exist, their absence is visible. */
    public static double[][][] unknown(int spots, int types) {
        double[][] nan = new double[spots][types];
        for (double[] row : nan) Arrays.fill(row, Double.NaN);
        return new double[][][]{nan, nan};
    }

    /** What model.yaml records. */
    public Map<String, Object> toResult() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("level", LEVEL);
        m.put("method", "split conformal on the held-out pseudo-spots, per type, score |y - p| / (sqrt(p (1 - p)) + " + FLOOR + ")");
        m.put("held_out_spots", calibrationSpots);
        Map<String, Object> s = new LinkedHashMap<>();
        for (int j = 0; j < types.size(); j++) s.put(types.get(j), scale[j]);
        m.put("scale", s);
        return m;
    }

    /** The calibration in a model's result section, or null when the model has none (or not for these types). */
    public static IntervalCalibration fromResult(Map<String, Object> result, List<String> types) {
        if (!(result.get(KEY) instanceof Map<?, ?> m) || !(m.get("scale") instanceof Map<?, ?> s)) return null;
        double[] scale = new double[types.size()];
        for (int j = 0; j < scale.length; j++) {
            if (!(s.get(types.get(j)) instanceof Number v)) return null;
            scale[j] = v.doubleValue();
        }
        int n = m.get("held_out_spots") instanceof Number v ? v.intValue() : 0;
        return new IntervalCalibration(types, scale, n);
    }

    public List<Double> scales() {
        List<Double> out = new ArrayList<>();
        for (double v : scale) out.add(v);
        return out;
    }
}
