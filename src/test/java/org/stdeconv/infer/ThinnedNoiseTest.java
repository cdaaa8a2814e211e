package org.stdeconv.infer;

import org.junit.jupiter.api.Test;
import org.stdeconv.data.CsrMatrix;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ThinnedNoiseTest {
    private static CsrMatrix counts(int spots, int genes, long seed) {
        Random r = new Random(seed);
        CsrMatrix.Builder b = new CsrMatrix.Builder(genes);
        float[] row = new float[genes];
        for (int i = 0; i < spots; i++) {
            for (int j = 0; j < genes; j++) row[j] = r.nextDouble() < 0.4 ? r.nextInt(200) : 0;
            row[0] = 2.5f; // a non-integer count is split too
            b.addDenseRow(row);
        }
        return b.build();
    }

    @Test
    void theHalvesAddUpToTheCountsAndHoldAboutHalfEach() {
        CsrMatrix x = counts(50, 30, 1);
        long[] index = new long[50];
        for (int i = 0; i < 50; i++) index[i] = i;
        CsrMatrix[] halves = ThinnedNoise.split(x, index);
        double first = 0, total = 0;
        for (int i = 0; i < 50; i++) {
            for (int j = 0; j < 30; j++) {
                float a = halves[0].get(i, j), b = halves[1].get(i, j);
                assertEquals(x.get(i, j), a + b, 1e-4, "spot " + i + " gene " + j);
                assertTrue(a >= 0 && b >= 0 && (a == Math.rint(a) || j == 0), "whole counts stay whole: " + a);
                first += a;
                total += x.get(i, j);
            }
        }
        assertEquals(0.5, first / total, 0.01, "binomial halves");
    }

    @Test
    void aSpotIsSplitTheSameWayInAnyBatch() {
        CsrMatrix x = counts(40, 20, 2);
        long[] all = new long[40];
        for (int i = 0; i < 40; i++) all[i] = 1000 + i;
        CsrMatrix[] whole = ThinnedNoise.split(x, all);
        CsrMatrix[] tail = ThinnedNoise.split(x.sliceRows(25, 15), java.util.Arrays.copyOfRange(all, 25, 40));
        for (int i = 0; i < 15; i++) assertArrayEquals(whole[0].denseRow(25 + i), tail[0].denseRow(i));
        CsrMatrix[] elsewhere = ThinnedNoise.split(x.sliceRows(25, 15), java.util.Arrays.copyOfRange(all, 0, 15));
        assertTrue(!java.util.Arrays.equals(whole[0].denseRow(25), elsewhere[0].denseRow(0)), "the split follows the spot's place in the slide");
    }

    @Test
    void hugeAndNonFiniteCountsAreSplitQuicklyOrLeftOut() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        double sum = 0, squares = 0;
        int draws = 2000;
        long n = 1_000_000_000L;
        for (int i = 0; i < draws; i++) {
            long heads = ThinnedNoise.binomialHalf(n, random);
            assertTrue(heads >= 0 && heads <= n);
            sum += heads;
            squares += (double) heads * heads;
        }
        double mean = sum / draws, sd = Math.sqrt(squares / draws - mean * mean);
        assertEquals(n / 2.0, mean, 4 * Math.sqrt(n) / 2 / Math.sqrt(draws));
        assertEquals(Math.sqrt(n) / 2, sd, 0.1 * Math.sqrt(n) / 2);
        CsrMatrix odd = CsrMatrix.fromDense(new float[][]{{Float.POSITIVE_INFINITY, Float.NaN, 3e9f, 5}}, 4);
        CsrMatrix[] halves = ThinnedNoise.split(odd, new long[]{0});
        assertEquals(0f, halves[0].get(0, 0) + halves[1].get(0, 0), "an infinite count is left out");
        assertEquals(3e9f, halves[0].get(0, 2) + halves[1].get(0, 2), 1e3f);
        assertEquals(5f, halves[0].get(0, 3) + halves[1].get(0, 3));
    }

    @Test
    void theVarianceIsAQuarterOfTheMeanSquaredDifferenceOverTheSpotsThatSplit() {
        ThinnedNoise noise = new ThinnedNoise(0, 3, new int[]{0, 1, 2});
        assertTrue(Double.isNaN(noise.variance()));
        noise.add(new float[][]{{0.6f, 0.4f}, {0.5f, 0.5f}, {1, 0}}, new float[][]{{0.4f, 0.6f}, {0.5f, 0.5f}, {0, 1}}, new boolean[]{false, false, true});
        assertEquals((0.04 + 0.04) / (4 * 4), noise.variance(), 1e-7);
    }
}
