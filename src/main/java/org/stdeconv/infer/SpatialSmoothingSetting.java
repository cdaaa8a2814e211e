package org.stdeconv.infer;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import org.stdeconv.ConfigException;

import java.util.Locale;

/**
 * infer's {@code spatial_smoothing}: a fixed strength lambda of the spatial prior (0: off) or {@code auto}, a strength
 * chosen for each slide from the network's noise measured on it ({@link SpatialPrior}, {@link org.stdeconv.spatial.SmoothingRisk}). Any scalar is
 * taken when the YAML is read and checked in {@link #validate}, so that a wrong value gets the usual one-line error
 * naming the key.
 */
public final class SpatialSmoothingSetting {
    public static final String AUTO = "auto";
    public static final SpatialSmoothingSetting OFF = new SpatialSmoothingSetting(0.0, null);

    /** The fixed strength; null for auto or for an invalid value. */
    private final Double lambda;
    /** The text given when it is neither a number nor auto. */
    private final String invalid;

    private SpatialSmoothingSetting(Double lambda, String invalid) {
        this.lambda = lambda;
        this.invalid = invalid;
    }

    public static SpatialSmoothingSetting fixed(double lambda) {
        return new SpatialSmoothingSetting(lambda, null);
    }

    public static SpatialSmoothingSetting auto() {
        return new SpatialSmoothingSetting(null, null);
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static SpatialSmoothingSetting fromYaml(JsonNode node) {
        if (node.isNumber()) return fixed(node.doubleValue());
        String text = node.isValueNode() ? node.asText().trim() : node.toString();
        if (text.toLowerCase(Locale.ROOT).equals(AUTO)) return auto();
        return new SpatialSmoothingSetting(null, text);
    }

    @JsonValue
    Object toYaml() {
        return isAuto() ? AUTO : lambda != null ? lambda : invalid;
    }

    public boolean isAuto() {
        return lambda == null && invalid == null;
    }

    /** Whether the predictions are smoothed at all (auto may still choose 0 for a slide). */
    public boolean isOn() {
        return isAuto() || lambda > 0;
    }

    /** The fixed strength; only when not {@link #isAuto()}. */
    public double lambda() {
        if (lambda == null) throw new IllegalStateException("spatial_smoothing is " + toYaml() + ", not a fixed strength");
        return lambda;
    }

    /** Larger strengths smooth no further in float precision, and the log's formatting of them overflowed. */
    static final double MAX_LAMBDA = 1e6;

    void validate(String source, String key) {
        if (invalid != null) throw new ConfigException(source, key, "cannot use '" + invalid + "'", "give a number >= 0 (0 turns it off, e.g. 0.5) or auto");
        if (lambda != null && !(lambda >= 0 && Double.isFinite(lambda))) {
            throw new ConfigException(source, key, "must be >= 0, got " + lambda, "0 turns it off; e.g. 0.5, or auto");
        }
        if (lambda != null && lambda > MAX_LAMBDA) {
            throw new ConfigException(source, key, "must be at most " + (long) MAX_LAMBDA + ", got " + lambda + " (far beyond that every spot takes the mean of its neighbourhood already)",
                    "e.g. 0.5, or auto");
        }
    }

    @Override
    public String toString() {
        return String.valueOf(toYaml());
    }
}
