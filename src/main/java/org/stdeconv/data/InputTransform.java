package org.stdeconv.data;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Locale;

/**
 * How raw counts become network input; stored with the model so that infer and evaluate use exactly the
 * training transform. {@code log1p_cp10k}: log(1 + 10^4 * count / spot total). {@code global_max} (the paper's):
 * count / the largest count seen in the training data, a constant kept in the model.
 */
public final class InputTransform {
    public enum Kind {
        LOG1P_CP10K, GLOBAL_MAX;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    @JsonProperty("kind")
    public Kind kind = Kind.LOG1P_CP10K;
    @JsonProperty("scale")
    public double scale = 1e4;
    /** Divisor for global_max; measured on the training data. */
    @JsonProperty("global_max")
    public double globalMax = 1;

    public InputTransform() {
    }

    public static InputTransform log1pCp10k() {
        return new InputTransform();
    }

    public static InputTransform globalMax(CsrMatrix training) {
        InputTransform t = new InputTransform();
        t.kind = Kind.GLOBAL_MAX;
        float max = 0;
        for (float v : training.data()) max = Math.max(max, v);
        t.globalMax = max > 0 ? max : 1;
        return t;
    }

    /** Transforms row {@code row} of {@code counts} (already in model gene order) into {@code out}. */
    public void apply(CsrMatrix counts, int row, float[] out) {
        counts.denseRow(row, out);
        switch (kind) {
            case LOG1P_CP10K -> {
                double total = counts.rowSum(row);
                float f = total > 0 ? (float) (scale / total) : 0f;
                for (int j = 0; j < counts.cols(); j++) if (out[j] != 0f) out[j] = (float) Math.log1p(out[j] * f);
            }
            case GLOBAL_MAX -> {
                float f = (float) (1.0 / globalMax);
                for (int j = 0; j < counts.cols(); j++) out[j] *= f;
            }
        }
    }

    /** All rows, dense. */
    public float[][] apply(CsrMatrix counts) {
        float[][] out = new float[counts.rows()][counts.cols()];
        for (int r = 0; r < out.length; r++) apply(counts, r, out[r]);
        return out;
    }
}
