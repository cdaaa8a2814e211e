package org.stdeconv.data;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class CsrIndicesTest {
    @Test
    void soundRowsAscendingOrNotPass() {
        // row 0 ascending, row 1 unsorted but distinct, row 2 empty, row 3 reuses columns of earlier rows
        long[] ptr = {0, 3, 6, 6, 8};
        int[] idx = {0, 2, 4, 4, 0, 2, 2, 0};
        assertNull(CsrIndices.problem(ptr, idx, 5, 0, "row", "column"));
    }

    @Test
    void aColumnRepeatedWithinARowIsNamed() {
        long[] ptr = {0, 2, 5};
        int[] idx = {1, 3, 3, 0, 3};
        assertEquals("row 11 lists column 3 twice", CsrIndices.problem(ptr, idx, 4, 10, "row", "column"));
        // the same column twice in a row (sorted, as zeroed indices leave it) is caught too
        assertEquals("cell 0 lists gene 0 twice", CsrIndices.problem(new long[]{0, 3}, new int[]{0, 0, 0}, 2, 0, "cell", "gene"));
    }

    @Test
    void anIndexOutOfRangeIsNamed() {
        assertEquals("row 1 lists column 7, outside 0..4", CsrIndices.problem(new long[]{0, 1, 2}, new int[]{1, 7}, 5, 0, "row", "column"));
        assertEquals("row 0 lists column -1, outside 0..4", CsrIndices.problem(new long[]{0, 1}, new int[]{-1}, 5, 0, "row", "column"));
    }

    @Test
    void rowsOfASlicedBlockAreCheckedFromTheirOwnOffsets() {
        // indptr starting past 0: the rows of a block inside larger arrays
        long[] ptr = {2, 4, 6};
        int[] idx = {9, 9, 1, 0, 2, 2};
        assertEquals("row 6 lists column 2 twice", CsrIndices.problem(ptr, idx, 3, 5, "row", "column"));
    }
}
