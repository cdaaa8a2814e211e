package org.stdeconv.infer;

import org.stdeconv.data.CsrMatrix;
import org.stdeconv.data.InputTransform;
import org.stdeconv.stats.StandardNormal;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The part of the network's error that is independent from spot to spot, measured on the slide itself by data
 * thinning: each spot's counts are split binomially into two halves (each count goes to either half with
 * probability 1/2), both halves are predicted, and since two independent half-depth answers differ by twice the
 * half-depth variance, which is about twice the full-depth one, sigma^2 = sum |p(X1) - p(X2)|^2 / (4 n K) per entry.
 * This is the noise a spatial prior can remove; the network's bias, which neighbours share, does not show in it.
 * The split of a spot depends only on its counts and its index in the slide, so it is the same in any batching.
 */
final class ThinnedNoise {
    private static final long SEED = 0x5EED_7417L;

    /** Which spots of the run's range are split (the window the prior's strength is chosen on). */
    private final boolean[] measured;
    private final int rangeStart;
    private double sum;
    private long entries;

    /** The two halves' network inputs for the measured spots of one batch ({@code rows}: their rows in the batch). */
    record Halves(int[] rows, float[][] first, float[][] second, boolean[] empty, double[][] xy) {
    }

    /** Measures the noise on the spots {@code spots} (indices into the run's range of the slide). */
    ThinnedNoise(int rangeStart, int rangeSize, int[] spots) {
        this.rangeStart = rangeStart;
        measured = new boolean[rangeSize];
        for (int i : spots) measured[i] = true;
    }

    /** The halves of the measured spots among a batch's {@code aligned} counts, whose rows start at the slide's spot {@code start}. */
    Halves halves(CsrMatrix aligned, int start, InputTransform transform, double[][] xy) {
        int[] rows = IntStream.range(0, aligned.rows()).filter(r -> measured[start - rangeStart + r]).toArray();
        long[] slideIndex = Arrays.stream(rows).mapToLong(r -> start + (long) r).toArray();
        CsrMatrix[] split = split(aligned.selectRows(rows), slideIndex);
        boolean[] empty = new boolean[rows.length];
        for (int i = 0; i < rows.length; i++) empty[i] = !(split[0].rowSum(i) > 0 && split[1].rowSum(i) > 0);
        double[][] rowsXy = xy == null ? null : Arrays.stream(rows).mapToObj(r -> xy[r]).toArray(double[][]::new);
        return new Halves(rows, transform.apply(split[0]), transform.apply(split[1]), empty, rowsXy);
    }

    /** The two halves of {@code counts}, whose row r is the slide's spot {@code slideIndex[r]}. */
    static CsrMatrix[] split(CsrMatrix counts, long[] slideIndex) {
        CsrMatrix.Builder a = new CsrMatrix.Builder(counts.cols()), b = new CsrMatrix.Builder(counts.cols());
        int[] cols = new int[counts.cols()];
        float[] va = new float[counts.cols()], vb = new float[counts.cols()];
        for (int r = 0; r < counts.rows(); r++) {
            SplittableRandom random = new SplittableRandom(SEED ^ slideIndex[r] * 0x9E3779B97F4A7C15L);
            int n = 0;
            for (int p = counts.rowStart(r); p < counts.rowEnd(r); p++) {
                double v = counts.data()[p];
                if (!(v > 0) || !Double.isFinite(v)) continue;
                double whole = Math.floor(v);
                double first = binomialHalf((long) whole, random) + (random.nextBoolean() ? v - whole : 0);
                cols[n] = counts.indices()[p];
                va[n] = (float) first;
                vb[n] = (float) (v - first);
                n++;
            }
            a.addSparseRow(cols, va, n);
            b.addSparseRow(cols, vb, n);
        }
        return new CsrMatrix[]{a.build(), b.build()};
    }

    /** Above this many, a count is split by the normal approximation (exact draws would take n / 64 steps). */
    static final long EXACT_UP_TO = 4096;

    /** A draw of Binomial(n, 1/2): the set bits of n random bits, or its normal approximation for large n. */
    static long binomialHalf(long n, SplittableRandom random) {
        if (n > EXACT_UP_TO) {
            double draw = Math.rint(n / 2.0 + Math.sqrt(n) / 2 * StandardNormal.draw(random));
            return (long) Math.max(0, Math.min(n, draw));
        }
        long heads = 0;
        for (long left = n; left > 0; left -= 64) {
            long bits = random.nextLong();
            heads += Long.bitCount(left >= 64 ? bits : bits & ((1L << left) - 1));
        }
        return heads;
    }

    /** Adds the answers for both halves of a batch's measured spots; spots where either half has no counts are left out. */
    void add(float[][] first, float[][] second, boolean[] leftOut) {
        for (int i = 0; i < first.length; i++) {
            if (leftOut[i]) continue;
            for (int k = 0; k < first[i].length; k++) {
                double d = first[i][k] - second[i][k];
                sum += d * d;
            }
            entries += first[i].length;
        }
    }

    /** sigma^2 per entry at full depth, or NaN when no spot could be split. */
    double variance() {
        return entries == 0 ? Double.NaN : sum / (4.0 * entries);
    }
}
