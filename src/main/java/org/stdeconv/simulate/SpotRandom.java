package org.stdeconv.simulate;

import org.apache.commons.math3.random.RandomGenerator;

import java.util.SplittableRandom;

/**
 * The random source of one simulation unit (a spot, a field), addressed by (master seed, stream, index) rather than by
 * the order in which units are drawn: any spot can be re-drawn alone and the result never depends on how spots are
 * split over threads. It is a commons-math {@link RandomGenerator} so that library's distributions can use it;
 * {@link #reseed} points it at another unit without allocating new distribution objects.
 */
public final class SpotRandom implements RandomGenerator {
    /** Streams keep the draws for different purposes independent even for the same index. */
    public static final long SPOTS = 0x5107L, FIELDS = 0xF1E1DL, LAYOUT = 0x1A7L;

    private SplittableRandom random;

    public SpotRandom(long masterSeed, long stream, long index) {
        reseed(masterSeed, stream, index);
    }

    /** Restarts this source at unit {@code index} of {@code stream}. */
    public SpotRandom reseed(long masterSeed, long stream, long index) {
        long s = mix(masterSeed) ^ mix(stream * 0x632BE59BD9B4E019L + 1) ^ mix(index * 0x9E3779B97F4A7C15L + 7);
        random = new SplittableRandom(mix(s));
        return this;
    }

    /** Stafford's variant 13 of the splitmix64 finaliser: neighbouring inputs give unrelated outputs. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override public void setSeed(int seed) { random = new SplittableRandom(mix(seed)); }
    @Override public void setSeed(int[] seed) {
        long s = 0;
        for (int v : seed) s = mix(s ^ v);
        random = new SplittableRandom(s);
    }
    @Override public void setSeed(long seed) { random = new SplittableRandom(mix(seed)); }
    @Override public void nextBytes(byte[] bytes) { random.nextBytes(bytes); }
    @Override public int nextInt() { return random.nextInt(); }
    @Override public int nextInt(int bound) { return random.nextInt(bound); }
    @Override public long nextLong() { return random.nextLong(); }
    @Override public boolean nextBoolean() { return random.nextBoolean(); }
    @Override public float nextFloat() { return random.nextFloat(); }
    @Override public double nextDouble() { return random.nextDouble(); }
    @Override public double nextGaussian() { return random.nextGaussian(); }
}
