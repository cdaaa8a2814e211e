package org.stdeconv.data;

import java.util.Arrays;

/**
 * Compressed sparse rows with float values: rows are cells or spots, columns are genes. Immutable by
 * convention (arrays are shared, never modified after construction).
 */
public final class CsrMatrix {
    private final int nRows;
    private final int nCols;
    private final long[] indptr;
    private final int[] indices;
    private final float[] data;

    public CsrMatrix(int nRows, int nCols, long[] indptr, int[] indices, float[] data) {
        if (indptr.length != nRows + 1) throw new IllegalArgumentException("indptr length " + indptr.length + " != rows + 1 = " + (nRows + 1));
        if (indices.length != data.length) throw new IllegalArgumentException("indices and data lengths differ");
        if (indptr[nRows] != data.length) throw new IllegalArgumentException("indptr[last] " + indptr[nRows] + " != nnz " + data.length);
        this.nRows = nRows;
        this.nCols = nCols;
        this.indptr = indptr;
        this.indices = indices;
        this.data = data;
    }

    public static CsrMatrix fromDense(float[][] rows, int nCols) {
        Builder b = new Builder(nCols);
        for (float[] r : rows) b.addDenseRow(r);
        return b.build();
    }

    public int rows() { return nRows; }
    public int cols() { return nCols; }
    public long nnz() { return data.length; }
    public long[] indptr() { return indptr; }
    public int[] indices() { return indices; }
    public float[] data() { return data; }

    /** Whether any stored value is not zero (an all-zero matrix has no expression to learn or simulate from). */
    public boolean hasNonZero() {
        for (float v : data) if (v != 0) return true;
        return false;
    }

    public int rowStart(int row) { return (int) indptr[row]; }
    public int rowEnd(int row) { return (int) indptr[row + 1]; }

    public float get(int row, int col) {
        int s = rowStart(row), e = rowEnd(row);
        for (int k = s; k < e; k++) if (indices[k] == col) return data[k];
        return 0f;
    }

    public double rowSum(int row) {
        double s = 0;
        for (int k = rowStart(row), e = rowEnd(row); k < e; k++) s += data[k];
        return s;
    }

    public double[] rowSums() {
        double[] out = new double[nRows];
        for (int r = 0; r < nRows; r++) out[r] = rowSum(r);
        return out;
    }

    /** Number of non-zero entries per column. */
    public int[] columnNonZeroCounts() {
        int[] out = new int[nCols];
        for (int k = 0; k < data.length; k++) if (data[k] != 0f) out[indices[k]]++;
        return out;
    }

    /** Writes row {@code row} densely into {@code out} (length cols), zeroing it first. */
    public void denseRow(int row, float[] out) {
        Arrays.fill(out, 0, nCols, 0f);
        for (int k = rowStart(row), e = rowEnd(row); k < e; k++) out[indices[k]] += data[k];
    }

    public float[] denseRow(int row) {
        float[] out = new float[nCols];
        denseRow(row, out);
        return out;
    }

    /** The rows listed, in that order. */
    public CsrMatrix selectRows(int[] rows) {
        long[] ptr = new long[rows.length + 1];
        for (int i = 0; i < rows.length; i++) ptr[i + 1] = ptr[i] + (indptr[rows[i] + 1] - indptr[rows[i]]);
        int[] idx = new int[(int) ptr[rows.length]];
        float[] val = new float[idx.length];
        for (int i = 0; i < rows.length; i++) {
            int s = rowStart(rows[i]), len = rowEnd(rows[i]) - s;
            System.arraycopy(indices, s, idx, (int) ptr[i], len);
            System.arraycopy(data, s, val, (int) ptr[i], len);
        }
        return new CsrMatrix(rows.length, nCols, ptr, idx, val);
    }

    /** Rows [start, start+len). */
    public CsrMatrix sliceRows(int start, int len) {
        int[] rows = new int[len];
        for (int i = 0; i < len; i++) rows[i] = start + i;
        return selectRows(rows);
    }

