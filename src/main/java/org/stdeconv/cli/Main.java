package org.stdeconv.cli;

import org.stdeconv.StdeconvException;
import org.stdeconv.Versions;
import org.stdeconv.step.StepCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "stdeconv", mixinStandardHelpOptions = true, versionProvider = Versions.class,
        description = {"Cell-type deconvolution of spatial transcriptomics spots (the ST-deconv method).",
                "Steps read and write the files their YAML config declares: stdeconv STEP --config STEP.yaml [--set key=value]..."},
        footer = {"", "Exit codes: 0 ok, 1 internal failure, 2 usage or config error, 3 bad input data.",
                "Add --debug to any command for stack traces."})
public final class Main implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** The pipeline steps, in pipeline order; each documents its YAML keys in --help. */
    static Map<String, StepCommand<?>> stepCommands() {
        Map<String, StepCommand<?>> m = new LinkedHashMap<>();
        m.put("qc", new org.stdeconv.qc.QcCommand());
        m.put("simulate", new org.stdeconv.simulate.SimulateCommand());
        m.put("train", new org.stdeconv.train.TrainCommand());
        m.put("infer", new org.stdeconv.infer.InferCommand());
        m.put("evaluate", new org.stdeconv.evaluate.EvaluateCommand());
        return m;
    }

    /** Tools beside the steps. */
    static Map<String, Object> toolCommands() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("merge", new org.stdeconv.infer.MergeCommand());
        m.put("inspect", new InspectCommand());
        m.put("convert", new ConvertCommand());
        m.put("demo-data", new org.stdeconv.demo.DemoDataCommand());
        m.put("config-template", new ConfigTemplateCommand());
        return m;
    }

    /** `stdeconv` without a command: the usage with the command list on standard error, a usage error (as git). */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return StdeconvException.USAGE;
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        for (Map.Entry<String, StepCommand<?>> e : stepCommands().entrySet()) {
            CommandLine sub = new CommandLine(e.getValue());
            sub.getCommandSpec().usageMessage().footer(
                    "", "YAML keys (stdeconv config-template " + e.getKey() + " prints them as a file):",
                    // picocli formats the footer (String.format): a '%' in a key's description must reach it doubled
                    org.stdeconv.config.ConfigTemplates.keyHelp(e.getValue().configType()).replace("%", "%%"));
            cl.addSubcommand(e.getKey(), sub);
        }
        toolCommands().forEach(cl::addSubcommand);
        acceptDebug(cl);
        cl.setExecutionExceptionHandler(Main::handle);
        cl.setParameterExceptionHandler(Main::handleParameter);
        return cl;
    }

    /** Declares --debug on the root and every command, once here; {@link #handle} reads it from the arguments. */
    private static void acceptDebug(CommandLine cl) {
        cl.getCommandSpec().addOption(OptionSpec.builder("--debug").description("Show stack traces on errors.").build());
        cl.getSubcommands().values().forEach(Main::acceptDebug);
    }

    private static int handleParameter(CommandLine.ParameterException ex, String[] args) {
        PrintWriter err = ex.getCommandLine().getErr();
        // one line, like every other error: what was wrong, the nearest step or option picocli knows for a misspelt one
        // ('stdeconv trian'), and where to look
        String nearest = ex instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()
                ? "; did you mean " + String.join(" or ", unmatched.getSuggestions()) + "?" : "";
        err.println("stdeconv: " + ex.getMessage().replace('\n', ' ') + nearest + "; see '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'");
        return StdeconvException.USAGE;
    }

    private static int handle(Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) {
        boolean debug = parseResult.expandedArgs().contains("--debug");
        PrintWriter err = cmd.getErr();
        String name = cmd.getCommandSpec().qualifiedName();
        if (debug) ex.printStackTrace(err);
        if (ex instanceof StdeconvException se) {
            err.println(name + ": error: " + se.getMessage());
            return se.exitCode();
        }
        for (Throwable c = ex; c != null; c = c.getCause()) {
            if (c instanceof java.nio.file.AccessDeniedException denied) {
                // the file system said no: the user's to fix, not a fault of stdeconv
                err.println(name + ": error: " + denied.getFile() + ": permission denied; give the user running stdeconv read access to its inputs"
                        + " and write access to its output folders, or choose other paths");
                return StdeconvException.BAD_INPUT;
            }
        }
        if (ex instanceof java.io.UncheckedIOException || ex instanceof java.io.IOException) {
            err.println(name + ": I/O error: " + String.valueOf(ex.getMessage()).replace('\n', ' ') + (debug ? "" : " (rerun with --debug for details)"));
            return StdeconvException.INTERNAL;
        }
        for (Throwable c = ex.getCause(); c != null; c = c.getCause()) {
            if (c instanceof OutOfMemoryError oom) return outOfMemory(err, name, oom);
        }
        err.println(name + ": internal error: " + ex.getClass().getSimpleName() + ": " + String.valueOf(ex.getMessage()).replace('\n', ' ')
                + (debug ? "" : " (rerun with --debug for the stack trace and report it)"));
        return StdeconvException.INTERNAL;
    }

    /** Exit status of a Java {@link OutOfMemoryError}: see {@link StdeconvException#OUT_OF_MEMORY}. */
    public static final int OUT_OF_MEMORY = StdeconvException.OUT_OF_MEMORY;

    private static int outOfMemory(PrintWriter err, String name, OutOfMemoryError oom) {
        err.println(name + ": out of memory (" + oom.getMessage() + ", max heap " + (Runtime.getRuntime().maxMemory() >> 20)
                + " MB); exit " + OUT_OF_MEMORY + ": give the JVM more heap (pipeline: more task memory, which a retry does;"
                + " by hand: STDECONV_OPTS=-Xmx...)");
        err.flush();
        return OUT_OF_MEMORY;
    }

    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    public static void main(String[] args) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        System.setProperty("java.awt.headless", "true");
        int status;
        try {
            status = execute(args);
        } catch (OutOfMemoryError oom) {
            // picocli hands only Exceptions to handle(); an Error thrown by a step ends up here (its stack is gone,
            // so there is heap again to print the line)
            status = outOfMemory(new PrintWriter(System.err, true), "stdeconv", oom);
        }
        // System.out swallows write errors: a template or listing sent to a full disk or a closed pipe ended with exit 0
        if (status == 0 && System.out.checkError()) {
            System.err.println("stdeconv: error: could not write everything to standard output (a full disk or a closed pipe?); nothing else was changed");
            status = StdeconvException.INTERNAL;
        }
        System.exit(status);
    }
}
