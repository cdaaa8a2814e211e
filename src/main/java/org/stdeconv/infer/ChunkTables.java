package org.stdeconv.infer;

import org.stdeconv.InputDataException;
import org.stdeconv.data.ProportionTable;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The chunks' proportions.tsv and intervals.tsv joined under one header each, every chunk's pair checked on the way:
 * both complete (whole lines of the header's width, ending in a line break, numbers where numbers belong) and listing
 * the same spots in the same order. A damaged or hand-edited chunk is reported by its own file and line, before the
 * merge writes anything that would only fail later (or, worse, pass with the tables out of step).
 */
final class ChunkTables {
    private ChunkTables() {
    }

    /** A chunk folder and the chunk it holds (for the "rerun chunk i/n" hint). */
    record Part(Path dir, ChunkSpec spec) {
        String rerun() {
            return "the chunk's output is damaged or incomplete; rerun chunk " + spec + " of infer";
        }
    }

    /** Writes the joined tables to {@code proportions} and {@code intervals}; returns the spots of each part. */
    static long[] join(List<Part> parts, Path proportions, Path intervals) {
        long[] spots = new long[parts.size()];
        String[] headers = new String[2];
        try (BufferedWriter pw = Files.newBufferedWriter(proportions, StandardCharsets.UTF_8);
             BufferedWriter iw = Files.newBufferedWriter(intervals, StandardCharsets.UTF_8)) {
            for (int c = 0; c < parts.size(); c++) spots[c] = joinPart(parts.get(c), headers, pw, iw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return spots;
    }

    /** One chunk's pair, read side by side; returns its spots. */
    private static long joinPart(Part part, String[] headers, BufferedWriter pw, BufferedWriter iw) throws IOException {
        Table p = new Table(part, InferOutputs.PROPORTIONS_TSV), i = new Table(part, InferOutputs.INTERVALS_TSV);
        try (BufferedReader pr = p.open(); BufferedReader ir = i.open()) {
            p.header(pr, headers, 0, pw);
            i.header(ir, headers, 1, iw);
            long spots = 0;
            while (true) {
                String[] pf = p.next(pr), inf = i.next(ir);
                if (pf == null || inf == null) {
                    if (pf != inf) {
                        Table shorter = pf == null ? p : i, longer = pf == null ? i : p;
                        throw new InputDataException(shorter.file, null, "ends after " + spots + " spots, but " + longer.file.getFileName() + " of the same chunk goes on",
                                part.rerun());
                    }
                    return spots;
                }
                if (!pf[0].equals(inf[0])) {
                    throw new InputDataException(p.file, "line " + p.line, "spot '" + pf[0] + "', but line " + i.line + " of " + i.file.getFileName()
                            + " has '" + inf[0] + "' (a spot is missing or out of order)", part.rerun());
                }
                spots++;
                p.copy(pw);
                i.copy(iw);
            }
        }
    }

    /** One chunk table being read: its file, the current line and its fields. */
    private static final class Table {
        final Path file;
        final Part part;
        String[] header;
        String current;
        int line;
        /** Whether the file's last line has no line break (found when the reader gets there, to name the line). */
        boolean cutShort;
        /** The columns holding text (spot id, dominant type); all others hold numbers, NaN or NA. */
        boolean[] text;

        Table(Part part, String name) {
            this.part = part;
            this.file = part.dir().resolve(name);
        }

        BufferedReader open() throws IOException {
            if (!Files.isRegularFile(file)) throw new InputDataException(part.dir(), null, "no " + file.getFileName(), "rerun chunk " + part.spec() + " of infer");
            // infer ends every line with a break: a last line without one was cut while being written or copied
            try (SeekableByteChannel ch = Files.newByteChannel(file)) {
                ByteBuffer last = ByteBuffer.allocate(1);
                cutShort = ch.size() > 0 && ch.position(ch.size() - 1).read(last) == 1 && last.get(0) != '\n';
            }
            return Files.newBufferedReader(file, StandardCharsets.UTF_8);
        }

        void header(BufferedReader r, String[] headers, int slot, BufferedWriter w) throws IOException {
            String h = r.readLine();
            line = 1;
            if (h == null) throw new InputDataException(file, null, "file is empty", part.rerun());
            if (headers[slot] == null) {
                headers[slot] = h;
                w.write(h);
                w.write('\n');
            } else if (!headers[slot].equals(h)) {
                throw new InputDataException(file, "header", "columns differ from chunk 1's", "merge chunks of one run");
            }
            header = h.split("\t", -1);
            text = new boolean[header.length];
            for (int j = 0; j < header.length; j++) text[j] = j == 0 || header[j].equals(ProportionTable.DOMINANT);
        }

        /** The fields of the next line, or null at the end. */
        String[] next(BufferedReader r) throws IOException {
            current = r.readLine();
            if (current == null) {
                if (cutShort) throw new InputDataException(file, "line " + line, "ends without a line break: the file is cut short", part.rerun());
                return null;
            }
            line++;
            String[] f = current.split("\t", -1);
            if (f.length != header.length) throw new InputDataException(file, "line " + line, f.length + " fields, the header has " + header.length, part.rerun());
            for (int j = 0; j < f.length; j++) {
                if (!text[j] && !isNumber(f[j])) {
                    throw new InputDataException(file, "line " + line + ", column " + header[j], "'" + f[j] + "' is not a number", part.rerun());
                }
            }
            return f;
        }

        void copy(BufferedWriter w) throws IOException {
            w.write(current);
            w.write('\n');
        }
    }

    /** What infer writes in a numeric cell: a finite number, or NaN/NA for a spot without counts or coordinates. */
    private static boolean isNumber(String s) {
        if (s.equals("NaN") || s.equals("NA")) return true;
        try {
            return Double.isFinite(Double.parseDouble(s));
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
