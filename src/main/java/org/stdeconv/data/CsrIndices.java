package org.stdeconv.data;

/**
 * Checks the column indices of stored CSR (or CSC) arrays before anything uses them: each must lie in 0..cols-1 and
 * appear at most once in its row. A repeated column is what a damaged {@code indices} array looks like (zeroed or
 * overwritten bytes) while still passing every range check, and every consumer assumes one entry per (row, column):
 * gene alignment overruns its row buffer, sums count a gene twice. Readers call this where the file is read, so that
 * the file and field can be named.
 *
 * <p>Linear in the entries and free of per-row allocation: a row whose columns ascend (as anndata, scipy and Space
 * Ranger write them) costs one comparison per entry; only a row that does not ascend is checked against a stamp per
 * column, allocated at most once per call.
 */
public final class CsrIndices {
    private CsrIndices() {
    }

    /**
     * What is wrong with the first bad entry of the rows {@code indptr} delimits (offsets into {@code indices}, the
     * first row at {@code indptr[0]}), or null when every row is sound. Rows are numbered from {@code firstRow} in the
     * text, which reads "row 3 lists column 17 twice" or "row 3 lists column -5, outside 0..99", with the caller's
     * words for the two axes (e.g. "cell", "gene").
     */
    public static String problem(long[] indptr, int[] indices, int cols, long firstRow, String rowWord, String colWord) {
        int[] stamp = null;
        int tag = 0;
        for (int r = 0; r + 1 < indptr.length; r++) {
            int start = (int) indptr[r], end = (int) indptr[r + 1];
            int prev = -1;
            boolean ascending = true;
            for (int k = start; k < end; k++) {
                int c = indices[k];
                if (c < 0 || c >= cols) return rowWord + " " + (firstRow + r) + " lists " + colWord + " " + c + ", outside 0.." + (cols - 1);
                if (c <= prev) ascending = false;
                prev = c;
            }
            if (ascending) continue;
            if (stamp == null) stamp = new int[cols];
            tag++; // a fresh tag per unsorted row, so the stamps need no clearing (2^31 such rows would be needed to wrap)
            for (int k = start; k < end; k++) {
                int c = indices[k];
                if (stamp[c] == tag) return rowWord + " " + (firstRow + r) + " lists " + colWord + " " + c + " twice";
                stamp[c] = tag;
            }
        }
        return null;
    }
}
