package org.stdeconv.simulate;

import org.stdeconv.data.CsrMatrix;

import java.util.Arrays;

/**
 * Sums reference cells into one spot: a dense accumulator over genes plus a bitset of the genes touched, so that
 * emitting the sparse row (ascending genes) costs a scan of the bitset, not of every gene. One per worker thread.
 */
final class SpotMixer {
    private final CsrMatrix reference;
    private final float[] sum;
    private final long[] touched;

    SpotMixer(CsrMatrix reference) {
        this.reference = reference;
        this.sum = new float[reference.cols()];
        this.touched = new long[(reference.cols() + 63) >>> 6];
    }

    void clear() {
        for (int w = 0; w < touched.length; w++) {
            long bits = touched[w];
            while (bits != 0) {
                sum[(w << 6) + Long.numberOfTrailingZeros(bits)] = 0f;
                bits &= bits - 1;
            }
            touched[w] = 0;
        }
    }

    void addCell(int cell) {
        int[] idx = reference.indices();
        float[] val = reference.data();
        for (int k = reference.rowStart(cell), e = reference.rowEnd(cell); k < e; k++) {
            int g = idx[k];
            sum[g] += val[k];
            touched[g >>> 6] |= 1L << g;
        }
    }

    /** Total counts over the genes {@code thinning} counts as depth. */
    double depth(DepthThinning thinning) {
        double d = 0;
        for (int w = 0; w < touched.length; w++) {
            long bits = touched[w];
            while (bits != 0) {
                int g = (w << 6) + Long.numberOfTrailingZeros(bits);
                if (thinning.counts(g)) d += sum[g];
                bits &= bits - 1;
            }
        }
        return d;
    }

    /**
     * Keeps each molecule with probability {@code rate}: integer counts binomially, non-integer values (a reference
     * that is not raw counts) scaled by the rate since they have no molecules to draw.
     */
    void thin(double rate, SpotRandom random) {
        for (int w = 0; w < touched.length; w++) {
            long bits = touched[w];
            while (bits != 0) {
                int g = (w << 6) + Long.numberOfTrailingZeros(bits);
                float v = sum[g];
                sum[g] = v == Math.rint(v) ? DepthThinning.binomial((int) v, rate, random) : (float) (v * rate);
                bits &= bits - 1;
            }
        }
    }

    /** Number of non-zero genes of the current spot. */
    int nonZeros() {
        int n = 0;
        for (int w = 0; w < touched.length; w++) {
            long bits = touched[w];
            while (bits != 0) {
                if (sum[(w << 6) + Long.numberOfTrailingZeros(bits)] != 0f) n++;
                bits &= bits - 1;
            }
        }
        return n;
    }

    /** Writes the non-zero genes (ascending) and values from {@code offset}; returns how many. */
    int emit(int[] indices, float[] values, int offset) {
        int n = offset;
        for (int w = 0; w < touched.length; w++) {
            long bits = touched[w];
            while (bits != 0) {
                int g = (w << 6) + Long.numberOfTrailingZeros(bits);
                float v = sum[g];
                if (v != 0f) {
                    indices[n] = g;
                    values[n] = v;
                    n++;
                }
                bits &= bits - 1;
            }
        }
        return n - offset;
    }

    /** For tests: the current spot densely. */
    float[] dense() {
        return Arrays.copyOf(sum, sum.length);
    }
}
