package org.stdeconv.io.hdf5;

import io.jhdf.api.Dataset;
import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.api.dataset.ContiguousDataset;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import io.jhdf.object.datatype.StringData;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.ByteOrder;
import java.util.stream.IntStream;

/**
 * Reads 1-D numeric HDF5 datasets straight into the Java array stdeconv computes with. jhdf's own getData() first
 * builds an array of the stored type through a per-element loop that is slow until the JIT has warmed up, and a
 * second array is then needed to convert (e.g. int32 indptr to long[]). Here contiguous data is copied in bulk
 * from the mapped file and chunked (gzip) data is inflated chunk by chunk on all cores, each chunk converted
 * directly into the one output array. Anything unusual (big-endian exotic types, fill-value-only chunks) falls
 * back to jhdf's getData().
 */
public final class H5Arrays {
    private H5Arrays() {
    }

    /** The element kinds we convert from without jhdf's help. */
    private static final int BLOCK_BYTES = 1 << 22;

    private enum Kind { F32, F64, I8, U8, I16, U16, I32, U32, I64 }

    public static float[] floats(Dataset ds) {
        int n = length(ds);
        Kind kind = kind(ds);
        if (kind == null) return NotNumericException.converting(ds, Arrays1D::toFloat);
        float[] out = new float[n];
        if (!fill(ds, kind, n, (buf, k, off, len) -> {
            switch (k) {
                case F32 -> buf.asFloatBuffer().get(out, off, len);
                case F64 -> { var b = buf.asDoubleBuffer(); for (int i = 0; i < len; i++) out[off + i] = (float) b.get(i); }
                case I32 -> { var b = buf.asIntBuffer(); for (int i = 0; i < len; i++) out[off + i] = b.get(i); }
                case U32 -> { var b = buf.asIntBuffer(); for (int i = 0; i < len; i++) out[off + i] = b.get(i) & 0xffffffffL; }
                case I64 -> { var b = buf.asLongBuffer(); for (int i = 0; i < len; i++) out[off + i] = b.get(i); }
                case I16 -> { var b = buf.asShortBuffer(); for (int i = 0; i < len; i++) out[off + i] = b.get(i); }
                case U16 -> { var b = buf.asShortBuffer(); for (int i = 0; i < len; i++) out[off + i] = b.get(i) & 0xffff; }
                case I8 -> { for (int i = 0; i < len; i++) out[off + i] = buf.get(i); }
                case U8 -> { for (int i = 0; i < len; i++) out[off + i] = buf.get(i) & 0xff; }
            }
        })) return NotNumericException.converting(ds, Arrays1D::toFloat);
        return out;
    }

    public static int[] ints(Dataset ds) {
        int n = length(ds);
        Kind kind = kind(ds);
        if (kind == null || kind == Kind.F32 || kind == Kind.F64) return NotNumericException.converting(ds, Arrays1D::toInt);
        int[] out = new int[n];
        if (!fill(ds, kind, n, (buf, k, off, len) -> {
            switch (k) {
                case I32 -> buf.asIntBuffer().get(out, off, len);
                case U32 -> { var b = buf.asIntBuffer(); for (int i = 0; i < len; i++) out[off + i] = Math.toIntExact(b.get(i) & 0xffffffffL); }
                case I64 -> { var b = buf.asLongBuffer(); for (int i = 0; i < len; i++) out[off + i] = Math.toIntExact(b.get(i)); }
                case I16 -> { var b = buf.asShortBuffer(); for (int i = 0; i < len; i++) out[off + i] = b.get(i); }
                case U16 -> { var b = buf.asShortBuffer(); for (int i = 0; i < len; i++) out[off + i] = b.get(i) & 0xffff; }
                case I8 -> { for (int i = 0; i < len; i++) out[off + i] = buf.get(i); }
                case U8 -> { for (int i = 0; i < len; i++) out[off + i] = buf.get(i) & 0xff; }
                default -> throw new IllegalStateException(k.toString());
            }
        })) return NotNumericException.converting(ds, Arrays1D::toInt);
        return out;
    }

    public static long[] longs(Dataset ds) {
        int n = length(ds);
        Kind kind = kind(ds);
        if (kind == null || kind == Kind.F32 || kind == Kind.F64) return NotNumericException.converting(ds, Arrays1D::toLong);
        long[] out = new long[n];
        if (!fill(ds, kind, n, (buf, k, off, len) -> {
            switch (k) {
                case I64 -> buf.asLongBuffer().get(out, off, len);
                case I32 -> { var b = buf.asIntBuffer(); for (int i = 0; i < len; i++) out[off + i] = b.get(i); }
                case U32 -> { var b = buf.asIntBuffer(); for (int i = 0; i < len; i++) out[off + i] = b.get(i) & 0xffffffffL; }
                case I16 -> { var b = buf.asShortBuffer(); for (int i = 0; i < len; i++) out[off + i] = b.get(i); }
                case U16 -> { var b = buf.asShortBuffer(); for (int i = 0; i < len; i++) out[off + i] = b.get(i) & 0xffff; }
                case I8 -> { for (int i = 0; i < len; i++) out[off + i] = buf.get(i); }
                case U8 -> { for (int i = 0; i < len; i++) out[off + i] = buf.get(i) & 0xff; }
                default -> throw new IllegalStateException(k.toString());
            }
        })) return NotNumericException.converting(ds, Arrays1D::toLong);
        return out;
    }

