package org.stdeconv.io.h5ad;

import org.stdeconv.data.ExpressionData;

import java.nio.file.Path;

/**
 * Writes an in-memory {@link ExpressionData} as AnnData {@code .h5ad} that anndata 0.8+ reads, through the one h5ad
 * writer, {@link StreamingH5adWriter} (see there for the layout). The file appears under its final name only when
 * complete.
 */
public final class H5adWriter {
    private H5adWriter() {
    }

    public static void write(ExpressionData data, Path file) {
        try (StreamingH5adWriter w = StreamingH5adWriter.create(file, data.varNames(), data.counts().nnz())) {
            writeAll(w, data);
        }
    }

    /** Writes to {@code file} directly; callers that stage several outputs use this inside their own stage. */
    public static void writeDirect(ExpressionData data, Path file) {
        writeDirect(data, file, true);
    }

    /**
     * As {@link #writeDirect(ExpressionData, Path)}; with {@code includeX} false the file has no X (anndata reads it
     * as X = None over the same obs and var), for annotations that need not repeat a slide's counts.
     */
    public static void writeDirect(ExpressionData data, Path file, boolean includeX) {
        try (StreamingH5adWriter w = includeX
                ? StreamingH5adWriter.createDirect(file, data.varNames(), data.counts().nnz())
                : StreamingH5adWriter.createDirectWithoutX(file, data.varNames())) {
            writeAll(w, data);
        }
    }

    private static void writeAll(StreamingH5adWriter w, ExpressionData data) {
        if (w.hasX()) w.appendRows(data.counts());
        w.finish(data.obsNames(), data.obs(), data.spatial(), data.obsm(), data.uns());
    }
}
