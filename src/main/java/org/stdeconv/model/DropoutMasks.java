package org.stdeconv.model;

import java.util.SplittableRandom;

/**
 * The random stream behind one network's dropout masks, drawn in Java rather than from PyTorch's generator. Why:
 * PyTorch has one global generator per process, so two networks trained at once on two threads would take turns
 * on it in whatever order the threads ran, and their weights would change from run to run. A stream per network,
 * seeded with the network's seed, gives the same masks however many networks train beside it.
 */
public final class DropoutMasks {
    /** 16-bit uniforms: four per 64-bit draw; the drop probability is exact to 1/65,536. */
    private static final int LEVELS = 1 << 16;

    private SplittableRandom random = new SplittableRandom(0);

    /** Restarts the stream: the same seed gives the same sequence of masks. */
    public void seed(long seed) {
        random = new SplittableRandom(seed ^ 0x64726f706f7574L);
    }

    /** n values, each 0 with probability rate and otherwise 1 / (1 - rate) (inverted dropout, as PyTorch's). */
    float[] draw(int n, float rate) {
        float keep = 1f / (1f - rate);
        int threshold = (int) Math.round(rate * (double) LEVELS);
        float[] mask = new float[n];
        for (int i = 0; i < n; i += 4) {
            long bits = random.nextLong();
            for (int k = 0; k < 4 && i + k < n; k++) {
                int u = (int) (bits >>> (16 * k)) & (LEVELS - 1);
                mask[i + k] = u < threshold ? 0f : keep;
            }
        }
        return mask;
    }
}
