package org.stdeconv.io;

import org.stdeconv.InputDataException;
import org.stdeconv.io.h5ad.H5adRowSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Opens a slide for block-wise reading: .h5ad streams rows from disk, other formats are read whole first. */
public final class SpotSources {
    private SpotSources() {
    }

    public static SpotSource open(Path path) {
        if (!Files.exists(path)) throw new InputDataException(path, null, "not found", "check the path");
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (Files.isRegularFile(path) && name.endsWith(".h5ad")) return H5adRowSource.open(path);
        return new InMemorySpotSource(path, ExpressionReaders.read(path));
    }
}
