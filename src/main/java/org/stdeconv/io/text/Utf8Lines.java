package org.stdeconv.io.text;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Strict UTF-8 for text inputs. A lenient decoder turns a Latin-1 gene name into "NAME\uFFFD", which then matches
 * nothing and is reported nowhere; the strict one fails instead. Its error cannot say where (a buffered reader decodes
 * ahead of the line it returns), so {@link #firstBadLine} reads the file again, only on that error path.
 */
final class Utf8Lines {
    private Utf8Lines() {
    }

    /** A decoder that reports malformed input instead of replacing it. */
    static CharsetDecoder strictDecoder() {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /** Whether the file begins with the gzip magic bytes (compressed data read as text is the usual non-UTF-8 input). */
    static boolean startsLikeGzip(Path file) {
        try (InputStream s = Files.newInputStream(file)) {
            byte[] b = s.readNBytes(2);
            return b.length == 2 && (b[0] & 0xff) == 0x1f && (b[1] & 0xff) == 0x8b;
        } catch (IOException e) {
            return false;
        }
    }

    /** The 1-based line holding the first byte that is not UTF-8 (the file decompressed if .gz), or -1 if none is found. */
    static long firstBadLine(Path file) {
        CharsetDecoder decoder = strictDecoder();
        ByteBuffer in = ByteBuffer.allocate(1 << 16);
        CharBuffer out = CharBuffer.allocate(1 << 16);
        long line = 1;
        try (InputStream s = DelimitedText.isGzip(file) ? new GZIPInputStream(Files.newInputStream(file), 1 << 16) : Files.newInputStream(file)) {
            boolean end = false;
            while (!end) {
                int n = s.read(in.array(), in.position(), in.remaining());
                if (n < 0) end = true;
                else in.position(in.position() + n);
                in.flip();
                CoderResult r;
                do {
                    r = decoder.decode(in, out, end);
                    out.flip();
                    while (out.hasRemaining()) if (out.get() == '\n') line++;
                    out.clear();
                    if (r.isError()) return line;
                } while (r.isOverflow());
                in.compact();
            }
            return -1;
        } catch (IOException e) {
            return -1;
        }
    }
}
