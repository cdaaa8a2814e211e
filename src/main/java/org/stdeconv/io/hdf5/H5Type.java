package org.stdeconv.io.hdf5;

import java.util.Arrays;

/**
 * An HDF5 datatype as its datatype message (version 1) encodes it, and the size of one element. Only what h5ad
 * needs: little-endian IEEE floats, signed little-endian integers and fixed-length null-terminated UTF-8 strings
 * (h5py and anndata 0.8 read these as str; jhdf wrote strings the same way).
 */
public final class H5Type {
    public static final H5Type FLOAT32 = floating(4);
    public static final H5Type FLOAT64 = floating(8);
    public static final H5Type INT32 = integer(4);
    public static final H5Type INT64 = integer(8);
    /** numpy/h5py's bool: an enum over int8 with FALSE = 0 and TRUE = 1 (anndata reads it back as bool). */
    public static final H5Type BOOL = bool();

    private static final int CLASS_FIXED = 0, CLASS_FLOAT = 1, CLASS_STRING = 3, CLASS_ENUM = 8, VERSION = 1;

    private final byte[] message;
    private final int size;

    private H5Type(byte[] message, int size) {
        this.message = message;
        this.size = size;
    }

    /** Bytes per element. */
    public int size() {
        return size;
    }

    byte[] message() {
        return message.clone();
    }

    private static LeBytes header(int typeClass, int bits0, int bits8, int size) {
        return new LeBytes().u8(VERSION << 4 | typeClass).u8(bits0).u8(bits8).u8(0).u32(size);
    }

    private static H5Type integer(int size) {
        return integer(size, true);
    }

    /** A little-endian integer of 1, 2, 4 or 8 bytes, signed or not (uint8 is what images in uns hold). */
    public static H5Type integer(int size, boolean signed) {
        if (size != 1 && size != 2 && size != 4 && size != 8) throw new IllegalArgumentException("integer size " + size);
        // bit 3: signed; byte order bit 0 = little-endian; then bit offset and precision
        return new H5Type(header(CLASS_FIXED, signed ? 0x08 : 0, 0, size).u16(0).u16(8 * size).toArray(), size);
    }

    /** A little-endian IEEE float of 4 or 8 bytes. */
    public static H5Type floatingPoint(int size) {
        if (size != 4 && size != 8) throw new IllegalArgumentException("float size " + size);
        return size == 4 ? FLOAT32 : FLOAT64;
    }

    private static H5Type bool() {
        // enum (datatype version 1): member count in bits 0-15, the base type's message, names NUL-padded to a
        // multiple of 8 bytes, then the values in the base type, in the order h5py writes them
        LeBytes b = header(CLASS_ENUM, 2, 0, 1).bytes(integer(1, true).message);
        for (String name : new String[]{"FALSE", "TRUE"}) {
            byte[] padded = new byte[8];
            System.arraycopy(name.getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, padded, 0, name.length());
            b.bytes(padded);
        }
        return new H5Type(b.u8(0).u8(1).toArray(), 1);
    }

    /** Whether values of this type are text (they are held as Java strings, not bytes). */
    public boolean isString() {
        return (message[0] & 0x0f) == CLASS_STRING;
    }

    private static H5Type floating(int size) {
        boolean single = size == 4;
        int bits = 8 * size, mantissa = single ? 23 : 52, exponent = single ? 8 : 11;
        // bits 4-5 = 2: normalised mantissa with an implied leading 1; bits 8-15: position of the sign bit
        LeBytes b = header(CLASS_FLOAT, 0x20, bits - 1, size).u16(0).u16(bits)
                .u8(mantissa).u8(exponent).u8(0).u8(mantissa).u32(single ? 127 : 1023);
        return new H5Type(b.toArray(), size);
    }

    /** Fixed-length strings of {@code size} bytes (longest UTF-8 value plus its terminating NUL). */
    public static H5Type utf8String(int size) {
        if (size < 1) throw new IllegalArgumentException("string size " + size);
        // bits 0-3: padding 0 = null-terminated; bits 4-7: character set 1 = UTF-8
        return new H5Type(header(CLASS_STRING, 0x10, 0, size).toArray(), size);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof H5Type t && Arrays.equals(message, t.message);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(message);
    }
}
