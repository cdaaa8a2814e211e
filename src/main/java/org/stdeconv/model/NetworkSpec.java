package org.stdeconv.model;

import java.util.ArrayList;
import java.util.List;

/** The architecture of a {@link DeconvNetwork}, as recorded in model.yaml (public fields = YAML keys). */
public final class NetworkSpec {
    public int inputSize;
    public List<Integer> encoderWidths = new ArrayList<>();
    public List<Double> encoderDropouts = new ArrayList<>();
    public int headWidth;
    public double headDropout;
    public int domainWidth;
    public double domainDropout;
    public int outputs;
    public double leakyReluSlope = 0.2;
    /**
     * Units of a fixed (frozen) linear first layer before the encoder, 0 for none (train's network.projection: the
     * principal components, plus appended coordinates passed through).
     */
    public int projection;

    public NetworkSpec() {
    }

    public NetworkSpec(int inputSize, List<Integer> encoderWidths, List<Double> encoderDropouts, int headWidth, double headDropout,
                       int domainWidth, double domainDropout, int outputs) {
        this.inputSize = inputSize;
        this.encoderWidths = new ArrayList<>(encoderWidths);
        this.encoderDropouts = new ArrayList<>(encoderDropouts);
        this.headWidth = headWidth;
        this.headDropout = headDropout;
        this.domainWidth = domainWidth;
        this.domainDropout = domainDropout;
        this.outputs = outputs;
    }

    /** Weights and biases of every layer (the fixed first layer included), as a long: absurd widths must not wrap. */
    public long parameterCount() {
        long count = 0, in = inputSize;
        if (projection > 0) {
            count += in * projection + projection;
            in = projection;
        }
        for (int w : encoderWidths) {
            count += in * w + w;
            in = w;
        }
        count += in * headWidth + headWidth + (long) headWidth * outputs + outputs;
        count += in * domainWidth + domainWidth + domainWidth + 1;
        return count;
    }

    /** The paper's widths (512, 256 | 128 | 128) and dropouts (0, 0.3 | 0.2 | 0.2). */
    public static NetworkSpec paper(int inputSize, int outputs) {
        return new NetworkSpec(inputSize, List.of(512, 256), List.of(0.0, 0.3), 128, 0.2, 128, 0.2, outputs);
    }

    public int embeddingSize() {
        return encoderWidths.get(encoderWidths.size() - 1);
    }
}
