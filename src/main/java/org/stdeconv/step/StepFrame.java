package org.stdeconv.step;

import org.stdeconv.ConfigException;
import org.stdeconv.StdeconvException;
import org.stdeconv.config.Configs;
import org.stdeconv.config.OutputPath;
import org.stdeconv.config.StepConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The one way a step runs, whoever calls it (the CLI, a test, a benchmark): check the declared outputs against the
 * declared inputs and the file system before any work, open the output's stage, compute, write the effective config
 * {@code STEP.config.yaml} beside the results, and commit. A step that fails, or a JVM that dies, leaves the previous
 * result as it was and nothing under the output's name.
 */
public final class StepFrame {
    private StepFrame() {
    }

    /**
     * The frame's output checks for a command without a step config (merge): {@code output}, a folder named by
     * {@code outputKey}, must not be, contain or lie inside any of {@code inputs} (named by {@code inputKey}).
     */
    public static void checkFolderOutput(String outputKey, Path output, String inputKey, List<Path> inputs) {
        checkOutput(outputKey, output, OutputPath.Kind.FOLDER, inputs.stream().map(p -> new NamedInput(inputKey, p)).toList());
    }

    /** An input of a command without a step config, named as its command line names it (e.g. "IN", "--obs"). */
    public record NamedInput(String key, Path path) {
    }

    /**
     * The frame's output checks for the tools beside the steps (convert, demo-data, merge): {@code output}, named by
     * {@code outputKey}, must be of {@code kind}, in a folder that can be written, and must not be, contain or lie
     * inside any of {@code inputs}; a refusal is a usage error (exit 2) before any work.
     */
    public static void checkOutput(String outputKey, Path output, OutputPath.Kind kind, List<NamedInput> inputs) {
        if (output.toString().isBlank()) throw new ConfigException(outputKey + ": empty; give the path of the output (an unset shell variable?)");
        DeclaredPaths paths = new DeclaredPaths(new ArrayList<>(), new ArrayList<>());
        for (NamedInput in : inputs) paths.inputs().add(new DeclaredPaths.Declared(in.key(), in.path().toAbsolutePath().normalize(), null));
        paths.outputs().add(new DeclaredPaths.Declared(outputKey, output.toAbsolutePath().normalize(), kind));
        OutputChecks.check(paths, key -> null);
    }

    /** The file name of the effective config a step records in its output folder. */
    public static String configFileName(String step) {
        return step + ".config.yaml";
    }

    /**
     * The effective config beside a file output is named after the output (pseudo.h5ad: pseudo.config.yaml), so that
     * several outputs can share a folder: one name per step let b.h5ad's run replace a.h5ad's config, and a.h5ad then
     * sat beside another run's config.
     */
    public static String configFileNameBeside(Path output) {
        String name = output.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return (dot > 0 ? name.substring(0, dot) : name) + ".config.yaml";
    }

    public static <C extends StepConfig, R> R run(String step, C config, Step<C, R> body) {
        DeclaredPaths paths = DeclaredPaths.of(config);
        // the config file is an input too: an output folder holding it would be replaced with it
        config.configFile().ifPresent(f -> paths.inputs().add(new DeclaredPaths.Declared("--config", f.toAbsolutePath().normalize(), null)));
        OutputChecks.check(paths, config::sourceOf);
        if (paths.outputs().size() != 1) throw new IllegalStateException(step + " declares " + paths.outputs().size() + " outputs; the frame stages one");
        DeclaredPaths.Declared out = paths.outputs().get(0);
        String configName = out.kind() == OutputPath.Kind.FILE ? configFileNameBeside(out.path()) : configFileName(step);
        if (out.kind() == OutputPath.Kind.FILE) OutputChecks.checkBeside(out, configName, paths.inputs(), config.sourceOf(out.key()));
        try (OutputStage stage = out.kind() == OutputPath.Kind.FOLDER ? OutputStage.forDirectory(out.path(), configName) : OutputStage.forFile(out.path())) {
            try {
                R result = body.compute(config, stage);
                Files.writeString(stage.isFolder() ? stage.path(configName) : stage.beside(configName), Configs.toYaml(config), StandardCharsets.UTF_8);
                stage.commit();
                return result;
            } catch (IOException | UncheckedIOException e) {
                throw writeFailure(e, stage);
            }
        }
    }

    /**
     * An I/O failure while writing (a full disk, say) names the output rather than its hidden staging copy, and says
     * that nothing was left behind (the stage removes the partial files when it closes). The file and the reason may
     * sit at different depths of the exception (an image writer wraps "No space left on device" in its own words), so
     * the whole chain is searched: the outermost message naming a staged file, the innermost one saying the disk is full.
     * Public for the tools that stage an output themselves (merge); other exceptions come back as they are.
     */
    public static RuntimeException writeFailure(Exception e, OutputStage stage) {
        String staging = stage.stagingFolder().toString();
        String file = null, full = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            // a wrapper made of its cause (new UncheckedIOException(cause)) says it again with the class name in front
            if (m == null || t.getCause() != null && m.equals(t.getCause().toString())) continue;
            if (file == null && m.contains(staging)) file = m;
            if (m.contains("No space left") || m.contains("quota")) full = m;
        }
        if (file == null && full == null) return e instanceof RuntimeException r ? r : new UncheckedIOException((IOException) e);
        String what = file == null ? stage.destination() + ": " + full : full == null || file.contains(full) ? file : file + " (" + full + ")";
        return new StdeconvException(StdeconvException.INTERNAL, "cannot write the output: "
                + what.replace(staging, (stage.isFolder() ? stage.destination() : stage.destination().getParent()).toString()) + "; the partial output was removed, the previous one (if any) is unchanged", e);
    }
}
