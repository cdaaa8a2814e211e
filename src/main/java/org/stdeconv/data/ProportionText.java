package org.stdeconv.data;

import org.stdeconv.InputDataException;

import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * The text layer of {@link ProportionTable#readTsv}: infer writes tab-separated proportions, but truth tables come
 * from elsewhere, as CSV (pandas, R) or gzipped. Reading those by their form is simpler for everyone than an error
 * that blames the columns ("no cell-type columns") or the charset ("Input length = 1").
 */
final class ProportionText {
    private ProportionText() {
    }

    /** The file as strict UTF-8 text, decompressed when its name ends in .gz. */
    static BufferedReader open(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz")) {
            try {
                in = new GZIPInputStream(in, 1 << 16);
            } catch (IOException e) {
                in.close();
                throw e;
            }
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16);
    }

    /** Tab when the header has one (infer's layout), else comma, else semicolon. */
    static char delimiter(String header) {
        if (header.indexOf('\t') >= 0) return '\t';
        if (header.indexOf(',') >= 0) return ',';
        if (header.indexOf(';') >= 0) return ';';
        return '\t';
    }

    /** The fields of a line; outside tab-separated files, surrounding quotes (R's write.csv) are removed. */
    static String[] fields(String line, char delimiter) {
        if (delimiter == '\t') return line.split("\t", -1);
        String[] f = line.split(Pattern.quote(String.valueOf(delimiter)), -1);
        for (int i = 0; i < f.length; i++) {
            String t = f[i].trim();
            if (t.length() >= 2 && t.charAt(0) == '"' && t.charAt(t.length() - 1) == '"') t = t.substring(1, t.length() - 1).replace("\"\"", "\"");
            f[i] = t;
        }
        return f;
    }

    /** The read error as the user's problem: not text, damaged gzip, or unreadable. */
    static InputDataException unreadable(Path file, IOException e) {
        if (e instanceof CharacterCodingException) {
            return new InputDataException(file, null, "not UTF-8 text (binary or compressed data?)", "give a tab- or comma-separated table, gzipped only if named .gz");
        }
        if (e instanceof ZipException && "Not in GZIP format".equals(e.getMessage())) {
            return new InputDataException(file, null, "named .gz but not gzip data", "remove the .gz ending (or compress the file with gzip)");
        }
        if (e instanceof ZipException || e instanceof EOFException) {
            return new InputDataException(file, null, "damaged or truncated gzip data (" + e.getMessage() + ")", "copy the file again or regenerate it");
        }
        return new InputDataException(file, null, "cannot read (" + e.getMessage() + ")", "check the path");
    }
}
