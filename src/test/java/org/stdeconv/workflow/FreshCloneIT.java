package org.stdeconv.workflow;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.stdeconv.testing.Prerequisites;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A fresh `git clone` (no target/, no jar) runs `bin/nextflow run . -profile test` with no other command: the first
 * task builds the jar through bin/stdeconv. The same run checks the out-of-memory retry: a config given with -c lets
 * DEMO_DATA's first attempt have 24 MB (a 13 MB heap, too small for the demo data), so stdeconv exits 144, the
 * pipeline retries, and the second attempt runs with the larger heap that task.memory gives it.
 * Clones the committed state (HEAD) of this checkout.
 */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FreshCloneIT {
    private static final Pattern XMX = Pattern.compile("-Xmx(\\d+)m");
    private Path root;
    private Path base;

    @BeforeAll
    void prerequisites() throws Exception {
        root = Prerequisites.projectRoot();
        Prerequisites.require(Prerequisites.onPath("git") && Prerequisites.onPath("mvn") && Prerequisites.onPath("flock"), "git, mvn and flock");
        base = Workspace.fresh("it-pipeline-fresh-clone");
    }

    private Path cloneInto(String name) {
        Path clone = base.resolve(name);
        SystemCommand.runOk(base, Map.of(), Duration.ofMinutes(2), "git", "clone", "-q", root.toString(), clone.toString());
        assertFalse(Files.exists(clone.resolve("target")), "a clone has no build");
        return clone;
    }

    @Test
    void severalLaunchersStartingTogetherBuildTheJarOnce() throws Exception {
        Prerequisites.require(Files.isRegularFile(root.resolve("target/stdeconv.jar")), "target/stdeconv.jar (mvn package)");
        Path clone = cloneInto("concurrent");
        // a stand-in for Maven that takes 3 s and counts its runs: the lock, not Maven, is under test here
        Path fakeBin = Files.createDirectories(base.resolve("fake-mvn-bin"));
        Path count = base.resolve("mvn-runs.txt");
        Files.writeString(fakeBin.resolve("mvn"), String.join("\n", "#!/usr/bin/env bash", "set -e",
                "echo run >> '" + count + "'", "sleep 3", "mkdir -p '" + clone + "/target'",
                "ln -sfn '" + root.resolve("target/lib") + "' '" + clone + "/target/lib'",
                "cp '" + root.resolve("target/stdeconv.jar") + "' '" + clone + "/target/stdeconv.jar'", ""));
        Files.setPosixFilePermissions(fakeBin.resolve("mvn"), PosixFilePermissions.fromString("rwxr-xr-x"));
        List<Process> launchers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ProcessBuilder pb = new ProcessBuilder(clone.resolve("bin/stdeconv").toString(), "--version")
                    .redirectOutput(base.resolve("launcher-" + i + ".out").toFile()).redirectError(base.resolve("launcher-" + i + ".err").toFile());
            pb.environment().put("PATH", fakeBin + ":" + System.getenv("PATH"));
            launchers.add(pb.start());
        }
        int builds = 0;
        for (int i = 0; i < 3; i++) {
            assertTrue(launchers.get(i).waitFor(2, TimeUnit.MINUTES), "launcher " + i + " ended");
            String err = Files.readString(base.resolve("launcher-" + i + ".err"));
            assertEquals(0, launchers.get(i).exitValue(), "launcher " + i + ": " + err);
            assertTrue(Files.readString(base.resolve("launcher-" + i + ".out")).startsWith("stdeconv "), "launcher " + i + " ran stdeconv");
            if (err.contains("building")) builds++;
        }
        assertEquals(1, Files.readAllLines(count).size(), "Maven ran once for three launchers");
        assertEquals(1, builds, "one launcher said it builds");
    }

    @Test
    void testProfileRunsFromAFreshCloneAndAHeapOutOfMemoryIsRetriedWithMoreHeap() throws Exception {
        Path clone = cloneInto("clone");
        Path launch = Files.createDirectories(base.resolve("launch"));
        Path oom = launch.resolve("oom-first-attempt.config");
        Files.writeString(oom, "process { withName: 'DEMO_DATA' { memory = { task.attempt == 1 ? 24.MB : 1.5.GB * task.attempt } } }\n");
        List<String> cmd = List.of(clone.resolve("bin/nextflow").toString(), "run", clone.toString(), "-ansi-log", "false",
                "-profile", "test", "-c", oom.toString(), "--outdir", launch.resolve("results").toString());
        SystemCommand.Result r = SystemCommand.run(launch, Map.of("NXF_HOME", root.resolve("target/nxf-home").toString(), "NXF_OPTS", "-Xmx1g"),
                Duration.ofMinutes(25), cmd.toArray(String[]::new));
        Files.writeString(launch.resolve("console.log"), r.output());
        assertEquals(0, r.exitCode(), "the run from a fresh clone succeeded; console " + launch.resolve("console.log") + ":\n" + tail(r.output()));
        assertTrue(Files.isRegularFile(clone.resolve("target/stdeconv.jar")), "the first task built the clone's jar");
        PipelineOutputs.assertComplete(launch.resolve("results"));

        assertTrue(r.output().contains("terminated with an error exit status (144) -- Execution is retried"), "the OOM exit is retried:\n" + tail(r.output()));
        List<Map<String, String>> demo = PipelineOutputs.latestTrace(launch.resolve("results")).stream()
                .filter(t -> t.get("process").equals("DEMO_DATA")).toList();
        assertEquals(2, demo.size(), "DEMO_DATA ran twice: " + demo);
        Map<String, String> first = demo.stream().filter(t -> t.get("attempt").equals("1")).findFirst().orElseThrow();
        Map<String, String> second = demo.stream().filter(t -> t.get("attempt").equals("2")).findFirst().orElseThrow();
        assertEquals("144", first.get("exit"), "attempt 1: " + first);
        assertEquals("COMPLETED", second.get("status"), "attempt 2: " + second);
        String err = Files.readString(Path.of(first.get("workdir")).resolve(".command.err"));
        assertTrue(err.contains("out of memory") && !err.contains("\tat "), "attempt 1 says it in one line, no stack trace:\n" + err);
        long heap1 = xmx(Path.of(first.get("workdir")));
        long heap2 = xmx(Path.of(second.get("workdir")));
        assertTrue(heap1 <= 16 && heap2 >= 10 * heap1, "the retry's heap follows its memory: " + heap1 + " MB, then " + heap2 + " MB");
    }

    private static long xmx(Path workdir) throws Exception {
        Matcher m = XMX.matcher(Files.readString(workdir.resolve(".command.sh")));
        assertTrue(m.find(), "heap set in " + workdir);
        return Long.parseLong(m.group(1));
    }

    private static String tail(String s) {
        String[] lines = s.split("\n");
        return String.join("\n", List.of(lines).subList(Math.max(0, lines.length - 60), lines.length));
    }
}
