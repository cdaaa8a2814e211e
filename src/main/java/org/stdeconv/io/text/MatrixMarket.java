package org.stdeconv.io.text;

import org.stdeconv.InputDataException;
import org.stdeconv.data.CsrMatrix;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * A MatrixMarket coordinate file (plain or .gz; integer, real or pattern; general), parsed straight from bytes
 * because real files hold hundreds of millions of entries. Entries are bucketed into CSR with the observations as
 * rows: {@code obsAreRows} false for the 10x/R layout (genes x cells). Explicit zeros are dropped; repeated entries
 * are summed, as scipy does.
 */
final class MatrixMarket implements AutoCloseable {
    /** Rows x columns as the file declares them, before any transposition. */
    record Header(int rows, int cols, long entries, boolean pattern, boolean integer) {
    }

    private final Path file;
    private final InputStream in;
    private final byte[] buf = new byte[1 << 16];
    private int pos, len;
    private long line = 1;

    private MatrixMarket(Path file) throws IOException {
        this.file = file;
        InputStream s = Files.newInputStream(file);
        if (DelimitedText.isGzip(file)) s = new GZIPInputStream(s, 1 << 16);
        this.in = new BufferedInputStream(s, 1 << 16);
    }

    static Header header(Path file) {
        DelimitedText.requireNonEmpty(file);
        try (MatrixMarket mm = new MatrixMarket(file)) {
            return mm.readHeader();
        } catch (IOException e) {
            throw DelimitedText.unreadable(file, e);
        }
    }

    static CsrMatrix read(Path file, boolean obsAreRows) {
        DelimitedText.requireNonEmpty(file);
        try (MatrixMarket mm = new MatrixMarket(file)) {
            Header h = mm.readHeader();
            return mm.readEntries(h, obsAreRows);
        } catch (IOException e) {
            throw DelimitedText.unreadable(file, e);
        } catch (InputDataException e) {
            throw DelimitedText.blameDamagedGzip(file, e);
        }
    }

    private Header readHeader() throws IOException {
        String banner = readLine();
        if (banner == null || !banner.startsWith("%%MatrixMarket")) {
            throw new InputDataException(file, "line 1", "not a MatrixMarket file (no %%MatrixMarket banner)", "give a .mtx file as written by Matrix::writeMM or scipy.io.mmwrite");
        }
        String[] b = banner.trim().toLowerCase(Locale.ROOT).split("\\s+");
        if (b.length < 5 || !b[1].equals("matrix") || !b[2].equals("coordinate") || !b[4].equals("general")
                || !(b[3].equals("integer") || b[3].equals("real") || b[3].equals("pattern"))) {
            throw new InputDataException(file, "line 1", "unsupported MatrixMarket type '" + banner.trim() + "'", "give a 'matrix coordinate integer|real|pattern general' file");
        }
        String size;
        do {
            size = readLine();
            if (size == null) throw new InputDataException(file, null, "no size line", "the file is truncated");
        } while (size.startsWith("%") || size.isBlank());
        String[] s = size.trim().split("\\s+");
        try {
            return new Header(Integer.parseInt(s[0]), Integer.parseInt(s[1]), Long.parseLong(s[2]), b[3].equals("pattern"), b[3].equals("integer"));
        } catch (RuntimeException e) {
            throw new InputDataException(file, "line " + line, "bad size line '" + size + "'", "expected 'ROWS COLUMNS ENTRIES'");
        }
    }

    private CsrMatrix readEntries(Header h, boolean obsAreRows) throws IOException {
        if (h.entries > Integer.MAX_VALUE - 8) throw new InputDataException(file, null, h.entries + " entries are more than one matrix holds here", "split the data");
        int n = (int) h.entries;
        int nObs = obsAreRows ? h.rows : h.cols, nGenes = obsAreRows ? h.cols : h.rows;
        int[] obs = new int[n], gene = new int[n];
        float[] val = new float[n];
        int kept = 0;
        for (int k = 0; k < n; k++) {
            skipBlankLines();
            if (len < 0) throw new InputDataException(file, "line " + line, "ends after " + k + " of " + n + " entries", "the file is truncated; re-copy or regenerate it");
            long r = readLong(), c = readLong();
            float v = h.pattern ? 1f : readValue();
            if (r < 1 || r > h.rows || c < 1 || c > h.cols) {
                throw new InputDataException(file, "line " + line, "entry (" + r + ", " + c + ") outside the declared " + h.rows + " x " + h.cols, "the file is damaged");
            }
            if (!Float.isFinite(v)) throw new InputDataException(file, "line " + line, "non-finite value " + v + " in the counts", "give raw counts without NaN or Inf");
            if (v < 0) throw new InputDataException(file, "line " + line, "negative value " + v + " in the counts", "give raw counts, not scaled or log-centred values");
            // a fraction under an integer banner: the file contradicts itself (a wrong banner, or damaged values)
            if (h.integer && v != (float) Math.rint(v)) {
                throw new InputDataException(file, "line " + line, "value " + v + " is not a whole number, but line 1 declares the matrix integer",
                        "write the banner as 'real' if the values are meant to be fractional, or re-export the raw counts");
            }
            skipRestOfLine();
            if (v == 0f) continue;
            obs[kept] = (int) ((obsAreRows ? r : c) - 1);
            gene[kept] = (int) ((obsAreRows ? c : r) - 1);
            val[kept] = v;
            kept++;
        }
        // the size line is the count anndata and R trust; lines beyond it mean a damaged size line or two files joined
        skipBlankLines();
        if (peek() >= 0) {
            throw new InputDataException(file, "line " + line, "more entry lines than the " + n + " the size line declares",
                    "the file is damaged (wrong size line or extra lines appended); re-copy or regenerate it");
        }
        return toCsr(nObs, nGenes, obs, gene, val, kept);
    }