    /**
     * New column space: output column j takes input column {@code sourceColumn[j]}, or stays zero where that is
     * -1. Used to align genes (intersect, reorder, fill missing with zero).
     */
    public CsrMatrix remapColumns(int[] sourceColumn) {
        int[] target = new int[nCols];
        Arrays.fill(target, -1);
        for (int j = 0; j < sourceColumn.length; j++) if (sourceColumn[j] >= 0) target[sourceColumn[j]] = j;
        Builder b = new Builder(sourceColumn.length);
        int[] rowIdx = new int[sourceColumn.length];
        float[] rowVal = new float[sourceColumn.length];
        for (int r = 0; r < nRows; r++) {
            int n = 0;
            for (int k = rowStart(r), e = rowEnd(r); k < e; k++) {
                int t = target[indices[k]];
                if (t >= 0) { rowIdx[n] = t; rowVal[n] = data[k]; n++; }
            }
            b.addSparseRow(rowIdx, rowVal, n);
        }
        return b.build();
    }

    public CsrMatrix transpose() {
        long[] ptr = new long[nCols + 1];
        for (int k = 0; k < indices.length; k++) ptr[indices[k] + 1]++;
        for (int j = 0; j < nCols; j++) ptr[j + 1] += ptr[j];
        long[] next = Arrays.copyOf(ptr, nCols);
        int[] idx = new int[indices.length];
        float[] val = new float[data.length];
        for (int r = 0; r < nRows; r++) {
            for (int k = rowStart(r), e = rowEnd(r); k < e; k++) {
                int p = (int) next[indices[k]]++;
                idx[p] = r;
                val[p] = data[k];
            }
        }
        return new CsrMatrix(nCols, nRows, ptr, idx, val);
    }

    /** Stacks row blocks with the same column count. */
    public static CsrMatrix vstack(java.util.List<CsrMatrix> blocks) {
        if (blocks.isEmpty()) throw new IllegalArgumentException("nothing to stack");
        int cols = blocks.get(0).nCols;
        int rows = 0;
        long nnz = 0;
        for (CsrMatrix m : blocks) {
            if (m.nCols != cols) throw new IllegalArgumentException("column counts differ: " + m.nCols + " vs " + cols);
            rows += m.nRows;
            nnz += m.data.length;
        }
        long[] ptr = new long[rows + 1];
        int[] idx = new int[Math.toIntExact(nnz)];
        float[] val = new float[idx.length];
        int r0 = 0;
        int off = 0;
        for (CsrMatrix m : blocks) {
            for (int r = 0; r < m.nRows; r++) ptr[r0 + r + 1] = off + m.indptr[r + 1];
            System.arraycopy(m.indices, 0, idx, off, m.data.length);
            System.arraycopy(m.data, 0, val, off, m.data.length);
            off += m.data.length;
            r0 += m.nRows;
        }
        return new CsrMatrix(rows, cols, ptr, idx, val);
    }

    /** Appends rows one at a time, growing its arrays as needed. */
    public static final class Builder {
        private final int nCols;
        private long[] ptr = new long[1025];
        private int[] idx = new int[4096];
        private float[] val = new float[4096];
        private int rows;
        private int nnz;

        public Builder(int nCols) {
            this.nCols = nCols;
        }

        public int rows() { return rows; }

        public Builder addDenseRow(float[] row) {
            ensure(row.length);
            for (int j = 0; j < nCols; j++) {
                if (row[j] != 0f) { idx[nnz] = j; val[nnz] = row[j]; nnz++; }
            }
            return endRow();
        }

        /** Adds a row from the first {@code n} (column, value) pairs; columns must be ascending. */
        public Builder addSparseRow(int[] cols, float[] vals, int n) {
            ensure(n);
            for (int k = 0; k < n; k++) {
                if (vals[k] != 0f) { idx[nnz] = cols[k]; val[nnz] = vals[k]; nnz++; }
            }
            return endRow();
        }

        private Builder endRow() {
            if (rows + 2 > ptr.length) ptr = Arrays.copyOf(ptr, ptr.length * 2);
            ptr[++rows] = nnz;
            return this;
        }

        private void ensure(int extra) {
            long need = (long) nnz + extra;
            if (need > idx.length) {
                int cap = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(need, (long) idx.length * 2));
                idx = Arrays.copyOf(idx, cap);
                val = Arrays.copyOf(val, cap);
            }
        }

        public CsrMatrix build() {
            return new CsrMatrix(rows, nCols, Arrays.copyOf(ptr, rows + 1), Arrays.copyOf(idx, nnz), Arrays.copyOf(val, nnz));
        }
    }
}
