package org.stdeconv.model;

import org.junit.jupiter.api.Test;
import org.stdeconv.StdeconvException;
import org.stdeconv.testing.Prerequisites;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A user's environment that keeps the network from starting is one line, not "internal error ... report it": a thread
 * count that is no number of threads (the launcher), a native cache that cannot be written (the engine's start).
 */
class EngineEnvironmentTest {
    @Test
    void theLauncherRefusesAThreadCountThatIsNoNumberOfThreads() throws Exception {
        for (String bad : List.of("0", "-1", "abc", "1.5", "99999")) {
            Result r = run(List.of("bash", "-c", "source bin/stdeconv-env.sh && echo sourced"), Map.of("STDECONV_THREADS", bad));
            assertEquals(2, r.code, bad + ": " + r.output);
            assertTrue(r.output.startsWith("stdeconv: STDECONV_THREADS='" + bad + "': give a whole number of threads from 1 to "), r.output);
            assertEquals(1, r.output.strip().lines().count(), r.output);
        }
        Result fine = run(List.of("bash", "-c", "source bin/stdeconv-env.sh && echo \"${STDECONV_JVM_FLAGS[@]}\""), Map.of("STDECONV_THREADS", "3"));
        assertEquals(0, fine.code, fine.output);
        assertTrue(fine.output.contains("-Dai.djl.pytorch.num_threads=3"), fine.output);
    }

    @Test
    void theLauncherStartsWithoutHome() throws Exception {
        // cron, `env -i` and some batch systems run without HOME: the launcher (set -u) stopped with "HOME: unbound variable"
        Result r = run(List.of("env", "-u", "HOME", "-u", "XDG_CACHE_HOME", "-u", "DJL_CACHE_DIR", "bash", "-c",
                "set -euo pipefail; source bin/stdeconv-env.sh && echo \"$DJL_CACHE_DIR\""), Map.of());
        assertEquals(0, r.code, r.output);
        String home = System.getProperty("user.home");
        assertEquals(home + "/.cache/stdeconv/djl", r.output.strip(), "the user's home from the password database");
    }

    @Test
    void underThePosixLocaleTheLaunchersJvmStillNamesEveryPath() throws Exception {
        // cron, 'ssh host cmd' and many cluster nodes run under C: the JVM then could not name a path with a 'ü'
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (String launcher : List.of("bin/stdeconv-env.sh", "bin/nextflow")) {
            String sourced = launcher.endsWith(".sh") ? "source " + launcher : "eval \"$(grep -A2 '^# Java names files' " + launcher + ")\"";
            Result r = run(List.of("env", "-u", "LANG", "LC_ALL=C", "bash", "-c", sourced + " && " + java + " -XshowSettings:properties -version 2>&1 | grep sun.jnu.encoding"), Map.of());
            assertEquals(0, r.code, launcher + ": " + r.output);
            assertTrue(r.output.contains("sun.jnu.encoding = UTF-8"), launcher + ": " + r.output);
        }
    }

    @Test
    void anEngineThatCannotUnpackItsNativesSaysWhereAndWhatToDo() throws Exception {
        // a user without a writable home (a system or container user) got "internal error: EngineException"
        Result r = run(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:-UsePerfData", "-cp",
                System.getProperty("java.class.path"), StartEngine.class.getName()), Map.of("DJL_CACHE_DIR", "/proc/stdeconv-djl"));
        assertEquals(StdeconvException.USAGE, r.code, r.output);
        assertTrue(r.output.startsWith("cannot start the PyTorch engine (") && r.output.contains("DJL_CACHE_DIR (/proc/stdeconv-djl), which must be a writable folder"), r.output);
    }

    /** Starts the engine in a fresh JVM (in this one it may be running already) and prints the one line a failure gives. */
    public static final class StartEngine {
        public static void main(String[] args) {
            try {
                EngineSetup.startIfNeeded();
                System.exit(0);
            } catch (StdeconvException e) {
                System.out.println(e.getMessage());
                System.exit(e.exitCode());
            }
        }
    }

    private record Result(int code, String output) {
    }

    private static Result run(List<String> command, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(Prerequisites.projectRoot().toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(2, TimeUnit.MINUTES));
        return new Result(p.exitValue(), out);
    }
}
