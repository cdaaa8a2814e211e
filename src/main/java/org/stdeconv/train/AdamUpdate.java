package org.stdeconv.train;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Adam's element-wise update of one parameter (DJL's formula: w -= rate m / (sqrt(v) + eps), rate carrying the bias
 * corrections): the weights and gradient are copied out of the tensors in bulk, updated in plain arrays (a loop the
 * JIT vectorises) and the weights copied back; the gradient is zeroed for the next accumulation.
 *
 * <p>A large parameter is cut into one contiguous range per training thread, the ranges updated at once. Why: the
 * `paper` preset updates its 2,963 x 512 input layer twice a step pair, and on one thread that took a quarter of a
 * step while the second core waited for the next product (docs/benchmarks/train.md, session 14). The update is
 * element-wise, so the bytes do not depend on how it is cut.
 */
final class AdamUpdate {
    static final float BETA1 = 0.9f;
    static final float BETA2 = 0.999f;
    static final float EPSILON = 1e-8f;
    /** Below this many values, handing a range to another thread costs about what it saves. */
    static final int SPLIT_FROM = 1 << 18;

    private final int parts;
    private final int largest;
    /** For apply: the threads of its split work on disjoint ranges of one parameter. */
    private final Scratch scratch;
    /** For applyRange, one per part: parts run at once and need not be on the same parameter. */
    private Scratch[] partScratch = new Scratch[0];
    private final float[] zeros;
    private static final FloatBuffer[] NONE = {};

    /** Arrays the size of the largest parameter that an update copies values into (indexed like the parameter). */
    private record Scratch(float[] weights, float[] gradients, float[] more) {
        Scratch(int size) {
            this(new float[size], new float[size], new float[size]);
        }
    }

    /** @param largest the most values of any parameter updated; @param threads the training threads (1: no split) */
    AdamUpdate(int largest, int threads) {
        this.parts = Math.max(1, Math.min(threads, Helpers.COUNT + 1));
        this.largest = largest;
        this.scratch = new Scratch(largest);
        this.zeros = new float[largest];
    }

    void apply(FloatBuffer w, FloatBuffer g, float[] m, float[] v, float rate) {
        int n = m.length;
        check(w, g, n);
        int cut = n < SPLIT_FROM ? 1 : parts;
        if (cut == 1) {
            range(scratch, w, g, m, v, rate, 0, n, NONE, NONE);
            return;
        }
        List<CompletableFuture<Void>> others = new ArrayList<>(cut - 1);
        for (int k = 1; k < cut; k++) {
            int from = (int) ((long) n * k / cut), to = (int) ((long) n * (k + 1) / cut);
            // each thread its own buffer objects: buffers are not thread-safe, the memory ranges are disjoint
            FloatBuffer wk = w.duplicate(), gk = g.duplicate();
            others.add(CompletableFuture.runAsync(() -> range(scratch, wk, gk, m, v, rate, from, to, NONE, NONE), Helpers.POOL));
        }
        range(scratch, w, g, m, v, rate, 0, (int) ((long) n / cut), NONE, NONE);
        for (CompletableFuture<Void> f : others) f.join();
    }

    /**
     * The update of elements from..to-1 only, with the gradient g + moreGradients[0] + ... (summed in that order;
     * those are zeroed too) and the new weights also written into each of {@code mirrors}: a network whose batch was
     * cut into shards. Parts 0, 1, ... may run at once on different threads (each with buffer objects of its own).
     */
    void applyRange(int part, FloatBuffer w, FloatBuffer g, float[] m, float[] v, float rate, FloatBuffer[] moreGradients, FloatBuffer[] mirrors, int from, int to) {
        check(w, g, m.length);
        range(partScratch(part), w, g, m, v, rate, from, to, moreGradients, mirrors);
    }

    private synchronized Scratch partScratch(int part) {
        if (part >= partScratch.length) partScratch = Arrays.copyOf(partScratch, part + 1);
        if (partScratch[part] == null) partScratch[part] = new Scratch(largest);
        return partScratch[part];
    }

    private static void check(FloatBuffer w, FloatBuffer g, int n) {
        if (g.capacity() != n || w.capacity() != n) {
            throw new IllegalArgumentException("gradient of " + g.capacity() + " and weights of " + w.capacity() + " values for moments of " + n);
        }
    }

    /** Zeroes a gradient tensor's values. */
    void clear(FloatBuffer g) {
        g.put(0, zeros, 0, g.capacity());
    }

    private void range(Scratch s, FloatBuffer w, FloatBuffer g, float[] m, float[] v, float rate, int from, int to, FloatBuffer[] moreGradients, FloatBuffer[] mirrors) {
        int len = to - from;
        float[] gradient = s.gradients(), weights = s.weights(), more = s.more();
        g.get(from, gradient, from, len);
        for (FloatBuffer other : moreGradients) {
            other.get(from, more, from, len);
            for (int j = from; j < to; j++) gradient[j] += more[j];
            other.put(from, zeros, from, len);
        }
        w.get(from, weights, from, len);
        adam(weights, gradient, m, v, rate, from, to);
        w.put(from, weights, from, len);
        for (FloatBuffer mirror : mirrors) mirror.put(from, weights, from, len);
        g.put(from, zeros, from, len);
    }

    private static void adam(float[] w, float[] g, float[] m, float[] v, float rate, int from, int to) {
        for (int j = from; j < to; j++) {
            float gj = g[j];
            float mj = BETA1 * m[j] + (1 - BETA1) * gj;
            float vj = BETA2 * v[j] + (1 - BETA2) * gj * gj;
            m[j] = mj;
            v[j] = vj;
            w[j] -= rate * mj / ((float) Math.sqrt(vj) + EPSILON);
        }
    }

    /** Threads shared by every optimizer of the JVM (one fewer than the cores: the caller works too), made on first use. */
    private static final class Helpers {
        static final int COUNT = Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
        static final ExecutorService POOL = Executors.newFixedThreadPool(COUNT, r -> {
            Thread t = new Thread(r, "stdeconv-adam");
            t.setDaemon(true);
            return t;
        });
    }
}
