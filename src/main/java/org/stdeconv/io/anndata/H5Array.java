package org.stdeconv.io.anndata;

import org.stdeconv.io.hdf5.H5Data;
import org.stdeconv.io.hdf5.H5Type;

import java.util.Arrays;
import java.util.List;

/**
 * The value of one dataset or attribute copied from an AnnData file: numbers as little-endian bytes in their own
 * type (uint8 images stay uint8, int64 coordinates stay int64), text as Java strings so that the fixed string width
 * is chosen when it is written (a slice or a join of slices then gets the same bytes as the whole). {@code dims} is
 * empty for a scalar.
 */
public record H5Array(H5Type type, long[] dims, byte[] bytes, String[] text) {

    public static H5Array numeric(H5Type type, long[] dims, byte[] bytes) {
        return new H5Array(type, dims, bytes, null);
    }

    public static H5Array text(long[] dims, String[] values) {
        return new H5Array(null, dims, null, values);
    }

    public static H5Array string(String value) {
        return text(new long[0], new String[]{value});
    }

    public static H5Array strings(List<String> values) {
        return text(new long[]{values.size()}, values.toArray(new String[0]));
    }

    public static H5Array of(H5Data data) {
        return numeric(data.type(), data.dims(), data.bytes());
    }

    public boolean isText() {
        return text != null;
    }

    /** Length of the first dimension (the rows of an obs-aligned array). */
    public long rows() {
        if (dims.length == 0) throw new IllegalStateException("a scalar has no rows");
        return dims[0];
    }

    private int rowWidth() {
        long w = 1;
        for (int i = 1; i < dims.length; i++) w *= dims[i];
        return Math.toIntExact(w);
    }

    /** Rows [start, end) of the first dimension. */
    public H5Array rows(int start, int end) {
        long[] d = dims.clone();
        d[0] = end - start;
        int w = rowWidth();
        if (isText()) return text(d, Arrays.copyOfRange(text, start * w, end * w));
        int b = w * type.size();
        return numeric(type, d, Arrays.copyOfRange(bytes, Math.multiplyExact(start, b), Math.multiplyExact(end, b)));
    }

    /** The parts stacked along the first dimension; they must agree in type and in the other dimensions. */
    public static H5Array concat(List<H5Array> parts) {
        H5Array first = parts.get(0);
        long rows = 0;
        for (H5Array p : parts) {
            if (p.isText() != first.isText() || (!p.isText() && !p.type.equals(first.type))
                    || !Arrays.equals(Arrays.copyOfRange(p.dims, 1, p.dims.length), Arrays.copyOfRange(first.dims, 1, first.dims.length))) {
                throw new IllegalArgumentException("parts differ in type or shape");
            }
            rows += p.rows();
        }
        long[] d = first.dims.clone();
        d[0] = rows;
        if (first.isText()) {
            String[] out = new String[Math.toIntExact(rows * first.rowWidth())];
            int o = 0;
            for (H5Array p : parts) {
                System.arraycopy(p.text, 0, out, o, p.text.length);
                o += p.text.length;
            }
            return text(d, out);
        }
        byte[] out = new byte[Math.toIntExact(rows * first.rowWidth() * first.type.size())];
        int o = 0;
        for (H5Array p : parts) {
            System.arraycopy(p.bytes, 0, out, o, p.bytes.length);
            o += p.bytes.length;
        }
        return numeric(first.type, d, out);
    }

    /** What the HDF5 writer stores: text as fixed-length UTF-8 of the longest value. */
    public H5Data toH5Data() {
        if (!isText()) return new H5Data(type, dims, bytes);
        if (dims.length == 0) return H5Data.string(text[0]);
        H5Data flat = H5Data.strings(Arrays.asList(text));
        return new H5Data(flat.type(), dims, flat.bytes());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof H5Array a && java.util.Objects.equals(type, a.type) && Arrays.equals(dims, a.dims)
                && Arrays.equals(bytes, a.bytes) && Arrays.equals(text, a.text);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims) * 31 + Arrays.hashCode(text) + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return (isText() ? "text" : "numeric") + Arrays.toString(dims);
    }
}
