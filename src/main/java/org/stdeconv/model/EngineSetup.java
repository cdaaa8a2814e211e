package org.stdeconv.model;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

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
        Engine engine = Engine.getEngine("PyTorch");
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
        return Engine.getEngine("PyTorch");
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