    /** Counting sort by observation, then genes ascending within each row (summing repeats). */
    static CsrMatrix toCsr(int nObs, int nGenes, int[] obs, int[] gene, float[] val, int n) {
        long[] ptr = new long[nObs + 1];
        for (int k = 0; k < n; k++) ptr[obs[k] + 1]++;
        for (int i = 0; i < nObs; i++) ptr[i + 1] += ptr[i];
        long[] next = Arrays.copyOf(ptr, nObs);
        int[] idx = new int[n];
        float[] v = new float[n];
        for (int k = 0; k < n; k++) {
            int p = (int) next[obs[k]]++;
            idx[p] = gene[k];
            v[p] = val[k];
        }
        boolean sorted = true;
        for (int i = 0; i < nObs && sorted; i++) for (int p = (int) ptr[i] + 1; p < ptr[i + 1]; p++) if (idx[p] <= idx[p - 1]) { sorted = false; break; }
        if (sorted) return new CsrMatrix(nObs, nGenes, ptr, idx, v);
        CsrMatrix.Builder b = new CsrMatrix.Builder(nGenes);
        float[] row = new float[nGenes];
        int[] cols = new int[nGenes];
        float[] vals = new float[nGenes];
        for (int i = 0; i < nObs; i++) {
            int m = 0;
            for (int p = (int) ptr[i]; p < ptr[i + 1]; p++) row[idx[p]] += v[p];
            for (int p = (int) ptr[i]; p < ptr[i + 1]; p++) if (row[idx[p]] != 0f) { cols[m++] = idx[p]; }
            Arrays.sort(cols, 0, m);
            int u = 0;
            for (int q = 0; q < m; q++) {
                if (q > 0 && cols[q] == cols[q - 1]) continue;
                cols[u] = cols[q];
                vals[u++] = row[cols[q]];
            }
            for (int q = 0; q < u; q++) row[cols[q]] = 0f;
            b.addSparseRow(cols, vals, u);
        }
        return b.build();
    }

    // ---- byte-level tokenising ----

    private int peek() throws IOException {
        if (pos >= len) {
            if (len < 0) return -1;
            len = in.read(buf, 0, buf.length);
            pos = 0;
            if (len <= 0) { len = -1; return -1; }
        }
        return buf[pos];
    }

    private String readLine() throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = peek()) >= 0) {
            pos++;
            if (c == '\n') { line++; return sb.toString(); }
            sb.append((char) c);
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    private void skipBlankLines() throws IOException {
        int c;
        while ((c = peek()) == '\n' || c == '\r' || c == ' ' || c == '\t') {
            pos++;
            if (c == '\n') line++;
        }
    }

    private void skipSpaces() throws IOException {
        int c;
        while ((c = peek()) == ' ' || c == '\t') pos++;
    }

    private void skipRestOfLine() throws IOException {
        skipSpaces();
        int c = peek();
        if (c == '\r') { pos++; c = peek(); }
        if (c == '\n') { pos++; line++; return; }
        if (c < 0) return;
        throw new InputDataException(file, "line " + line, "extra field '" + token() + "' after the value", "each entry line is 'ROW COLUMN VALUE'");
    }

    private long readLong() throws IOException {
        skipSpaces();
        long v = 0;
        int digits = 0;
        int c;
        while ((c = peek()) >= '0' && c <= '9') {
            v = v * 10 + (c - '0');
            pos++;
            digits++;
        }
        if (digits == 0 || (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c >= 0)) {
            throw new InputDataException(file, "line " + line, "'" + (digits == 0 ? "" : Long.toString(v)) + token() + "' is not a row/column index", "each entry line is 'ROW COLUMN VALUE' with 1-based indexes");
        }
        return v;
    }

    /** Plain integers (the usual case) are parsed in place; anything else goes through Float.parseFloat. */
    private float readValue() throws IOException {
        skipSpaces();
        long v = 0;
        int digits = 0;
        int c;
        while ((c = peek()) >= '0' && c <= '9' && digits < 15) {
            v = v * 10 + (c - '0');
            pos++;
            digits++;
        }
        if (digits > 0 && (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c < 0)) return v;
        String t = (digits > 0 ? Long.toString(v) : "") + token();
        if (t.isEmpty()) throw new InputDataException(file, "line " + line, "missing value", "each entry line is 'ROW COLUMN VALUE'");
        try {
            return Float.parseFloat(t);
        } catch (NumberFormatException e) {
            throw new InputDataException(file, "line " + line, "'" + t + "' is not a number", "give numeric counts");
        }
    }

    private String token() throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = peek()) >= 0 && c != ' ' && c != '\t' && c != '\n' && c != '\r') {
            sb.append((char) c);
            pos++;
        }
        return new String(sb.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return file.toString();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
