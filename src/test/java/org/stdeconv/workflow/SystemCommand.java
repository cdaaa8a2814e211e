package org.stdeconv.workflow;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a set-up command (SLURM up/down, image build) and returns its output, failing the test if it fails. */
final class SystemCommand {
    private SystemCommand() {
    }

    record Result(int exitCode, String output) {
    }

    static Result run(Path dir, Map<String, String> env, Duration limit, String... cmd) {
        try {
            ProcessBuilder pb = new ProcessBuilder(List.of(cmd)).directory(dir.toFile()).redirectErrorStream(true);
            pb.environment().putAll(env);
            Process p = pb.start();
            // read on this thread: outputs are small; the process ends or the limit below kills it
            StringBuilder out = new StringBuilder();
            Thread t = new Thread(() -> {
                try {
                    out.append(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException ignored) {
                    // the process was killed
                }
            });
            t.start();
            if (!p.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", cmd) + " did not finish within " + limit);
            }
            t.join(10_000);
            return new Result(p.exitValue(), out.toString());
        } catch (IOException e) {
            throw new AssertionError("cannot run " + String.join(" ", cmd) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    static String runOk(Path dir, Map<String, String> env, Duration limit, String... cmd) {
        Result r = run(dir, env, limit, cmd);
        if (r.exitCode() != 0) throw new AssertionError(String.join(" ", cmd) + " exited " + r.exitCode() + ":\n" + r.output());
        return r.output();
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
