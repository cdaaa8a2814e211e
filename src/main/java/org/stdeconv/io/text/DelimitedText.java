package org.stdeconv.io.text;

import org.stdeconv.InputDataException;
import org.stdeconv.log.Log;

import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Line-oriented CSV/TSV reading (plain or .gz) with the quoting R and pandas write: fields in double quotes, "" for a
 * quote inside. Quoted fields spanning lines are not supported (expression tables never have them). Written here
 * rather than taken from a CSV library because the readers need only this and parse millions of numeric fields,
 * where a per-field object model costs more than the parsing.
 */
public final class DelimitedText implements AutoCloseable {
    private final Path file;
    private final BufferedReader in;
    private final char delimiter;
    private long lineNumber;

    private DelimitedText(Path file, BufferedReader in, char delimiter) {
        this.file = file;
        this.in = in;
        this.delimiter = delimiter;
    }

    /** Opens {@code file}; the delimiter is a tab for .tsv/.txt and a comma for .csv, else guessed from line one. */
    public static DelimitedText open(Path file) {
        requireNonEmpty(file);
        BufferedReader r = reader(file);
        try {
            r.mark(1 << 16);
            String first = r.readLine();
            r.reset();
            return new DelimitedText(file, r, delimiterFor(file, first == null ? "" : first));
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    public static void requireNonEmpty(Path file) {
        try {
            if (!Files.isRegularFile(file)) throw InputDataException.notARegularFile(file);
            if (Files.size(file) == 0) throw new InputDataException(file, null, "file is empty", "give a file with content");
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    public static BufferedReader reader(Path file) {
        try {
            InputStream s = Files.newInputStream(file);
            if (isGzip(file)) s = new GZIPInputStream(s, 1 << 16);
            BufferedReader r = new BufferedReader(new InputStreamReader(s, Utf8Lines.strictDecoder()), 1 << 16);
            // a UTF-8 byte order mark (Excel writes one) is no part of the first field: a header behind it went unrecognised
            r.mark(1);
            if (r.read() != '\uFEFF') r.reset();
            return r;
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    public static boolean isGzip(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz");
    }

    /** The file name without .gz, lower case (for extension checks). */
    public static String plainName(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".gz") ? n.substring(0, n.length() - 3) : n;
    }

    /**
     * The extension's delimiter, unless line one has none of it but another (a ".csv" saved with tabs, or with ';' as
     * European spreadsheets write CSV): then that one, logged, since splitting on the named one would read each line
     * as a single field and fail far from the cause ("no observations").
     */
    private static char delimiterFor(Path file, String firstLine) {
        String n = plainName(file);
        char named = n.endsWith(".csv") ? ',' : n.endsWith(".tsv") || n.endsWith(".tab") ? '\t' : 0;
        long tabs = count(firstLine, '\t'), commas = count(firstLine, ','), semicolons = count(firstLine, ';');
        if (named != 0 && count(firstLine, named) > 0) return named;
        char found = tabs > 0 && tabs >= commas ? '\t' : commas > 0 ? ',' : semicolons > 0 ? ';' : 0;
        if (named == 0) return found == 0 ? '\t' : found;
        if (found == 0) return named;
        Log.info("%s: line 1 has no '%s' but has '%s': reading the table as '%s'-separated", file.getFileName(), name(named), name(found), name(found));
        return found;
    }

    private static long count(String line, char c) {
        return line.chars().filter(x -> x == c).count();
    }

    private static String name(char delimiter) {
        return delimiter == '\t' ? "tab" : String.valueOf(delimiter);
    }

    public static InputDataException unreadable(Path file, IOException e) {
        if (e instanceof CharacterCodingException) {
            if (!isGzip(file) && Utf8Lines.startsLikeGzip(file)) {
                return new InputDataException(file, null, "gzip-compressed data in a file not named .gz", "name it with a .gz ending or decompress it (gunzip)");
            }
            long line = Utf8Lines.firstBadLine(file);
            return new InputDataException(file, line > 0 ? "line " + line : null, "not valid UTF-8 text (e.g. a Latin-1 name)",
                    "save the file as UTF-8 (e.g. iconv -f latin1 -t utf-8)");
        }
        String why = e.getMessage() != null ? e.getMessage() : e instanceof EOFException ? "it ends early" : e.getClass().getSimpleName();
        if (isGzip(file) && e instanceof ZipException && "Not in GZIP format".equals(why)) {
            return new InputDataException(file, null, "named .gz but not gzip data", "remove the .gz ending (or compress the file with gzip)");
        }
        if (isGzip(file) && (e instanceof ZipException || e instanceof EOFException)) {
            return new InputDataException(file, null, "damaged or truncated gzip data (" + why + ")", "copy the file again or regenerate it");
        }
        return new InputDataException(file, null, "cannot read (" + why + ")", "check the file is complete and readable");
    }

    /**
     * What to report for {@code parseError}, raised while reading {@code file}: where the file is gzip data that is
     * itself damaged, the damage. Why: a flipped byte decompresses into garbage, which fails as "line 201: '' is not a
     * number" long before the gzip checksum at the stream's end could tell; the file is read to its end once more.
     */
    public static InputDataException blameDamagedGzip(Path file, InputDataException parseError) {
        if (!isGzip(file)) return parseError;
        try (InputStream s = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
            s.transferTo(OutputStream.nullOutputStream());
            return parseError;
        } catch (IOException e) {
            return unreadable(file, e);
        }
    }

    Path file() { return file; }

    char delimiter() { return delimiter; }

    /** Line number of the line last returned (1-based). */
    long lineNumber() { return lineNumber; }

    /** The next non-blank line split into fields, or null at the end. */
    List<String> next() {
        String line = nextLine();
        return line == null ? null : split(line, delimiter);
    }

    /** The next non-blank line, unsplit (for callers that parse numbers without building strings), or null. */
    String nextLine() {
        try {
            String line;
            do {
                line = in.readLine();
                if (line == null) return null;
                lineNumber++;
            } while (line.isBlank());
            return line;
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    public static List<String> split(String line, char delimiter) {
        List<String> out = new ArrayList<>();
        int n = line.length();
        int i = 0;
        if (n > 0 && line.charAt(n - 1) == '\r') n--;
        while (true) {
            if (i < n && line.charAt(i) == '"') {
                StringBuilder sb = new StringBuilder();
                i++;
                while (i < n) {
                    char c = line.charAt(i);
                    if (c == '"') {
                        if (i + 1 < n && line.charAt(i + 1) == '"') { sb.append('"'); i += 2; continue; }
                        i++;
                        break;
                    }
                    sb.append(c);
                    i++;
                }
                while (i < n && line.charAt(i) != delimiter) sb.append(line.charAt(i++));
                out.add(sb.toString());
            } else {
                int j = line.indexOf(delimiter, i);
                if (j < 0 || j > n) j = n;
                out.add(line.substring(i, j).trim());
                i = j;
            }
            if (i >= n) break;
            i++; // skip the delimiter
            if (i == n) { out.add(""); break; }
        }
        return out;
    }

    /**
     * The rows without the empty last field that every data row has when each line ends in a separator (some
     * spreadsheet exports write "0x0,Cancer,"): that extra field was taken for R's row-name layout, which shifted
     * every column by one. R's layout (a row name first, no header field over it) keeps its rows as they are.
     */
    public static List<List<String>> withoutTrailingSeparator(Path file, List<List<String>> rows) {
        if (rows.size() < 2) return rows;
        int width = rows.get(0).size() + 1;
        for (List<String> row : rows.subList(1, rows.size())) if (row.size() != width || !row.get(width - 1).isEmpty()) return rows;
        Log.info("%s: every row ends with a separator after its last field: read without it", file.getFileName());
        List<List<String>> out = new ArrayList<>(rows.size());
        out.add(rows.get(0));
        for (List<String> row : rows.subList(1, rows.size())) out.add(row.subList(0, width - 1));
        return out;
    }

    /** Reads a whole small table (side tables, name lists) into memory. */
    public static List<List<String>> readAll(Path file) {
        List<List<String>> rows = new ArrayList<>();
        try (DelimitedText t = open(file)) {
            for (List<String> r = t.next(); r != null; r = t.next()) rows.add(r);
        }
        return rows;
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }
}
