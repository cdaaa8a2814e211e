package org.stdeconv.io.h5ad;

import org.stdeconv.data.CsrMatrix;
import org.stdeconv.data.ObsTable;
import org.stdeconv.io.anndata.AnnDataParts;
import org.stdeconv.io.anndata.AnnTreeWriter;
import org.stdeconv.io.hdf5.H5Data;
import org.stdeconv.io.hdf5.H5FileWriter;
import org.stdeconv.io.hdf5.H5Group;
import org.stdeconv.io.hdf5.H5Node;
import org.stdeconv.step.OutputStage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Writes an AnnData {@code .h5ad} whose expression matrix arrives row block by row block and goes straight to disk,
 * so memory grows only with the number of rows (8 bytes each for indptr), never with the non-zeros. X is a
 * csr_matrix (data float32, indices int32, indptr int64) and the rest is what {@link H5adWriter} has always
 * written: obs/var dataframes with string and float64 columns ('/' in a column name becomes nested groups, as in
 * anndata 0.8), obsm float64 matrices, string-valued uns. Files open in anndata 0.8+, h5py and jhdf.
 *
 * <p>Layout: superblock, X/data, X/indices, then all small datasets and object headers. X/data streams into the
 * file from the start. X/indices follow the last value, so when the caller says how many non-zeros will come they
 * stream into their final place too; otherwise they stream into a temporary file that is copied in by the kernel at
 * {@link #finish} ({@link StreamedCsrX}). The bytes are the same either way, and the same for the same content.
 *
 * <pre>
 * try (StreamingH5adWriter w = StreamingH5adWriter.create(file, genes)) {
 *     for (CsrMatrix block : blocks) w.appendRows(block);
 *     w.finish(spotNames, obs, xy, Map.of(), uns);
 * }
 * </pre>
 * The file appears under its name only when {@link #finish} succeeds; closing earlier discards everything.
 */
public final class StreamingH5adWriter implements AutoCloseable {
    /** For the factories: the number of non-zeros is not known in advance. */
    public static final long UNKNOWN = -1;

    private final OutputStage stage;
    private final Path file;
    private final FileChannel channel;
    private final H5FileWriter h5;
    private final List<String> varNames;
    private final int nCols;
    private final boolean withX;
    private final StreamedCsrX x;
    /** The row count of a file without X, set by finish from its obs. */
    private int rowsWithoutX;
    private boolean finished;

    private StreamingH5adWriter(OutputStage stage, Path file, List<String> varNames, long expectedNonZeros, boolean withX) {
        this.stage = stage;
        this.withX = withX;
        this.file = file;
        this.varNames = List.copyOf(varNames);
        this.nCols = varNames.size();
        FileChannel ch = null;
        StreamedCsrX matrix;
        try {
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE, StandardOpenOption.READ);
            matrix = StreamedCsrX.open(file, ch, nCols, expectedNonZeros);
        } catch (IOException e) {
            closeQuietly(ch);
            deleteQuietly(file);
            throw new UncheckedIOException("cannot create " + file + ": " + e.getMessage(), e);
        }
        this.channel = ch;
        this.x = matrix;
        this.h5 = new H5FileWriter(ch);
    }

    /** A writer for {@code file} (published atomically by {@link #finish}); the number of non-zeros is open. */
    public static StreamingH5adWriter create(Path file, List<String> varNames) {
        return create(file, varNames, UNKNOWN);
    }

    /**
     * As {@link #create(Path, List)}, told that exactly {@code nonZeros} values will be appended (or {@link #UNKNOWN}),
     * which saves copying the indices at the end. Appending more, or finishing with fewer, is an error.
     */
    public static StreamingH5adWriter create(Path file, List<String> varNames, long nonZeros) {
        OutputStage stage = OutputStage.forFile(file);
        try {
            return new StreamingH5adWriter(stage, stage.file(), varNames, nonZeros, true);
        } catch (RuntimeException e) {
            stage.close();
            throw e;
        }
    }

    /**
     * Writes {@code file} in place, for callers that stage several outputs themselves (an {@link OutputStage} folder):
     * an existing file is replaced; it is deleted again if the writer is closed before {@link #finish}.
     */
    public static StreamingH5adWriter createDirect(Path file, List<String> varNames, long nonZeros) {
        return new StreamingH5adWriter(null, file, varNames, nonZeros, true);
    }

    /**
     * As {@link #createDirect}, for a file without X (anndata reads X = None over the same obs and var): annotations
     * that need not repeat a slide's counts. No rows are appended; {@link #finish} takes the row count from the names.
     */
    public static StreamingH5adWriter createDirectWithoutX(Path file, List<String> varNames) {
        return new StreamingH5adWriter(null, file, varNames, 0, false);
    }

    /** Whether the file gets an X (false only for {@link #createDirectWithoutX}). */
    public boolean hasX() {
        return withX;
    }

    public int rows() {
        return withX ? x.rows() : rowsWithoutX;
    }

    public long nonZeros() {
        return x.nonZeros();
    }

    /** Appends all rows of {@code block} (its columns are the var names given at creation). */
    public void appendRows(CsrMatrix block) {
        if (block.cols() != nCols) throw new IllegalArgumentException("block has " + block.cols() + " columns, the file " + nCols);
        for (int r = 0; r < block.rows(); r++) {
            int s = block.rowStart(r);
            appendRow(block.indices(), block.data(), s, block.rowEnd(r) - s);
        }
    }

    /** Appends one row from the first {@code n} (column, value) pairs; columns as the caller orders them (CSR wants ascending). */
    public void appendRow(int[] columns, float[] values, int n) {
        appendRow(columns, values, 0, n);
    }

    private void appendRow(int[] columns, float[] values, int offset, int n) {
        if (finished) throw new IllegalStateException("already finished");
        if (!withX) throw new IllegalStateException("this file has no X");
        x.appendRow(columns, values, offset, n);
    }

    /**
     * Completes the file with the row annotations and publishes it. Every per-row argument must have one entry per
     * appended row; {@code spatial} may be null, {@code obsm} and {@code uns} empty.
     */
    public void finish(List<String> obsNames, ObsTable obs, double[][] spatial, Map<String, double[][]> obsm, Map<String, String> uns) {
        if (finished) throw new IllegalStateException("already finished");
        if (!withX) rowsWithoutX = obsNames.size();
        requireRows("obs names", obsNames.size());
        requireRows("obs table", obs.rows());
        if (spatial != null) requireRows("spatial", spatial.length);
        obsm.forEach((k, v) -> requireRows("obsm " + k, v.length));

        H5Group root = writeX();
        writeFrame(root.group("obs"), obsNames, obs);
        writeFrame(root.group("var"), varNames, new ObsTable(nCols));
        // anndata treats absent obsm and uns as empty, as H5adWriter always wrote them
        if (spatial != null || !obsm.isEmpty()) {
            H5Group g = root.group("obsm");
            encoding(g, "dict", "0.1.0");
            if (spatial != null) encoding(g.dataset("spatial", matrix(spatial, 2)), "array", "0.2.0");
            obsm.forEach((k, v) -> encoding(g.dataset(k, matrix(v, 0)), "array", "0.2.0"));
        }
        if (!uns.isEmpty()) {
            H5Group g = root.group("uns");
            encoding(g, "dict", "0.1.0");
            uns.forEach((k, v) -> encoding(g.dataset(k.replace('/', '_'), H5Data.string(v)), "string", "0.2.0"));
        }
        publish();
    }

    /**
     * Completes the file with everything but X taken from {@code parts} (obs, var, obsm, varm, uns as they are, nested
     * groups and all value types included) and publishes it. obs must have one row per appended row (without X:
     * sets the row count) and var one row per column.
     */
    public void finish(AnnDataParts parts) {
        if (finished) throw new IllegalStateException("already finished");
        if (!withX) rowsWithoutX = parts.nObs();
        requireRows("obs", parts.nObs());
        if (parts.nVar() != nCols) throw new IllegalArgumentException("var has " + parts.nVar() + " rows, the matrix " + nCols + " columns");
        H5Group root = writeX();
        AnnTreeWriter.write(root, "obs", parts.obs());
        AnnTreeWriter.write(root, "var", parts.var());
        AnnTreeWriter.write(root, "obsm", parts.obsm());
        AnnTreeWriter.write(root, "varm", parts.varm());
        AnnTreeWriter.write(root, "uns", parts.uns());
        publish();
    }

    /**
     * Places X's values and indices (a file without X places two empty arrays, as it always has: the bytes stay
     * the same) and writes the root's encoding and the X group; returns the root.
     */
    private H5Group writeX() {
        x.place(h5);
        H5Group root = h5.root();
        encoding(root, "anndata", "0.1.0");
        if (withX) x.writeGroup(root);
        return root;
    }

    private void publish() {
        h5.finish();
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
        if (stage != null) {
            stage.commit();
            stage.close(); // releases the output's lock
        }
        finished = true;
    }

    private void requireRows(String what, int n) {
        if (n != rows()) throw new IllegalArgumentException(what + " has " + n + " rows, the matrix " + rows());
    }

    private static H5Data matrix(double[][] rows, int colsWhenEmpty) {
        return H5Data.float64(rows, rows.length == 0 ? colsWhenEmpty : rows[0].length);
    }

    private static void writeFrame(H5Group g, List<String> index, ObsTable columns) {
        encoding(g, "dataframe", "0.2.0");
        g.attribute("_index", H5Data.string("_index"));
        // anndata 0.8 reads column-order "" as no columns; an empty attribute array makes it throw
        List<String> order = List.copyOf(columns.names());
        g.attribute("column-order", order.isEmpty() ? H5Data.string("") : H5Data.strings(order));
        encoding(g.dataset("_index", H5Data.strings(index)), "string-array", "0.2.0");
        columns.textColumns().forEach((k, v) -> encoding(putAtPath(g, k, H5Data.strings(Arrays.asList(v))), "string-array", "0.2.0"));
        columns.numericColumns().forEach((k, v) -> encoding(putAtPath(g, k, H5Data.float64(v)), "array", "0.2.0"));
    }

    /**
     * A column name with '/' (e.g. the cell type "eL2/3" in true_eL2/3) is an HDF5 path: anndata 0.8 stores it as a
     * dataset inside groups and finds it again through column-order, so do the same (empty parts become "_").
     */
    private static H5Node putAtPath(H5Group g, String name, H5Data value) {
        String[] parts = name.split("/", -1);
        H5Group at = g;
        for (int i = 0; i < parts.length - 1; i++) at = at.group(parts[i].isEmpty() ? "_" : parts[i]);
        String last = parts[parts.length - 1];
        return at.dataset(last.isEmpty() ? "_" : last, value);
    }

    static void encoding(H5Node node, String type, String version) {
        node.attribute("encoding-type", H5Data.string(type));
        node.attribute("encoding-version", H5Data.string(version));
    }

    /** Without {@link #finish}, discards the partial file (and the staging folder or temporary indices). */
    @Override
    public void close() {
        if (finished) return;
        finished = true;
        closeQuietly(channel);
        x.discard();
        if (stage != null) stage.close();
        else deleteQuietly(file);
    }

    static void closeQuietly(FileChannel c) {
        try {
            if (c != null) c.close();
        } catch (IOException ignored) {
            // discarding anyway
        }
    }

    static void deleteQuietly(Path p) {
        try {
            if (p != null) Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // best effort: the staging folder is removed as a whole
        }
    }
}
