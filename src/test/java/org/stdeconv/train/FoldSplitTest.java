package org.stdeconv.train;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class FoldSplitTest {
    /** numpy: r = np.random.RandomState(42); idx = np.arange(260); r.shuffle(idx); idx[:52] (numpy 2.4.6). */
    private static final int[] NUMPY_FIRST_52 = {30, 181, 223, 185, 211, 258, 173, 142, 9, 177, 24, 213, 77, 204, 190, 206, 242, 6, 220, 104,
            114, 119, 19, 201, 179, 46, 75, 45, 154, 15, 236, 228, 144, 33, 196, 101, 212, 10, 113, 96, 92, 150, 25, 158, 18, 237, 139, 68,
            97, 167, 90, 205};

    @Test
    void reproducesNumpyShuffle() {
        int[] order = FoldSplit.numpyShuffle(260, 42);
        assertArrayEquals(NUMPY_FIRST_52, Arrays.copyOf(order, 52));
    }

    @Test
    void foldZeroIsScikitLearnsKFoldTestSet() {
        FoldSplit s = FoldSplit.of(260, 5, 0, 42);
        int[] expected = NUMPY_FIRST_52.clone();
        Arrays.sort(expected);
        assertArrayEquals(expected, s.heldOut());
        assertEquals(208, s.train().length);
    }

    @Test
    void foldsPartitionTheSpots() {
        int n = 23;
        int[] seen = new int[n];
        for (int f = 0; f < 5; f++) {
            FoldSplit s = FoldSplit.of(n, 5, f, 7);
            assertEquals(f < 3 ? 5 : 4, s.heldOut().length, "the first n % k folds get one extra spot");
            for (int i : s.heldOut()) seen[i]++;
            assertEquals(n, s.heldOut().length + s.train().length);
        }
        for (int c : seen) assertEquals(1, c);
    }
}
