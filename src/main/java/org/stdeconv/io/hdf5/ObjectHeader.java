package org.stdeconv.io.hdf5;

import java.nio.charset.StandardCharsets;

/**
 * One version 2 object header ("OHDR") and the messages h5ad needs, all in a single chunk with no gap: compact
 * (message-based) link and attribute storage, so no B-trees or heaps are ever written. Messages are limited to
 * 64 KiB each by their 2-byte size field, far more than any attribute or group of an h5ad written here needs.
 */
final class ObjectHeader {
    private static final int DATASPACE = 0x01, LINK_INFO = 0x02, DATATYPE = 0x03, FILL_VALUE = 0x05, LINK = 0x06,
            LAYOUT = 0x08, GROUP_INFO = 0x0A, ATTRIBUTE = 0x0C;
    /** Message flag: the message never changes (libhdf5 marks datatypes of datasets so). */
    private static final int CONSTANT = 0x01;

    private final LeBytes messages = new LeBytes();

    private ObjectHeader message(int type, int flags, byte[] body) {
        if (body.length > 0xffff) throw new IllegalArgumentException("HDF5 header message of " + body.length + " bytes is over the 64 KiB limit");
        messages.u8(type).u16(body.length).u8(flags).bytes(body);
        return this;
    }

    /** The messages that make an object header a (new-style, compact) group; its links follow. */
    static ObjectHeader group() {
        ObjectHeader h = new ObjectHeader();
        // link info version 0, no creation order: no fractal heap, no name index
        h.message(LINK_INFO, 0, new LeBytes().u8(0).u8(0).u64(LeBytes.UNDEFINED_ADDRESS).u64(LeBytes.UNDEFINED_ADDRESS).toArray());
        // group info version 0, default phase-change values
        h.message(GROUP_INFO, 0, new LeBytes().u8(0).u8(0).toArray());
        return h;
    }

    /** A dataset whose raw data lies contiguously at {@code address}. */
    static ObjectHeader dataset(H5Type type, long[] dims, long address) {
        long bytes = type.size();
        for (long d : dims) bytes *= d;
        ObjectHeader h = new ObjectHeader();
        h.message(DATASPACE, 0, dataspace(dims));
        h.message(DATATYPE, CONSTANT, type.message());
        // fill value version 3: space allocated early (it is: the data is already written), fill written "if set",
        // and no fill value defined
        h.message(FILL_VALUE, CONSTANT, new LeBytes().u8(3).u8(0x01 | 0x02 << 2).toArray());
        // data layout version 3, class 1 = contiguous
        h.message(LAYOUT, 0, new LeBytes().u8(3).u8(1).u64(address).u64(bytes).toArray());
        return h;
    }

    /** A hard link to the object header at {@code address}; the name is UTF-8. */
    ObjectHeader link(String name, long address) {
        byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
        boolean longName = utf8.length > 0xff;
        // flags: bits 0-1 width of the name length (1 or 2 bytes), bit 4 character set present
        LeBytes b = new LeBytes().u8(1).u8((longName ? 1 : 0) | 0x10).u8(1);
        if (longName) b.u16(utf8.length);
        else b.u8(utf8.length);
        return message(LINK, 0, b.bytes(utf8).u64(address).toArray());
    }

    ObjectHeader attribute(String name, H5Data value) {
        byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
        byte[] type = value.type().message(), space = dataspace(value.dims());
        // attribute version 3 (no padding): name size with its NUL, datatype and dataspace sizes, name charset UTF-8
        LeBytes b = new LeBytes().u8(3).u8(0).u16(utf8.length + 1).u16(type.length).u16(space.length).u8(1)
                .bytes(utf8).u8(0).bytes(type).bytes(space).bytes(value.bytes());
        return message(ATTRIBUTE, 0, b.toArray());
    }

    /** Dataspace version 2: scalar when {@code dims} is empty, else simple with no maximum dimensions stored. */
    private static byte[] dataspace(long[] dims) {
        LeBytes b = new LeBytes().u8(2).u8(dims.length).u8(0).u8(dims.length == 0 ? 0 : 1);
        for (long d : dims) b.u64(d);
        return b.toArray();
    }

    /** The encoded header: prefix, chunk size (4-byte field), messages, checksum. */
    byte[] encode() {
        LeBytes b = new LeBytes().bytes("OHDR".getBytes(StandardCharsets.US_ASCII)).u8(2).u8(0x02).u32(messages.size());
        return b.bytes(messages.toArray()).checksum().toArray();
    }
}
