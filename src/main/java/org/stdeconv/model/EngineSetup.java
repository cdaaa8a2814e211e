package org.stdeconv.model;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import org.stdeconv.ConfigException;

/**
 * Starts DJL's PyTorch engine with a fixed number of intra-op threads and seeds its random generator (weight
 * initialisation; dropout draws from {@link DropoutMasks}, one stream per network). With MKL_CBWR pinned (the launcher pins it) the trained parameters do not depend on the
 * thread count (docs/benchmarks/train.md, session 9). The thread count is read by the engine at start-up, so it is set as
 * a system property first and applied again in case the engine was already running in this JVM.
 */
public final class EngineSetup {
    private EngineSetup() {
    }

    public static Engine start(int threads) {
        if (System.getProperty("ai.djl.offline") == null) System.setProperty("ai.djl.offline", "true");
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        Engine engine = pytorch();
        JniUtils.setNumThreads(threads);
        return engine;
    }

    public static Engine startSeeded(int threads, long seed) {
        Engine engine = start(threads);
        engine.setRandomSeed((int) (seed ^ (seed >>> 32)));
        return engine;
    }

    /** Starts the engine for inference, keeping whatever thread count the JVM was given (launcher default 1). */
    public static Engine startIfNeeded() {
        if (System.getProperty("ai.djl.offline") == null) System.setProperty("ai.djl.offline", "true");
        return pytorch();
    }

    /**
     * The engine, or one line saying why it cannot start: its natives are unpacked on first use into DJL_CACHE_DIR
     * (~/.cache/stdeconv/djl), which a user without a writable home (a system or container user) does not have.
     */
    private static Engine pytorch() {
        try {
            return Engine.getEngine("PyTorch");
        } catch (ai.djl.engine.EngineException e) {
            String cache = System.getenv().getOrDefault("DJL_CACHE_DIR", System.getProperty("DJL_CACHE_DIR", "~/.djl.ai"));
            Throwable root = e;
            while (root.getCause() != null) root = root.getCause();
            throw new ConfigException("cannot start the PyTorch engine (" + e.getMessage() + (root != e ? ": " + root.getMessage() : "") + "); its native library is unpacked"
                    + " on first use into DJL_CACHE_DIR (" + cache + "), which must be a writable folder: set DJL_CACHE_DIR to one (e.g. on local scratch)");
        }
    }

    /** Sets the intra-op thread count of the running engine; returns the count it had. */
    public static int useThreads(int threads) {
        int had = JniUtils.getNumThreads();
        if (had != threads) JniUtils.setNumThreads(threads);
        return had;
    }

    public static int threads() {
        return JniUtils.getNumThreads();
    }
}
