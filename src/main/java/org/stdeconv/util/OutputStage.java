package org.stdeconv.util;

import org.apache.commons.io.FileUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes a step's outputs into a hidden staging folder beside their destination and moves them into place only
 * when the step succeeds, so a failed or killed step never leaves a half-written output under the final name.
 *
 * <pre>
 * try (OutputStage stage = OutputStage.forDirectory(outDir)) {
 *     write(stage.path("proportions.tsv"));
 *     stage.commit();
 * }
 * </pre>
 */
public final class OutputStage implements AutoCloseable {
    private final Path destination;
    private final Path staging;
    private final boolean singleFile;
    private boolean committed;

    private OutputStage(Path destination, boolean singleFile) {
        this.destination = destination.toAbsolutePath().normalize();
        this.singleFile = singleFile;
        try {
            Path parent = singleFile ? this.destination.getParent() : this.destination;
            Files.createDirectories(parent);
            this.staging = Files.createTempDirectory(parent, ".stdeconv-staging-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create output folder " + destination + ": " + e.getMessage(), e);
        }
    }

    /** Outputs are several files inside {@code dir}. */
    public static OutputStage forDirectory(Path dir) {
        return new OutputStage(dir, false);
    }

    /** The output is the single file {@code file}; write it at {@link #file()}. */
    public static OutputStage forFile(Path file) {
        return new OutputStage(file, true);
    }

    /** Where to write the output that will end up at {@code destination/relative}. */
    public Path path(String relative) {
        if (singleFile) throw new IllegalStateException("single-file stage: use file()");
        Path p = staging.resolve(relative);
        try {
            Files.createDirectories(p.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /** Where to write the single output file. */
    public Path file() {
        if (!singleFile) throw new IllegalStateException("directory stage: use path(name)");
        return staging.resolve(destination.getFileName().toString());
    }

    public Path destination() {
        return destination;
    }

    /** Moves every staged file into place (each by an atomic rename) and removes the staging folder. */
    public void commit() {
        try {
            if (singleFile) {
                move(file(), destination);
            } else {
                List<Path> files = new ArrayList<>();
                try (Stream<Path> s = Files.walk(staging)) {
                    s.filter(Files::isRegularFile).forEach(files::add);
                }
                files.sort(null);
                for (Path f : files) {
                    Path target = destination.resolve(staging.relativize(f).toString());
                    Files.createDirectories(target.getParent());
                    move(f, target);
                }
            }
            committed = true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move outputs into " + destination + ": " + e.getMessage(), e);
        } finally {
            deleteStaging();
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    public boolean committed() {
        return committed;
    }

    private void deleteStaging() {
        FileUtils.deleteQuietly(staging.toFile());
    }

    @Override
    public void close() {
        if (!committed) deleteStaging();
    }
}
