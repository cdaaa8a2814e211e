package org.stdeconv.train;

import org.stdeconv.StdeconvException;
import org.stdeconv.model.NetworkSpec;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * The memory an ensemble's networks take, foreseen before any is built: every network's weights live for the whole
 * run, and each network in training adds its gradients (native) and Adam's two moments (Java heap). A config asking
 * for far more than the machine holds (ensemble: 100000, or widths of a billion) was accepted and grew until the
 * kernel killed the JVM with no message; it now stops at once with exit 144 (out of memory, as simulate's check).
 */
final class NetworkFootprint {
    private NetworkFootprint() {
    }

    /**
     * Bytes of {@code networks} networks of this architecture, {@code atOnce} of them training at the same time, each
     * of those with {@code shards} - 1 copies (optimization.batch_shards: weights and gradients).
     */
    static long bytes(NetworkSpec spec, int networks, int atOnce, int shards) {
        double perNetwork = spec.parameterCount() * 4.0;
        double total = perNetwork * networks + perNetwork * 3 * atOnce + perNetwork * 2 * (shards - 1.0) * atOnce;
        return total > Long.MAX_VALUE ? Long.MAX_VALUE : (long) total;
    }

    /** Refuses (exit 144) networks that need more memory than the machine has. */
    static void check(NetworkSpec spec, int networks, int atOnce, int shards) {
        long needed = bytes(spec, networks, atOnce, shards);
        long machine = physicalMemory();
        if (machine > 0 && needed > machine) {
            String key = shards > Math.max(networks, 2) ? "optimization.batch_shards" : networks > 1 ? "ensemble" : "network.encoder_widths";
            throw new StdeconvException(StdeconvException.OUT_OF_MEMORY, String.format(Locale.ROOT,
                    "%s: %d network(s) of %,d parameters need about %.1f GB for their weights, gradients and Adam's moments, more than this machine's %.1f GB "
                            + "(exit %d: out of memory, foreseen before the work); lower %s",
                    key, networks, spec.parameterCount(), needed / 1e9, machine / 1e9, StdeconvException.OUT_OF_MEMORY, key.equals("network.encoder_widths") ? "the network's widths" : key));
        }
    }

    private static long physicalMemory() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os ? os.getTotalMemorySize() : -1;
    }
}
