package org.stdeconv.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** What code run in this JVM prints on stderr (warnings, a step's one-line error), for tests that read it. */
public final class StandardError {
    private StandardError() {
    }

    /** Runs {@code r} with stderr captured and returns what it printed there; stderr is restored after. */
    public static String during(Runnable r) {
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream capture = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setErr(capture);
            r.run();
        } finally {
            System.setErr(saved);
        }
        return err.toString(StandardCharsets.UTF_8);
    }
}
