package org.stdeconv.io;

import org.stdeconv.InputDataException;
import org.stdeconv.data.ExpressionData;

import java.nio.file.Files;
import java.nio.file.Path;

/** Picks the reader for a path by its form: .h5ad file, 10x Space Ranger folder, MatrixMarket folder, CSV/TSV. */
public final class ExpressionReaders {
    private ExpressionReaders() {
    }

    public static ExpressionData read(Path path) {
        if (!Files.exists(path)) throw new InputDataException(path, null, "not found", "check the path");
        String name = path.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (Files.isRegularFile(path) && name.endsWith(".h5ad")) return H5adReader.read(path);
        throw new InputDataException(path, null, "unsupported input format", "give an .h5ad file, a 10x Space Ranger folder, a MatrixMarket folder or a CSV/TSV table");
    }
}
