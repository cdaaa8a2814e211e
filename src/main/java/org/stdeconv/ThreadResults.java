package org.stdeconv;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * The result of work done on another thread (simulate's cell draws, infer's batch preparation, an ensemble's
 * networks), with a failure there thrown here as it was thrown there: bad input keeps its one-line message and exit
 * code instead of arriving wrapped in an ExecutionException.
 */
public final class ThreadResults {
    private ThreadResults() {
    }

    public static <T> T await(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        }
    }
}
