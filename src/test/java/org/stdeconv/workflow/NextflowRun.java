package org.stdeconv.workflow;

import org.stdeconv.testing.Prerequisites;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One launch of the pipeline through bin/nextflow (Nextflow 24.10.0 from Maven Central, offline) in its own launch
 * folder, with the console saved to console-N.log there. Console lines are plain (-ansi-log false), so the tasks
 * Nextflow submitted and the ones it took from the cache can be read off them.
 */
final class NextflowRun {
    /** "[ab/cdef12] Submitted process > STDECONV:QC (demo)" or "... Cached process > ..." */
    private static final Pattern TASK_LINE = Pattern.compile("^\\[([0-9a-f]{2}/[0-9a-f]{6})] (Submitted|Cached) process > (\\S+)(?: \\((.*)\\))?$");

    private final Path launchDir;
    private final List<String> args = new ArrayList<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    private Process process;
    private Thread reader;
    private Path console;

    NextflowRun(Path launchDir, String... args) {
        this.launchDir = launchDir;
        this.args.addAll(List.of(args));
    }

    NextflowRun env(String name, String value) {
        env.put(name, value);
        return this;
    }

    Path launchDir() {
        return launchDir;
    }

    Path outdir() {
        return launchDir.resolve("results");
    }

    /** Starts Nextflow; every console line goes to {@code onLine} as well as to the log. */
    NextflowRun start(Consumer<String> onLine) {
        try {
            Files.createDirectories(launchDir);
            Path root = Prerequisites.projectRoot();
            List<String> cmd = new ArrayList<>(List.of(root.resolve("bin/nextflow").toString(), "run", root.toString(),
                    "-ansi-log", "false", "--outdir", outdir().toString()));
            cmd.addAll(args);
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(launchDir.toFile()).redirectErrorStream(true);
            // history, secrets and plugins of these runs stay in the build folder, apart from the user's ~/.nextflow
            pb.environment().put("NXF_HOME", root.resolve("target/nxf-home").toString());
            pb.environment().put("NXF_OPTS", "-Xmx1g");
            pb.environment().putAll(env);
            int n = 1;
            while (Files.exists(launchDir.resolve("console-" + n + ".log"))) n++;
            console = launchDir.resolve("console-" + n + ".log");
            Files.writeString(console, String.join(" ", cmd) + "\n");
            process = pb.start();
            reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        lines.add(line);
                        Files.writeString(console, line + "\n", StandardOpenOption.APPEND);
                        onLine.accept(line);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, "nextflow-console");
            reader.setDaemon(true);
            reader.start();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs to the end; fails the test when it takes longer than {@code limit}. */
    NextflowRun run(Duration limit) {
        start(l -> { });
        return await(limit);
    }

    NextflowRun await(Duration limit) {
        try {
            if (!process.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
                killTree();
                throw new AssertionError("Nextflow did not finish within " + limit + "; console: " + console);
            }
            reader.join(10_000);
            return this;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    Process process() {
        return process;
    }

    int exitCode() {
        return process.exitValue();
    }

    String output() {
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }

    /** Fails with the console tail unless Nextflow exited 0. */
    NextflowRun assertSucceeded() {
        if (exitCode() != 0) {
            throw new AssertionError("Nextflow exited " + exitCode() + " (console " + console + "):\n" + tail(60));
        }
        return this;
    }

    String tail(int n) {
        synchronized (lines) {
            return String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()));
        }
    }

    /** Tasks by console line: "Submitted" or "Cached" -> list of "PROCESS (tag)". */
    List<String> tasks(String how) {
        List<String> out = new ArrayList<>();
        synchronized (lines) {
            for (String l : lines) {
                Matcher m = TASK_LINE.matcher(l.strip());
                if (m.matches() && m.group(2).equals(how)) out.add(m.group(3) + (m.group(4) == null ? "" : " (" + m.group(4) + ")"));
            }
        }
        return out;
    }

    /** The work folder of the task whose console line names {@code processName}, e.g. STDECONV:TRAIN. */
    Path workDirOf(String processName) {
        synchronized (lines) {
            for (String l : lines) {
                Matcher m = TASK_LINE.matcher(l.strip());
                if (m.matches() && m.group(3).equals(processName)) {
                    String[] hash = m.group(1).split("/");
                    try (var s = Files.list(launchDir.resolve("work").resolve(hash[0]))) {
                        return s.filter(p -> p.getFileName().toString().startsWith(hash[1])).findFirst().orElseThrow();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        }
        throw new AssertionError("no task of " + processName + " in the console");
    }

    /** SIGKILL to the Nextflow JVM and then to the task processes it had started, which would otherwise run on. */
    List<ProcessHandle> killTree() {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(30, TimeUnit.SECONDS);
            for (ProcessHandle c : children) c.onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("processes did not end after SIGKILL", e);
        }
        return children;
    }
}
