package org.stdeconv.train;

import org.apache.commons.math3.random.MersenneTwister;

import java.util.Arrays;

/**
 * K-fold split identical to scikit-learn's {@code KFold(n_splits, shuffle=True, random_state=seed)}: the indices
 * are shuffled by numpy's legacy {@code RandomState(seed).shuffle} (MT19937 seeded by init_genrand, Fisher-Yates
 * from the end with masked rejection sampling), the first n % k folds get one extra spot, and both index lists come
 * back in ascending order as scikit-learn returns them. So a published fold can be reproduced exactly.
 */
public record FoldSplit(int[] train, int[] heldOut) {

    public static FoldSplit of(int n, int folds, int fold, long seed) {
        if (folds < 2) return new FoldSplit(range(n), new int[0]);
        int[] order = numpyShuffle(n, seed);
        int start = 0;
        for (int f = 0; f < fold; f++) start += n / folds + (f < n % folds ? 1 : 0);
        int size = n / folds + (fold < n % folds ? 1 : 0);
        boolean[] out = new boolean[n];
        for (int i = start; i < start + size; i++) out[order[i]] = true;
        int[] train = new int[n - size];
        int[] held = new int[size];
        for (int i = 0, a = 0, b = 0; i < n; i++) {
            if (out[i]) held[b++] = i;
            else train[a++] = i;
        }
        return new FoldSplit(train, held);
    }

    /** numpy.random.RandomState(seed).shuffle(np.arange(n)) for seeds below 2^32. */
    static int[] numpyShuffle(int n, long seed) {
        if (seed < 0 || seed > 0xffffffffL) throw new IllegalArgumentException("seed must be in [0, 2^32)");
        MersenneTwister mt = new MersenneTwister((int) seed);
        int[] a = range(n);
        for (int i = n - 1; i > 0; i--) {
            int j = (int) boundedDraw(mt, i);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }

    private static long boundedDraw(MersenneTwister mt, long max) {
        long mask = max;
        mask |= mask >>> 1;
        mask |= mask >>> 2;
        mask |= mask >>> 4;
        mask |= mask >>> 8;
        mask |= mask >>> 16;
        long v;
        do {
            v = (mt.nextInt() & 0xffffffffL) & mask;
        } while (v > max);
        return v;
    }

    private static int[] range(int n) {
        int[] a = new int[n];
        Arrays.setAll(a, i -> i);
        return a;
    }
}
