package org.stdeconv.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A command whose standard output cannot be written (a full disk) fails with one line, not exit 0. */
class StdoutWriteErrorTest {
    @TempDir
    Path dir;

    @Test
    void aTemplateSentToAFullDiskIsAnError() throws Exception {
        File full = new File("/dev/full");
        Assumptions.assumeTrue(full.exists(), "Linux's /dev/full (a device that is always full) is needed");
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:-UsePerfData",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "config-template", "qc");
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectOutput(full).redirectError(dir.resolve("stderr.txt").toFile()).start();
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "the CLI ended");
        String err = Files.readString(dir.resolve("stderr.txt"));
        assertEquals(1, p.exitValue(), err);
        assertEquals(1, err.strip().lines().count(), err);
        assertTrue(err.contains("could not write everything to standard output"), err);
    }
}
