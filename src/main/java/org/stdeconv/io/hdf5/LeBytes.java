package org.stdeconv.io.hdf5;

import java.util.Arrays;

/** A growable little-endian byte buffer for HDF5 metadata (superblock, object headers and their messages). */
final class LeBytes {
    static final long UNDEFINED_ADDRESS = -1L;

    private byte[] buf = new byte[64];
    private int size;

    LeBytes u8(int v) {
        ensure(1);
        buf[size++] = (byte) v;
        return this;
    }

    LeBytes u16(int v) {
        if (v < 0 || v > 0xffff) throw new IllegalArgumentException("HDF5 field of 2 bytes cannot hold " + v);
        return u8(v).u8(v >>> 8);
    }

    LeBytes u32(int v) {
        return u8(v).u8(v >>> 8).u8(v >>> 16).u8(v >>> 24);
    }

    LeBytes u64(long v) {
        return u32((int) v).u32((int) (v >>> 32));
    }

    LeBytes bytes(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, size, b.length);
        size += b.length;
        return this;
    }

    int size() {
        return size;
    }

    /** Overwrites 4 bytes at {@code at} (a size or checksum known only later). */
    void setU32(int at, int v) {
        for (int i = 0; i < 4; i++) buf[at + i] = (byte) (v >>> (8 * i));
    }

    /** Appends the lookup3 checksum of everything so far. */
    LeBytes checksum() {
        return u32(Lookup3.hash(buf, 0, size));
    }

    byte[] toArray() {
        return Arrays.copyOf(buf, size);
    }

    private void ensure(int extra) {
        if (size + extra > buf.length) buf = Arrays.copyOf(buf, Math.max(size + extra, buf.length * 2));
    }
}
