package org.stdeconv.io.h5ad;

import org.stdeconv.io.hdf5.H5Data;
import org.stdeconv.io.hdf5.H5FileWriter;
import org.stdeconv.io.hdf5.H5Group;
import org.stdeconv.io.hdf5.H5Type;
import org.stdeconv.io.hdf5.RawArrayWriter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * The X of a {@link StreamingH5adWriter} file, a CSR matrix written as its rows arrive. X/data streams into the file
 * from its first free address; X/indices follow the last value, so they stream into their final place when the number
 * of non-zeros is announced, and otherwise into a temporary file beside it that the kernel copies in when X is placed.
 * Only the row starts (indptr, 8 bytes a row) stay in memory.
 */
final class StreamedCsrX {
    private final Path file;
    private final FileChannel channel;
    private final int nCols;
    private final long expectedNonZeros;
    private final RawArrayWriter data;
    private final RawArrayWriter indices;
    private final Path indicesTemp;
    private final FileChannel indicesChannel;
    private long[] indptr = new long[1024];
    private int rows;
    private long dataAt;
    private long indicesAt;

    private StreamedCsrX(Path file, FileChannel channel, int nCols, long expectedNonZeros, Path indicesTemp, FileChannel indicesChannel) {
        this.file = file;
        this.channel = channel;
        this.nCols = nCols;
        this.expectedNonZeros = expectedNonZeros;
        this.indicesTemp = indicesTemp;
        this.indicesChannel = indicesChannel;
        this.data = new RawArrayWriter(channel, H5FileWriter.FIRST_ADDRESS);
        this.indices = indicesChannel != null ? new RawArrayWriter(indicesChannel, 0)
                : new RawArrayWriter(channel, H5FileWriter.FIRST_ADDRESS + 4 * expectedNonZeros);
    }

    /**
     * X for {@code file}, open on {@code channel}, with {@code expectedNonZeros} values or
     * {@link StreamingH5adWriter#UNKNOWN} (then the temporary indices file is created here, and removed if that fails).
     */
    static StreamedCsrX open(Path file, FileChannel channel, int nCols, long expectedNonZeros) throws IOException {
        if (expectedNonZeros != StreamingH5adWriter.UNKNOWN) return new StreamedCsrX(file, channel, nCols, expectedNonZeros, null, null);
        Path tmp = null;
        try {
            tmp = Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName() + ".", ".indices");
            return new StreamedCsrX(file, channel, nCols, expectedNonZeros, tmp, FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.READ));
        } catch (IOException e) {
            StreamingH5adWriter.deleteQuietly(tmp);
            throw e;
        }
    }

    int rows() {
        return rows;
    }

    long nonZeros() {
        return data.values();
    }

    /** Appends one row from {@code n} (column, value) pairs starting at {@code offset}. */
    void appendRow(int[] columns, float[] values, int offset, int n) {
        for (int k = offset; k < offset + n; k++) {
            if (columns[k] < 0 || columns[k] >= nCols) throw new IllegalArgumentException("column " + columns[k] + " outside 0.." + (nCols - 1) + " in row " + rows);
        }
        if (expectedNonZeros != StreamingH5adWriter.UNKNOWN && data.values() + n > expectedNonZeros) {
            throw new IllegalStateException("more than the announced " + expectedNonZeros + " non-zeros");
        }
        data.putFloats(values, offset, n);
        indices.putInts(columns, offset, n);
        if (rows + 2 > indptr.length) indptr = Arrays.copyOf(indptr, Math.max(rows + 2, indptr.length * 2));
        indptr[++rows] = data.values();
    }

    /**
     * Flushes the values and indices and claims their space in the file, the first allocations after the superblock
     * (where they were streamed to); copies the temporary indices in.
     */
    void place(H5FileWriter h5) {
        data.flush();
        indices.flush();
        long nnz = data.values();
        if (expectedNonZeros != StreamingH5adWriter.UNKNOWN && nnz != expectedNonZeros) {
            throw new IllegalStateException(nnz + " non-zeros appended, " + expectedNonZeros + " announced");
        }
        dataAt = h5.allocate(4 * nnz);
        indicesAt = h5.allocate(4 * nnz);
        if (indicesChannel != null) copyIndices(indicesAt, 4 * nnz);
    }

    /** The X group (anndata's csr_matrix) over the arrays {@link #place} put in the file. */
    void writeGroup(H5Group root) {
        long nnz = data.values();
        H5Group x = root.group("X");
        StreamingH5adWriter.encoding(x, "csr_matrix", "0.1.0");
        x.attribute("shape", H5Data.int64(rows, nCols));
        x.dataset("data", H5Type.FLOAT32, new long[]{nnz}, dataAt);
        x.dataset("indices", H5Type.INT32, new long[]{nnz}, indicesAt);
        x.dataset("indptr", H5Data.int64(Arrays.copyOf(indptr, rows + 1)));
    }

    private void copyIndices(long at, long bytes) {
        try {
            for (long done = 0; done < bytes; ) done += indicesChannel.transferTo(done, bytes - done, channel.position(at + done));
            indicesChannel.close();
            Files.delete(indicesTemp);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Removes the temporary indices file, if any (the writer is closed without finishing). */
    void discard() {
        StreamingH5adWriter.closeQuietly(indicesChannel);
        StreamingH5adWriter.deleteQuietly(indicesTemp);
    }
}
