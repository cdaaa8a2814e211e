package org.stdeconv.train;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A reusable barrier for a few threads that meet thousands of times a second (optimization.batch_shards meets twice
 * a training step). Why not {@link java.util.concurrent.CyclicBarrier}: it parks waiting threads at once, and waking a
 * parked thread took 0.1-0.9 ms here, a tenth of a sharded step; this one spins briefly first, then naps in short
 * parks so that an idle wait (validation, the end of the run) does not hold a core.
 */
final class SpinBarrier {
    /** About 20-50 microseconds of spinning before the first nap. */
    private static final int SPINS = 20_000;
    private static final long NAP_NANOS = 20_000;

    private final int parties;
    private final AtomicInteger arrived = new AtomicInteger();
    private volatile int phase;

    SpinBarrier(int parties) {
        this.parties = parties;
    }

    /** Waits until all parties have called it; what each did before is visible to all after. */
    void await() {
        int current = phase;
        if (arrived.incrementAndGet() == parties) {
            arrived.set(0);
            phase = current + 1;
            return;
        }
        int spins = 0;
        while (phase == current) {
            if (++spins < SPINS) {
                Thread.onSpinWait();
            } else {
                LockSupport.parkNanos(NAP_NANOS);
            }
        }
    }
}
