package org.stdeconv.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.*;

/** Usage errors are one line with exit 2, like every other error; templates are valid YAML. */
class CommandLineTest {
    private record Run(int code, String out, String err) {
    }

    private static Run cli(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            return new Run(Main.execute(args), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void anUnknownOptionIsOneLine() {
        Run r = cli("qc", "--confgi", "qc.yaml");
        assertEquals(2, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("--confgi") && r.err().contains("see 'stdeconv qc --help'"), r.err());
    }

    @Test
    void aBadOptionValueIsOneLine() {
        Run r = cli("demo-data", "--out", "x", "--seed", "many");
        assertEquals(2, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("many"), r.err());
        // a grid whose square wraps around an int made a one-spot slide with exit 0
        r = cli("demo-data", "--out", "x", "--grid", "2147483647");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--grid <= 300"), r.err());
    }

    @Test
    void theInferTemplateGivesChunkAnEmptyStringNotADocumentMarker() {
        Run r = cli("config-template", "infer");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\nchunk: \"\"\n"), r.out());
        assertFalse(r.out().contains("---"), r.out());
    }

    @Test
    void noCommandIsAUsageErrorThatListsTheCommands() {
        Run r = cli();
        assertEquals(2, r.code());
        assertEquals("", r.out());
        for (String command : new String[] {"qc", "simulate", "train", "infer", "evaluate", "merge", "config-template"})
            assertTrue(r.err().contains("\n  " + command + " "), command + " missing from: " + r.err());
    }

    @Test
    void everyCommandTakesDebug() {
        Run r = cli("config-template", "train", "--debug");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("# stdeconv train config"), r.out());
        for (String command : new String[] {"qc", "simulate", "train", "infer", "evaluate", "merge", "inspect", "convert", "demo-data", "config-template"})
            assertTrue(cli(command, "--help").out().contains("--debug"), command);
    }
}
