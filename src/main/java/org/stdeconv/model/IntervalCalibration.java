package org.stdeconv.model;

import org.stdeconv.InputDataException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Split-conformal 90% intervals for every spot and cell type. At train time the held-out pseudo-spots (known truth,
 * not trained on) give, per type, the quantile q of the score |y - p| / (s(p) d(x)) with s(p) = sqrt(p (1 - p)) + 0.02:
 * the width follows the prediction (a type predicted near 0 or 1 gets a narrow interval, one near 0.5 a wide one)
 * and the spot's difficulty d(x) = (g(x) / median g over the held-out pseudo-spots)^{@value #POWER}, where g is how
 * far the network's proportions lie from the spot's prior-free unmixing on per-type input profiles
 * ({@link InputProfiles#disagreement}); d is about 1 on data like the training data and grows on a slide that is not
 * (whose errors are larger: a constant scale calibrated on pseudo-spots covers only about 60% of such spots' truths
 * on the card external sets). At infer time [p - q s(p) d(x), p + q s(p) d(x)] clipped to [0, 1] covers the true
 * proportion of a spot exchangeable with the held-out ones with probability at least the level (the conformal
 * guarantee holds for any such normaliser, marginal over spots, for each type); off the training distribution the
 * coverage rests on the errors growing with d. The point estimate p is not changed. Stored in model.yaml under
 * result/{@value #KEY}; a model trained before the difficulty existed has no profiles and keeps d = 1.
 */
public final class IntervalCalibration {
    public static final String KEY = "interval_calibration";
    public static final double LEVEL = 0.9;
    private static final double FLOOR = 0.02;
    /** Lowest normalised disagreement: a spot where network and unmixing agree exactly still gets an interval, not a point. */
    private static final double MIN_DIFFICULTY = 0.1;
    /** Exponent of the normalised disagreement (docs/benchmarks/intervals.md: chosen on STARmap and the card sets). */
    static final double POWER = 1.5;

    private final List<String> types;
    private final double[] scale;
    private final int calibrationSpots;
    private final InputProfiles profiles;
    private final double medianDisagreement;
    /** The model's own exponent (read back from model.yaml, so a later default does not change an older model). */
    private final double power;

    private IntervalCalibration(List<String> types, double[] scale, int calibrationSpots, InputProfiles profiles, double medianDisagreement, double power) {
        this.types = List.copyOf(types);
        this.scale = scale;
        this.calibrationSpots = calibrationSpots;
        this.profiles = profiles;
        this.medianDisagreement = medianDisagreement;
        this.power = power;
    }

    /** Fits without a difficulty (d = 1): predictions {@code p} and truth {@code y} (same rows, columns = {@code types}). */
    public static IntervalCalibration fit(List<String> types, float[][] p, double[][] y) {
        return new IntervalCalibration(types, scales(p, y, null), p.length, null, Double.NaN, 1);
    }

    /**
     * Fits with the difficulty of {@code profiles}: {@code x} the held-out spots' network inputs (rows as {@code p}
     * and {@code y}); the median of their disagreements becomes the unit of d.
     */
    public static IntervalCalibration fit(List<String> types, float[][] p, double[][] y, float[][] x, InputProfiles profiles) {
        double[] g = new double[p.length];
        for (int i = 0; i < p.length; i++) g[i] = profiles.disagreement(x[i], p[i]);
        double[] sorted = g.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n == 0 ? Double.NaN : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        if (!(median > 0)) return fit(types, p, y); // network and unmixing agree exactly: no unit for the difficulty
        double[] d = new double[n];
        for (int i = 0; i < n; i++) d[i] = difficulty(g[i], median, POWER);
        return new IntervalCalibration(types, scales(p, y, d), n, profiles, median, POWER);
    }

    private static double[] scales(float[][] p, double[][] y, double[] d) {
        int n = p.length, k = y.length == 0 ? 0 : y[0].length;
        if (n == 0) throw new IllegalArgumentException("no held-out spots to calibrate on");
        double[] scale = new double[k];
        // the ceil((n + 1) level)-th smallest score: the finite-sample conformal quantile (the largest when n is small)
        int rank = Math.min(n, (int) Math.ceil((n + 1) * LEVEL)) - 1;
        for (int j = 0; j < k; j++) {
            double[] s = new double[n];
            for (int i = 0; i < n; i++) s[i] = Math.abs(y[i][j] - p[i][j]) / (spread(p[i][j]) * (d == null ? 1 : d[i]));
            Arrays.sort(s);
            scale[j] = s[rank];
        }
        return scale;
    }

    private static double spread(double p) {
        double q = Math.min(1, Math.max(0, p));
        return Math.sqrt(q * (1 - q)) + FLOOR;
    }

    private static double difficulty(double disagreement, double median, double power) {
        return Math.pow(Math.max(MIN_DIFFICULTY, disagreement / median), power);
    }

    /** Whether intervals widen with the spot's difficulty (false for a model calibrated before it existed: d = 1). */
    public boolean adaptive() {
        return profiles != null;
    }

    /** A spot's difficulty d from its network input {@code x} and predicted proportions {@code p}; 1 when not {@link #adaptive()}. */
    public double difficulty(float[] x, float[] p) {
        return profiles == null ? 1 : difficulty(profiles.disagreement(x, p), medianDisagreement, power);
    }

    /** The bounds with d = 1 for every spot (a calibration without difficulty). */
    public double[][][] bounds(double[][] p) {
        return bounds(p, null);
    }

    /**
     * The lower (q05) and upper (q95) bounds for proportions {@code p} (rows = spots, columns = this model's types)
     * whose spots have difficulties {@code d} (null = 1 each).
     */
    public double[][][] bounds(double[][] p, double[] d) {
        double[][] lo = new double[p.length][], hi = new double[p.length][];
        for (int i = 0; i < p.length; i++) {
            lo[i] = new double[scale.length];
            hi[i] = new double[scale.length];
            for (int j = 0; j < scale.length; j++) {
                double half = scale[j] * spread(p[i][j]) * (d == null ? 1 : d[i]);
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

    /** Writes the profiles file (if any) into the model folder {@code dir}; {@link #toResult} records its checksum. */
    public void writeFiles(Path dir) {
        if (profiles == null) return;
        try {
            Files.write(dir.resolve(InputProfiles.FILE), profiles.bytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(InputProfiles.FILE) + ": " + e.getMessage(), e);
        }
    }

    /** How the intervals were made, in words (model.yaml and the annotated slide's uns). */
    public String method() {
        String score = "|y - p| / (sqrt(p (1 - p)) + " + FLOOR + ")";
        if (profiles == null) return "split conformal on the held-out pseudo-spots, per type, score " + score;
        return "normalised split conformal on the held-out pseudo-spots, per type, score " + score + " / d, d = (g / median g of the held-out "
                + "pseudo-spots, at least " + MIN_DIFFICULTY + ")^" + power + ", g = RMS difference between the network's proportions and the spot's "
                + "non-negative least-squares unmixing on per-type input profiles fitted on the training pseudo-spots: intervals widen where the two part";
    }

    /** What model.yaml records. */
    public Map<String, Object> toResult() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("level", LEVEL);
        m.put("method", method());
        m.put("held_out_spots", calibrationSpots);
        Map<String, Object> s = new LinkedHashMap<>();
        for (int j = 0; j < types.size(); j++) s.put(types.get(j), scale[j]);
        m.put("scale", s);
        if (profiles != null) {
            m.put("profiles_file", InputProfiles.FILE);
            m.put("profiles_sha256", FileChecksums.sha256(profiles.bytes()));
            m.put("held_out_median_disagreement", medianDisagreement);
            m.put("power", power);
        }
        return m;
    }

    /**
     * The calibration in a model's result section, or null when the model has none (or not for these types); the
     * profiles, when the section names them, are read from {@code modelDir} and must have {@code genes} columns.
     */
    public static IntervalCalibration fromResult(Map<String, Object> result, List<String> types, Path modelDir, int genes) {
        if (!(result.get(KEY) instanceof Map<?, ?> m) || !(m.get("scale") instanceof Map<?, ?> s)) return null;
        double[] scale = new double[types.size()];
        for (int j = 0; j < scale.length; j++) {
            if (!(s.get(types.get(j)) instanceof Number v)) return null;
            scale[j] = v.doubleValue();
            if (!(scale[j] >= 0) || !Double.isFinite(scale[j])) {
                throw new InputDataException(modelDir.resolve(ModelStore.MANIFEST), "result." + KEY + ".scale." + types.get(j), "must be a number >= 0, got " + v,
                        "the model folder is damaged; retrain");
            }
        }
        int n = m.get("held_out_spots") instanceof Number v ? v.intValue() : 0;
        if (!(m.get("profiles_sha256") instanceof String sha) || !(m.get("held_out_median_disagreement") instanceof Number median)) {
            return new IntervalCalibration(types, scale, n, null, Double.NaN, 1);
        }
        double power = m.get("power") instanceof Number v ? v.doubleValue() : 1;
        if (!(power > 0) || !Double.isFinite(power)) {
            throw new InputDataException(modelDir.resolve(ModelStore.MANIFEST), "result." + KEY + ".power", "must be a number > 0, got " + power, "the model folder is damaged; retrain");
        }
        return new IntervalCalibration(types, scale, n, InputProfiles.read(modelDir, sha, types.size(), genes), median.doubleValue(), power);
    }

    public List<Double> scales() {
        List<Double> out = new ArrayList<>();
        for (double v : scale) out.add(v);
        return out;
    }
}
