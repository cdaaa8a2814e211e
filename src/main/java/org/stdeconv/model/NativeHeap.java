package org.stdeconv.model;

import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;

/**
 * Keeps glibc's malloc from handing tensor-sized blocks back to the kernel after every use. By default glibc serves
 * a block of a few MB (a 3000 x 512 weight gradient is 6 MB) with a fresh mmap and unmaps it on free, so every
 * training step paid for page faults and zeroing of new pages: a third of the CPU time of a paper-preset step was
 * system time. Raising the mmap threshold to its maximum (32 MB) and the trim threshold lets freed blocks be reused.
 * The cost is that the process keeps its peak heap. Elsewhere than glibc on Linux this does nothing.
 */
public final class NativeHeap {
    private static final int M_TRIM_THRESHOLD = -1;
    private static final int M_MMAP_THRESHOLD = -3;
    private static final int MAX_MMAP_THRESHOLD = 32 << 20;
    private static final int TRIM_THRESHOLD = 1 << 30;
    private static boolean applied;

    private NativeHeap() {
    }

    /** Applies the settings once per process; returns whether glibc accepted them. */
    public static synchronized boolean reuseFreedBlocks() {
        if (applied) return true;
        if (!Platform.isLinux()) return false;
        try {
            var mallopt = NativeLibrary.getInstance(Platform.C_LIBRARY_NAME).getFunction("mallopt");
            applied = mallopt.invokeInt(new Object[]{M_MMAP_THRESHOLD, MAX_MMAP_THRESHOLD}) == 1
                    && mallopt.invokeInt(new Object[]{M_TRIM_THRESHOLD, TRIM_THRESHOLD}) == 1;
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            applied = false;
        }
        return applied;
    }
}
