package org.stdeconv.io.hdf5;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;

/**
 * Streams one array of 4-byte little-endian values into a file from a start offset through a fixed buffer, so an
 * array of any length is written with constant memory.
 */
public final class RawArrayWriter {
    private static final int BUFFER_BYTES = 1 << 20;

    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    private long position;
    private long values;

    public RawArrayWriter(FileChannel channel, long start) {
        this.channel = channel;
        this.position = start;
    }

    /** Number of values written so far. */
    public long values() {
        return values;
    }

    public void putFloats(float[] v, int offset, int n) {
        for (int done = 0; done < n; ) {
            int k = room(n - done);
            buffer.asFloatBuffer().put(v, offset + done, k);
            buffer.position(buffer.position() + 4 * k);
            done += k;
        }
        values += n;
    }

    public void putInts(int[] v, int offset, int n) {
        for (int done = 0; done < n; ) {
            int k = room(n - done);
            buffer.asIntBuffer().put(v, offset + done, k);
            buffer.position(buffer.position() + 4 * k);
            done += k;
        }
        values += n;
    }

    /** How many of {@code wanted} values fit now, flushing first when the buffer is full. */
    private int room(int wanted) {
        if (buffer.remaining() < 4) flush();
        return Math.min(wanted, buffer.remaining() / 4);
    }

    public void flush() {
        buffer.flip();
        try {
            while (buffer.hasRemaining()) position += channel.write(buffer, position);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        buffer.clear();
    }
}
