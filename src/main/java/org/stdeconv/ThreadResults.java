package org.stdeconv;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * The result of work done on another thread (simulate's cell draws, infer's batch preparation, an ensemble's
 * networks, a sharded batch), with a failure there thrown here as it was thrown there: bad input keeps its one-line message and exit
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
            throw rethrow(e.getCause());
        }
    }

    /** Throws a failure caught on another thread as it was thrown there (checked ones wrapped); never returns. */
    public static RuntimeException rethrow(Throwable failure) {
        if (failure instanceof RuntimeException r) throw r;
        if (failure instanceof Error err) throw err;
        throw new IllegalStateException(failure);
    }
}
