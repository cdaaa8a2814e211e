package org.stdeconv.infer;

import org.stdeconv.StdeconvException;
import org.stdeconv.ThreadResults;
import org.stdeconv.log.Log;
import org.stdeconv.model.ProportionModel;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;
import java.util.function.IntConsumer;

/**
 * Feeds spots [start, end) to the model in batches of {@code batchSize} cut at multiples of {@code batchSize} from
 * the first spot of the slide (so chunked runs make the same network calls as a whole run). With worker threads the
 * next batches are read and transformed while the network predicts; at most {@code threads + 1} batches are in
 * memory at a time, and results arrive in spot order.
 */
final class BatchPredictor {
    private final ProportionModel model;
    private final BatchPreparer preparer;
    private final int batchSize;
    private final int threads;

    BatchPredictor(ProportionModel model, BatchPreparer preparer, int batchSize, int threads) {
        this.model = model;
        this.preparer = preparer;
        this.batchSize = batchSize;
        this.threads = threads;
    }

    /** Predicts spots [start, end); each batch and its proportions go to {@code sink}, in spot order. */
    void predict(int start, int end, BiConsumer<PreparedBatch, float[][]> sink) {
        ExecutorService pool = threads > 0 ? Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "infer-prepare");
            t.setDaemon(true);
            return t;
        }) : null;
        try {
            Deque<Future<PreparedBatch>> ahead = new ArrayDeque<>();
            int next = start;
            int done = 0;
            while (done < end - start) {
                while (pool != null && next < end && ahead.size() <= threads) {
                    int s = next, n = Math.min(batchSize, end - next);
                    ahead.add(pool.submit(() -> preparer.prepare(s, n)));
                    next += n;
                }
                PreparedBatch b;
                if (pool == null) {
                    b = preparer.prepare(next, Math.min(batchSize, end - next));
                    next += b.size();
                } else {
                    b = ThreadResults.await(ahead.poll());
                }
                float[][] p = model.predict(b.input(), b.xy());
                check(p, b);
                sink.accept(b, p);
                done += b.size();
            }
        } finally {
            if (pool != null) pool.shutdownNow();
        }
    }

    private void check(float[][] p, PreparedBatch b) {
        int types = model.cellTypes().size();
        if (p == null || p.length != b.size()) {
            throw new StdeconvException(StdeconvException.INTERNAL, "model returned " + (p == null ? "nothing" : p.length + " rows") + " for a batch of " + b.size() + " spots");
        }
        for (int i = 0; i < p.length; i++) {
            if (p[i] == null || p[i].length != types) throw new StdeconvException(StdeconvException.INTERNAL, "model returned a row of width " + (p[i] == null ? 0 : p[i].length) + " for " + types + " cell types");
            for (float v : p[i]) {
                if (!Float.isFinite(v) || v < 0) {
                    throw new StdeconvException(StdeconvException.INTERNAL, "model returned proportion " + v + " for spot " + (b.start() + i) + "; the model or its input is broken");
                }
            }
        }
    }

    /** Logs progress about every tenth of the work. */
    static IntConsumer progressLog(int total) {
        long[] seen = {0, 0};
        long t0 = System.nanoTime();
        return n -> {
            seen[0] += n;
            long tenth = seen[0] * 10 / Math.max(1, total);
            if (tenth > seen[1]) {
                seen[1] = tenth;
                double s = (System.nanoTime() - t0) / 1e9;
                Log.info("infer: %d of %d spots (%.0f spots/s)", seen[0], total, seen[0] / Math.max(s, 1e-9));
            }
        };
    }
}
