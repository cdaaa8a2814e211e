package org.stdeconv.io;

import org.stdeconv.InputDataException;
import org.stdeconv.io.h5ad.H5adRowSource;
import org.stdeconv.io.tenx.SpaceRangerPaths;
import org.stdeconv.io.tenx.TenxRowSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Opens a slide for block-wise reading: .h5ad and Space Ranger .h5 slides (Visium, Visium HD bin folders) stream rows
 * from disk, other formats are read whole first.
 */
public final class SpotSources {
    private SpotSources() {
    }

    public static SpotSource open(Path path) {
        if (!Files.exists(path)) throw new InputDataException(path, null, "not found", "check the path");
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (Files.isRegularFile(path) && name.endsWith(".h5ad")) return H5adRowSource.open(path);
        if (Files.isDirectory(path) ? SpaceRangerPaths.hasH5Matrix(path) : ExpressionReaders.detect(path) == ReadOptions.Format.TENX) return TenxRowSource.open(path);
        return new InMemorySpotSource(path, ExpressionReaders.read(path));
    }
}
