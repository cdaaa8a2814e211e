package org.stdeconv.train;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import org.stdeconv.model.Scalars;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Parameters updated by one Adam optimizer (the paper has two: encoder + proportion head, and domain classifier).
 * The moment estimates persist for the whole run; the published code re-created Adam every round.
 *
 * <p>The update is DJL's Adam formula (w -= lr sqrt(1 - b2^t) / (1 - b1^t) m / (sqrt(v) + eps)) computed in one
 * pass over each parameter ({@link AdamUpdate}), reading and writing the weights and gradients through direct views
 * of the native tensors, with the moments kept in Java arrays, and clearing the gradient as it is consumed. DJL's
 * own Adam runs about a dozen separate tensor operations (five of them allocating a parameter-sized temporary) per
 * parameter, which made the optimizer the most expensive part of a training step for a 3000-gene input layer.
 */
final class ParameterGroup {
    private final List<Parameter> parameters = new ArrayList<>();
    private float learningRate;
    /** Warmup and annealing: the multiplier of the learning rate at each step. */
    private final LearningRateShape shape;
    private final float[][] mean;
    private final float[][] variance;
    private final AdamUpdate update;
    private int updates;
    private boolean gradientsDirty;

    /** @param threads the training threads a large parameter's update is split over (the bytes do not depend on it) */
    ParameterGroup(float learningRate, LearningRateShape shape, int threads, Block... blocks) {
        for (Block b : blocks) b.getParameters().values().forEach(parameters::add);
        for (Parameter p : parameters) trained(p);
        this.learningRate = learningRate;
        this.shape = shape;
        this.mean = new float[parameters.size()][];
        this.variance = new float[parameters.size()][];
        int largest = 0;
        for (int i = 0; i < parameters.size(); i++) {
            int size = Math.toIntExact(parameters.get(i).getArray().size());
            mean[i] = new float[size];
            variance[i] = new float[size];
            largest = Math.max(largest, size);
        }
        update = new AdamUpdate(largest, threads);
    }

    /**
     * Marks {@code p} trained and gives it a gradient of zeros now. Why: until its first backward pass a parameter has
     * no gradient tensor, and DJL's getGradient() then hands out a zero tensor of its own, which the caller's close
     * frees: an update in a step the parameter sat out (a batch shard without spots) read and zeroed freed memory
     * (glibc abort, exit 134). The first backward pass adds to these zeros bit for bit (0 + g = g; a -0 becomes +0,
     * which Adam's moments and update cannot tell apart).
     */
    static void trained(Parameter p) {
        NDArray w = p.getArray();
        w.setRequiresGradient(true);
        try (ThreadGradients gc = new ThreadGradients(); NDArray zero = Scalars.of(w, 0); NDArray product = w.mul(zero); NDArray sum = product.sum()) {
            gc.backward(sum);
        }
    }

    /** Multiplies the learning rate from the next step on; Adam's moments are kept. */
    void scaleLearningRate(float factor) {
        learningRate *= factor;
    }

    /** The rate of the last step: the base rate (after plateau halvings) times the warmup/annealing shape. */
    float learningRate() {
        return (float) (learningRate * shape.factor(Math.max(1, updates)));
    }

    /** A backward pass may have written gradients into this group. */
    void gradientsWritten() {
        gradientsDirty = true;
    }

    /** One Adam step on the gradients accumulated since the last step; leaves the gradients at zero. */
    void step() {
        updates++;
        float rate = rate();
        for (int i = 0; i < parameters.size(); i++) {
            NDArray w = parameters.get(i).getArray();
            try (NDArray g = w.getGradient()) {
                update.apply(view(w), view(g), mean[i], variance[i], rate);
            }
        }
        gradientsDirty = false;
    }

    /** Starts a step whose update is applied in parts ({@link #applyPart}); returns its rate. */
    float beginStep() {
        updates++;
        return rate();
    }

    /**
     * Part {@code part} of {@code parts} of every parameter's elements: Adam on the sum of this group's gradient and
     * the shard copies' (their parameters in this group's order), the new weights also written into the copies. The
     * parts are disjoint, so threads may apply them at once; element-wise, so the bytes do not depend on the cut.
     */
    void applyPart(float rate, int part, int parts, BatchShards shards) {
        for (int i = 0; i < parameters.size(); i++) {
            NDArray w = parameters.get(i).getArray();
            try (NDArray g = w.getGradient()) {
                int n = mean[i].length;
                update.applyRange(part, view(w), view(g), mean[i], variance[i], rate, shards.copyGradients(i), shards.copyWeights(i),
                        (int) ((long) n * part / parts), (int) ((long) n * (part + 1) / parts));
            }
        }
    }

    /** Ends a step applied in parts. */
    void endStep() {
        gradientsDirty = false;
    }

    private float rate() {
        double correction = Math.sqrt(1 - Math.pow(AdamUpdate.BETA2, updates)) / (1 - Math.pow(AdamUpdate.BETA1, updates));
        return (float) (learningRate * shape.factor(updates) * correction);
    }

    /** Clears gradients a backward pass wrote into this group without a step consuming them. */
    void zeroGradients() {
        if (!gradientsDirty) return;
        for (Parameter p : parameters) {
            NDArray w = p.getArray();
            if (!w.hasGradient()) continue;
            try (NDArray g = w.getGradient()) {
                update.clear(view(g));
            }
        }
        gradientsDirty = false;
    }

    /** The tensor's own memory as floats (a direct view, so writes reach the tensor without a native set). */
    static FloatBuffer view(NDArray a) {
        FloatBuffer b = a.toByteBuffer(true).order(ByteOrder.nativeOrder()).asFloatBuffer();
        if (b.capacity() != a.size()) throw new IllegalStateException("expected a direct view of " + a.size() + " floats, got " + b.capacity());
        return b;
    }

    int size() {
        return parameters.size();
    }

    /** A copy of every parameter's values (for keeping the best epoch). */
    List<float[]> snapshot() {
        List<float[]> out = new ArrayList<>(parameters.size());
        for (Parameter p : parameters) out.add(p.getArray().toFloatArray());
        return out;
    }

    /**
     * Writes the values back into the tensors' own memory. Not NDArray.set: DJL's native set runs under PyTorch's
     * deprecated AutoNonVariableTypeMode, which printed a C++ deprecation warning on stderr at the end of every
     * training run (issue #20), and no environment variable or DJL property silences it.
     */
    void restore(List<float[]> values) {
        for (int i = 0; i < parameters.size(); i++) {
            FloatBuffer w = view(parameters.get(i).getArray());
            float[] v = values.get(i);
            if (v.length != w.capacity()) throw new IllegalArgumentException(v.length + " values for a parameter of " + w.capacity());
            w.put(0, v, 0, v.length);
        }
    }
}
