package org.stdeconv.qc;

import org.stdeconv.cli.Main;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Runs `stdeconv qc` in-process through Main.execute with a written config, capturing stderr. */
final class QcRunner {
    record Outcome(int exitCode, String stderr) {
    }

    private QcRunner() {
    }

    static Outcome run(Path dir, String yaml, String... extraArgs) throws Exception {
        Path config = dir.resolve("qc-" + System.nanoTime() + ".yaml");
        Files.writeString(config, yaml);
        String[] args = new String[3 + extraArgs.length];
        args[0] = "qc";
        args[1] = "--config";
        args[2] = config.toString();
        System.arraycopy(extraArgs, 0, args, 3, extraArgs.length);
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc;
        try (PrintStream capture = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setErr(capture);
            rc = Main.execute(args);
        } finally {
            System.setErr(saved);
        }
        String text = err.toString(StandardCharsets.UTF_8);
        saved.print(text);
        return new Outcome(rc, text);
    }
}
