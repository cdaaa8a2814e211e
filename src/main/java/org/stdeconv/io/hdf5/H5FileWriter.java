package org.stdeconv.io.hdf5;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;

/**
 * Writes an HDF5 file front to back: raw data first (at addresses handed out by {@link #allocate} or written by
 * {@link #append}), then, in {@link #finish}, every object header bottom-up (children before the group linking
 * them) and last the version 2 superblock at offset 0, which points to the root group and records the file's end.
 * Nothing large is held: the tree keeps only names, attributes and addresses.
 */
public final class H5FileWriter {
    /** The superblock's size; the first raw data goes right after it. */
    public static final long FIRST_ADDRESS = 48;

    private final FileChannel channel;
    private final H5Group root;
    private long end = FIRST_ADDRESS;

    public H5FileWriter(FileChannel channel) {
        this.channel = channel;
        this.root = new H5Group(this);
    }

    public H5Group root() {
        return root;
    }

    /** Reserves {@code bytes} for raw data the caller writes itself; returns their address. */
    public long allocate(long bytes) {
        long at = end;
        end += bytes;
        return at;
    }

    long append(byte[] bytes) {
        long at = allocate(bytes.length);
        write(ByteBuffer.wrap(bytes), at);
        return at;
    }

    /** Writes all object headers and the superblock; the file is then complete (the channel stays open). */
    public void finish() {
        long rootAddress = root.write(this);
        LeBytes sb = new LeBytes().bytes("\u0089HDF\r\n\u001a\n".getBytes(StandardCharsets.ISO_8859_1))
                .u8(2).u8(8).u8(8).u8(0) // version 2, 8-byte addresses and lengths, no consistency flags
                .u64(0).u64(LeBytes.UNDEFINED_ADDRESS).u64(end).u64(rootAddress) // base, no extension, end of file, root
                .checksum();
        write(ByteBuffer.wrap(sb.toArray()), 0);
        try {
            channel.truncate(end);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(ByteBuffer b, long position) {
        try {
            long at = position;
            while (b.hasRemaining()) at += channel.write(b, at);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
