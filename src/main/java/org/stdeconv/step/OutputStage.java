package org.stdeconv.step;

import org.apache.commons.io.FileUtils;
import org.stdeconv.ConfigException;
import org.stdeconv.log.Log;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * Writes one output (a file or a folder of files) into a hidden staging folder beside it and puts it in place only
 * when the step succeeds. A file output and the files beside it (its config) are replaced as a pair: the old ones go
 * aside first, the new result arrives last. A folder is replaced as a whole: the complete staged folder is renamed into place and the
 * previous one removed after, so a reader sees the old result or the new one, never a mix, and a run's folder holds
 * only that run's files. Staging left by a killed run is named after its output ({@code .stdeconv-staging-R~NAME})
 * and removed by the next run of the same output; it never sits inside the output, so it is never read as a result.
 *
 * <pre>
 * try (OutputStage stage = OutputStage.forDirectory(outDir, "qc.config.yaml")) {
 *     write(stage.path("proportions.tsv"));
 *     stage.commit();
 * }
 * </pre>
 */
public final class OutputStage implements AutoCloseable {
    static final String STAGING = ".stdeconv-staging-", OLD = ".stdeconv-old-", LOCK = ".stdeconv-lock~";
    private final Path destination;
    private final OutputLock lock;
    private final Path staging;
    private final boolean singleFile;
    private final Thread onTermination;
    private boolean committed, abandoned;

    private OutputStage(Path destination, boolean singleFile, String marker) {
        this.singleFile = singleFile;
        try {
            this.destination = followLinks(destination);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot follow the symbolic link " + destination + ": " + e.getMessage(), e);
        }
        Path parent = this.destination.getParent();
        try {
            Files.createDirectories(parent);
            // before anything beside the output is touched: a second run of this output took the first one's live
            // staging for a killed run's and removed it, and the first then died with an internal error
            this.lock = OutputLock.acquire(parent.resolve(LOCK + OutputLeftovers.tag(this.destination.getFileName().toString())), this.destination);
        } catch (IOException e) {
            throw cannotStage(parent, e);
        }
        try {
            OutputLeftovers.clear(this.destination, singleFile);
            if (!singleFile) {
                refuseForeignFolder(marker);
                requireReplaceable();
            }
            this.staging = createStaging(parent, this.destination.getFileName().toString());
            // SIGTERM (scancel, a time limit, Nextflow, Ctrl-C) runs shutdown hooks: a run ended so leaves nothing beside
            // its output; only SIGKILL leaves staging for the next run to clear
            this.onTermination = new Thread(this::abandon, "stdeconv-output-stage");
            Runtime.getRuntime().addShutdownHook(onTermination);
        } catch (IOException e) {
            lock.release();
            throw cannotStage(parent, e);
        } catch (RuntimeException e) {
            lock.release();
            throw e;
        }
    }

    /** Permission problems are the user's to fix (one line, exit 2); anything else the file system says is not. */
    private static RuntimeException cannotStage(Path parent, IOException e) {
        if (e instanceof AccessDeniedException denied) {
            return new ConfigException(denied.getFile() == null ? parent : denied.getFile(), null, "permission denied: an output's folder must be readable and writable"
                    + " (stdeconv lists it for what a killed run left, and stages the result beside the output)", "give an output in a folder you can read and write");
        }
        return new UncheckedIOException("cannot create a staging folder in " + parent + ": " + e.getMessage(), e);
    }

