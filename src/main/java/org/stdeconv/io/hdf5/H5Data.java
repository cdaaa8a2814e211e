package org.stdeconv.io.hdf5;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A small typed value held in memory, with its shape ({@code dims} empty for a scalar) and its little-endian
 * bytes: an attribute's value or the content of a dataset small enough to build at once (names, obs columns, obsm).
 */
public record H5Data(H5Type type, long[] dims, byte[] bytes) {
    public H5Data {
        long n = 1;
        for (long d : dims) n *= d;
        if (n * type.size() != bytes.length) throw new IllegalArgumentException(bytes.length + " bytes for " + n + " values of " + type.size());
    }

    public static H5Data string(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[utf8.length + 1];
        System.arraycopy(utf8, 0, out, 0, utf8.length);
        return new H5Data(H5Type.utf8String(out.length), new long[0], out);
    }

    /** A 1-D string array; {@code null} is stored as the empty string. */
    public static H5Data strings(List<String> values) {
        byte[][] utf8 = new byte[values.size()][];
        int width = 1;
        for (int i = 0; i < utf8.length; i++) {
            String s = values.get(i);
            utf8[i] = s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8);
            width = Math.max(width, utf8[i].length + 1);
        }
        byte[] out = new byte[Math.multiplyExact(width, utf8.length)];
        for (int i = 0; i < utf8.length; i++) System.arraycopy(utf8[i], 0, out, i * width, utf8[i].length);
        return new H5Data(H5Type.utf8String(width), new long[]{utf8.length}, out);
    }

    public static H5Data float64(double[] values) {
        ByteBuffer b = buffer(8L * values.length);
        b.asDoubleBuffer().put(values);
        return new H5Data(H5Type.FLOAT64, new long[]{values.length}, b.array());
    }

    /** A rows x cols matrix in row-major order; every row must have {@code cols} values. */
    public static H5Data float64(double[][] rows, int cols) {
        ByteBuffer b = buffer(8L * rows.length * cols);
        var view = b.asDoubleBuffer();
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != cols) throw new IllegalArgumentException("row " + i + " has " + rows[i].length + " values, expected " + cols);
            view.put(rows[i]);
        }
        return new H5Data(H5Type.FLOAT64, new long[]{rows.length, cols}, b.array());
    }

    public static H5Data int64(long... values) {
        ByteBuffer b = buffer(8L * values.length);
        b.asLongBuffer().put(values);
        return new H5Data(H5Type.INT64, new long[]{values.length}, b.array());
    }

    private static ByteBuffer buffer(long bytes) {
        return ByteBuffer.allocate(Math.toIntExact(bytes)).order(ByteOrder.LITTLE_ENDIAN);
    }
}
