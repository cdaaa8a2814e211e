package org.stdeconv.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Java heap OutOfMemoryError in a step ends the CLI with exit 144 (which the pipeline retries with more memory) and
 * one line saying so, not exit 1 and a stack trace. Runs the real CLI in a child JVM with a tiny heap.
 */
class OutOfMemoryExitTest {
    @TempDir
    Path dir;

    private Process run(String xmx, String... args) throws IOException {
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + xmx, "-XX:-UsePerfData", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).directory(dir.toFile()).redirectOutput(dir.resolve("stdout.txt").toFile())
                .redirectError(dir.resolve("stderr.txt").toFile()).start();
    }

    private int await(Process p) throws InterruptedException {
        assertTrue(p.waitFor(3, TimeUnit.MINUTES), "the CLI ended");
        return p.exitValue();
    }

    @Test
    void heapOutOfMemoryExitsWith144AndOneLine() throws Exception {
        // 20000 genes x 10000 spots of demo data cannot fit in 16 MB of heap
        int code = await(run("16m", "demo-data", "--out", "demo", "--genes", "20000", "--grid", "100"));
        String err = Files.readString(dir.resolve("stderr.txt"), StandardCharsets.UTF_8).strip();
        assertEquals(Main.OUT_OF_MEMORY, code, "exit status; stderr:\n" + err);
        assertEquals(144, Main.OUT_OF_MEMORY, "inside the retried range 130-145 and neither 137 (SIGKILL) nor 140 (SLURM)");
        List<String> lines = err.lines().toList();
        assertEquals(1, lines.size(), "one line, no stack trace:\n" + err);
        assertTrue(lines.get(0).contains("out of memory") && lines.get(0).contains("exit 144"), err);
        assertFalse(err.contains("\tat "), "no stack trace");
    }

    @Test
    void theSameCommandWithEnoughHeapSucceeds() throws Exception {
        // the control: the failure above is the heap, not the command
        int code = await(run("256m", "demo-data", "--out", "demo", "--genes", "300", "--grid", "5"));
        assertEquals(0, code, Files.readString(dir.resolve("stderr.txt")));
        assertTrue(Files.isRegularFile(dir.resolve("demo/slide.h5ad")));
    }
}