    /**
     * A 1-D string dataset. Fixed-length strings stored contiguously (what our writer and many tools write) are
     * decoded here from one read of the block; everything else (h5py's variable-length strings) goes through jhdf.
     */
    public static String[] strings(Dataset ds) {
        if (ds.getDataType() instanceof StringData sd && ds instanceof ContiguousDataset c && ds.getDimensions().length == 1 && !ds.isScalar()
                && !ds.isVariableLength()) {
            int n = length(ds), size = sd.getSize();
            byte[] all = new byte[Math.multiplyExact(n, size)];
            if (n > 0 && !readContiguous(ds, c, ByteOrder.LITTLE_ENDIAN, 1, Kind.I8, all.length, (buf, k, off, len) -> buf.get(all, off, len))) {
                return Arrays1D.toStrings(ds.getData());
            }
            boolean spacePadded = sd.getPaddingType() == StringData.PaddingType.SPACE_PADDED;
            java.nio.charset.Charset cs = sd.getCharset();
            String[] out = new String[n];
            for (int i = 0; i < n; i++) {
                int start = i * size, end = start;
                int limit = start + size;
                while (end < limit && all[end] != 0) end++;
                if (spacePadded) while (end > start && all[end - 1] == ' ') end--;
                out[i] = new String(all, start, end - start, cs);
            }
            return out;
        }
        return Arrays1D.toStrings(ds.getData());
    }

    private static int length(Dataset ds) {
        long n = ds.getSize();
        if (n > Integer.MAX_VALUE - 8) throw new IllegalArgumentException(ds.getPath() + " has " + n + " elements, more than a Java array holds");
        return (int) n;
    }

    private static Kind kind(Dataset ds) {
        if (ds.getDimensions().length > 1 || ds.isScalar()) return null;
        DataType t = ds.getDataType();
        if (t instanceof FloatingPoint f) {
            return f.getSize() == 4 ? Kind.F32 : f.getSize() == 8 ? Kind.F64 : null;
        }
        if (t instanceof FixedPoint f) {
            boolean s = f.isSigned();
            return switch (f.getSize()) {
                case 1 -> s ? Kind.I8 : Kind.U8;
                case 2 -> s ? Kind.I16 : Kind.U16;
                case 4 -> s ? Kind.I32 : Kind.U32;
                case 8 -> s ? Kind.I64 : null;
                default -> null;
            };
        }
        return null;
    }

    private static ByteOrder order(Dataset ds) {
        DataType t = ds.getDataType();
        if (t instanceof FloatingPoint f) return f.getByteOrder();
        return ((FixedPoint) t).getByteOrder();
    }

    /** Receives {@code len} elements (starting at output offset {@code off}) in a buffer positioned at 0. */
    private interface Sink {
        void take(ByteBuffer buf, Kind kind, int off, int len);
    }

    /**
     * Plain reads through a small reused buffer: faster than faulting in jhdf's memory map page by page, and no
     * heap beyond the output array.
     */
    private static boolean readContiguous(Dataset ds, ContiguousDataset c, ByteOrder order, int size, Kind kind, int n, Sink sink) {
        FileChannel ch = ds.getHdfFile().getHdfBackingStorage().getFileChannel();
        if (ch == null) return false;
        long pos = c.getDataAddress() + ds.getHdfFile().getUserBlockSize();
        int perBlock = BLOCK_BYTES / size;
        ByteBuffer buf = ByteBuffer.allocateDirect(perBlock * size).order(order);
        try {
            for (int off = 0; off < n; off += perBlock) {
                int len = Math.min(perBlock, n - off);
                buf.clear().limit(len * size);
                while (buf.hasRemaining()) {
                    int r = ch.read(buf, pos);
                    if (r < 0) throw new EOFException(ds.getPath() + " ends early: the file is truncated");
                    pos += r;
                }
                buf.flip();
                sink.take(buf, kind, off, len);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return true;
    }

    /** Returns false when this dataset's storage is not one we copy ourselves (the caller then uses jhdf). */
    private static boolean fill(Dataset ds, Kind kind, int n, Sink sink) {
        if (n == 0) return true;
        ByteOrder order = order(ds);
        int size = ds.getDataType().getSize();
        if (ds instanceof ContiguousDataset c) return readContiguous(ds, c, order, size, kind, n, sink);
        if (ds instanceof ChunkedDataset c) {
            int chunk = c.getChunkDimensions()[0];
            int chunks = (n + chunk - 1) / chunk;
            byte[] first;
            try {
                first = c.getDecompressedChunk(new int[]{0});
            } catch (RuntimeException e) {
                return false;
            }
            sink.take(ByteBuffer.wrap(first).order(order), kind, 0, Math.min(chunk, n));
            // the first call above initialised jhdf's chunk index; inflating the rest in parallel is then safe
            IntStream.range(1, chunks).parallel().forEach(i -> {
                int off = i * chunk;
                byte[] raw = c.getDecompressedChunk(new int[]{off});
                int len = Math.min(chunk, n - off);
                if (raw.length < (long) len * size) throw new IllegalStateException(ds.getPath() + ": chunk " + i + " is short");
                sink.take(ByteBuffer.wrap(raw).order(order), kind, off, len);
            });
            return true;
        }
        return false;
    }
}
