package org.stdeconv.step;

import org.stdeconv.ConfigException;
import org.stdeconv.config.OutputPath;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * What the frame checks about a step's outputs before any work, so that a run that cannot end well stops at once
 * with the reason instead of after the work: an output must not be, contain or lie inside an input (compared by real
 * path, so links and "a/../a" do not hide it), must be of the declared kind, and its folder must be writable.
 */
final class OutputChecks {
    private OutputChecks() {
    }

    /** @param sourceOf where each output key was set (the YAML file or --set), for the error message; may give null */
    static void check(DeclaredPaths paths, UnaryOperator<String> sourceOf) {
        for (DeclaredPaths.Declared out : paths.outputs()) {
            String source = sourceOf.apply(out.key());
            checkWritable(out, source);
            Path realOut = real(out.path());
            // a folder output is replaced as a whole: the current folder (what an empty --out "$DIR" becomes) or one
            // above it would be swapped for a new folder under the user's shell
            Path here = real(Path.of("").toAbsolutePath());
            if (out.kind() == OutputPath.Kind.FOLDER && here.startsWith(realOut)) {
                throw new ConfigException(source, out.key(), "the output folder " + out.path() + (here.equals(realOut) ? " is" : " holds") + " the current folder, which the step would replace as a whole",
                        "give a new folder, e.g. results");
            }
            for (DeclaredPaths.Declared in : paths.inputs()) {
                Path realIn = real(in.path());
                String relation = realOut.equals(realIn) ? "is" : realIn.startsWith(realOut) ? "contains" : realOut.startsWith(realIn) ? "lies inside" : null;
                if (relation != null) {
                    throw new ConfigException(source, out.key(), "the output " + out.path() + " " + relation + " the input " + in.key() + " (" + in.path()
                            + "), which the step would overwrite", "write the output somewhere else");
                }
            }
        }
    }

    /**
     * A file output's effective config ({@code configName}, named after the output) is written beside it: that file must
     * not be an input (a config file of that name in the output's folder, say).
     */
    static void checkBeside(DeclaredPaths.Declared out, String configName, List<DeclaredPaths.Declared> inputs, String source) {
        Path beside = out.path().resolveSibling(configName);
        Path realBeside = real(beside);
        for (DeclaredPaths.Declared in : inputs) {
            if (realBeside.equals(real(in.path()))) {
                throw new ConfigException(source, out.key(), "the step writes its effective config to " + beside + ", which is the input " + in.key() + " (" + in.path()
                        + ") and would be overwritten", "write the output into another folder, or move that file");
            }
        }
    }

    private static void checkWritable(DeclaredPaths.Declared out, String source) {
        Path p = out.path();
        if (out.kind() == OutputPath.Kind.FILE && Files.isDirectory(p)) {
            throw new ConfigException(source, out.key(), p + " is an existing folder, but the output is a file", "give a file name, e.g. " + p.resolve("out.h5ad"));
        }
        if (out.kind() == OutputPath.Kind.FOLDER && Files.exists(p) && !Files.isDirectory(p)) {
            throw new ConfigException(source, out.key(), p + " is an existing file, but the output is a folder", "give a folder name");
        }
        for (Path part : p) {
            if (part.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > OutputLeftovers.NAME_MAX) {
                throw new ConfigException(source, out.key(), "the name '" + part.toString().substring(0, 40) + "...' has more than " + OutputLeftovers.NAME_MAX
                        + " bytes, which no file system takes", "give a shorter name");
            }
        }
        Path existing = p.getParent();
        while (existing != null && !Files.exists(existing)) existing = existing.getParent();
        if (existing == null) return;
        if (!Files.isDirectory(existing)) {
            throw new ConfigException(source, out.key(), "cannot create " + p + ": " + existing + " is a file, not a folder", "give an output path in a folder");
        }
        if (!Files.isWritable(existing) || !canCreateIn(existing)) {
            throw new ConfigException(source, out.key(), "cannot write into " + existing + " (no write permission, or a read-only file system)",
                    "give an output path in a folder you can write to");
        }
    }

    /**
     * Whether a file can be made in {@code folder}. Why a probe beside the permission bits: for root, and on a
     * read-only mount or a pseudo file system, {@link Files#isWritable} says yes where creating the staging folder
     * fails, which then ended the run with exit 1 after the work.
     */
    private static boolean canCreateIn(Path folder) {
        try {
            Files.delete(Files.createTempFile(folder, ".stdeconv-probe-", ""));
            return true;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    /** The real path of {@code p}: its longest existing prefix with links resolved, plus the rest. */
    static Path real(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path existing = abs;
        while (existing != null && !Files.exists(existing)) existing = existing.getParent();
        if (existing == null) return abs;
        try {
            return existing.toRealPath().resolve(existing.relativize(abs));
        } catch (IOException e) {
            return abs;
        }
    }
}