    /**
     * An existing output folder is replaced as a whole, so its files must be deletable: checked before any work, since
     * a folder that could be set aside but not deleted (a colleague's result in a shared folder) stayed hidden beside
     * the new result and stopped every later run of that output.
     */
    private void requireReplaceable() throws IOException {
        if (!Files.isDirectory(destination, LinkOption.NOFOLLOW_LINKS)) return;
        try (Stream<Path> s = Files.walk(destination)) {
            for (Path dir : s.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).toList()) {
                if (!Files.isWritable(dir) || !Files.isExecutable(dir)) {
                    throw new ConfigException(destination, null, "the existing output cannot be replaced: no permission to delete the files in " + dir,
                            "remove that folder (as its owner) or give another output");
                }
            }
        }
    }

    /**
     * An output given as a symbolic link (an output folder kept on another disk, say) stands for what the link points
     * to, dangling or not: the result replaces the link's target and the link stays. Why: the stage renames the output
     * aside and deletes what it replaced, and doing that to the link itself replaced the link with a real folder and
     * deleted the previous result through it.
     */
    static Path followLinks(Path output) throws IOException {
        Path p = output.toAbsolutePath().normalize();
        for (int hops = 0; Files.isSymbolicLink(p); hops++) {
            if (hops == 40) throw new IOException("too many levels of symbolic links");
            p = p.getParent().toRealPath().resolve(Files.readSymbolicLink(p)).normalize();
        }
        return p;
    }

    /**
     * The output is the folder {@code dir}. An existing folder is replaced only when it is empty or holds
     * {@code marker} (the file every result of this writer has, e.g. "qc.config.yaml"): a folder of someone else's
     * files is refused rather than deleted.
     */
    public static OutputStage forDirectory(Path dir, String marker) {
        return new OutputStage(dir, false, marker);
    }

    /** The output is the single file {@code file}; write it at {@link #file()}, and files beside it at {@link #beside}. */
    public static OutputStage forFile(Path file) {
        return new OutputStage(file, true, null);
    }

    /** Where to write the output that will end up at {@code destination/relative}. */
    public Path path(String relative) {
        if (singleFile) throw new IllegalStateException("single-file stage: use file()");
        return createParent(staging.resolve(relative));
    }

    /** Where to write the single output file. */
    public Path file() {
        if (!singleFile) throw new IllegalStateException("directory stage: use path(name)");
        return staging.resolve(destination.getFileName().toString());
    }

    /** Where to write a file that ends up beside the single output file (its effective config). */
    public Path beside(String name) {
        if (!singleFile) throw new IllegalStateException("directory stage: use path(name)");
        return staging.resolve(name);
    }

    public Path destination() {
        return destination;
    }

    /** The hidden folder the output is written into before commit. */
    Path stagingFolder() {
        return staging;
    }

    public boolean isFolder() {
        return !singleFile;
    }

    /** Puts the staged output in place and removes the staging (and the replaced output). */
    public synchronized void commit() {
        // the JVM is shutting down and the staging is (being) deleted: putting it in place could publish a partial output
        if (abandoned) throw new IllegalStateException("the run is being terminated: output not committed");
        try {
            if (singleFile) commitFile();
            else commitFolder();
            committed = true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the output into place at " + destination + ": " + e.getMessage(), e);
        } finally {
            FileUtils.deleteQuietly(staging.toFile());
        }
    }

    private void commitFolder() throws IOException {
        if (!Files.exists(destination)) {
            move(staging, destination);
            return;
        }
        // two renames: a reader sees the old folder, then (for an instant) none, then the new one; a kill in that
        // instant leaves the old one hidden, and the next run of this output puts it back (OutputLeftovers)
        Path old = createName(destination.getParent(), OLD, destination.getFileName().toString());
        move(destination, old);
        move(staging, destination);
        if (!FileUtils.deleteQuietly(old.toFile())) {
            Log.warn("%s: the replaced output, set aside at %s, could not be removed; remove it (the next run of this output will refuse to start while it is there)", destination, old);
        }
    }

    private void commitFile() throws IOException {
        List<Path> staged = new ArrayList<>();
        try (Stream<Path> s = Files.list(staging)) {
            s.forEach(staged::add);
        }
        staged.sort(null);
        Path result = file();
        // the files this run replaces (its result first) go aside into one hidden folder before any new file arrives, so a
        // kill never leaves one run's config beside another run's result: a reader sees both old files, then no result,
        // then both new ones (result last), and the next run of this output puts the old pair back if the new result
        // never arrived (OutputLeftovers)
        Path aside = null;
        staged.remove(result);
        staged.add(0, result);
        for (Path f : staged) {
            Path target = destination.resolveSibling(f.getFileName().toString());
            if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) continue;
            if (aside == null) aside = Files.createDirectory(createName(destination.getParent(), OLD, destination.getFileName().toString()));
            move(target, aside.resolve(f.getFileName().toString()));
        }
        for (Path f : staged) if (!f.equals(result)) move(f, destination.resolveSibling(f.getFileName().toString()));
        move(result, destination);
        if (aside != null) FileUtils.deleteQuietly(aside.toFile());
    }

    private void refuseForeignFolder(String marker) throws IOException {
        if (!Files.isDirectory(destination)) return;
        List<String> entries = new ArrayList<>();
        try (Stream<Path> s = Files.list(destination)) {
            s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(STAGING)).sorted().forEach(entries::add);
        }
        if (entries.isEmpty() || entries.contains(marker)) return;
        throw new ConfigException(destination, null, "the output folder exists and holds files of something else (e.g. " + entries.get(0)
                + ", but no " + marker + "); stdeconv replaces its output folder as a whole", "give a new or empty folder");
    }

    private static Path createStaging(Path parent, String name) throws IOException {
        Path p = createName(parent, STAGING, name);
        Files.createDirectory(p);
        return p;
    }

    private static Path createName(Path parent, String prefix, String name) {
        while (true) {
            Path p = parent.resolve(prefix + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + "~" + OutputLeftovers.tag(name));
            if (!Files.exists(p)) return p;
        }
    }

    private static Path createParent(Path p) {
        try {
            Files.createDirectories(p.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    public boolean committed() {
        return committed;
    }

    @Override
    public synchronized void close() {
        try {
            if (!committed) FileUtils.deleteQuietly(staging.toFile());
        } finally {
            lock.release();
            try {
                Runtime.getRuntime().removeShutdownHook(onTermination);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or about to, and finds the stage closed
            }
        }
    }

    /** The shutdown hook: waits for a commit under way (renames only), else removes the staging; frees the lock. */
    private synchronized void abandon() {
        abandoned = true;
        if (!committed) {
            FileUtils.deleteQuietly(staging.toFile());
            // Ctrl-C or a scheduler's SIGTERM ended the run with exit 130 or 143 and no word: say what happened to the
            // output, once per run however many outputs it had open
            if (!SIGNAL_REPORTED.getAndSet(true)) {
                System.err.println("stdeconv: stopped by a signal before " + destination + " was complete; nothing was written there"
                        + (Files.exists(destination, LinkOption.NOFOLLOW_LINKS) ? " (the earlier result is as it was)" : ""));
                System.err.flush();
            }
        }
        lock.release();
    }

    /** Whether a shutdown hook of this JVM has reported the signal that ended the run. */
    private static final AtomicBoolean SIGNAL_REPORTED = new AtomicBoolean();
}
