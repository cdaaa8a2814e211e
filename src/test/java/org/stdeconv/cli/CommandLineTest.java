package org.stdeconv.cli;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.stdeconv.config.ConfigTemplates;
import org.stdeconv.config.Configs;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

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
        assertTrue(r.err().contains("did you mean --config?"), r.err());
    }

    @Test
    void aMisspeltStepNamesTheNearestOne() {
        Run step = cli("trian", "--config", "train.yaml");
        assertEquals(2, step.code());
        assertEquals(1, step.err().strip().lines().count(), step.err());
        assertTrue(step.err().contains("'trian'") && step.err().contains("did you mean train?"), step.err());
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
    void everyStepsHelpListsItsKeysWithoutAFormatWarning() {
        // "infer's 90% intervals" in an evaluate key's description broke picocli's formatting of the key list
        for (String step : Main.stepCommands().keySet()) {
            Run r = cli(step, "--help");
            assertEquals(0, r.code(), step);
            assertEquals("", r.err(), step);
            assertFalse(r.out().contains("%n"), step + ": " + r.out());
        }
        assertTrue(cli("evaluate", "--help").out().contains("infer's 90% intervals"));
    }

    @Test
    void everyCommandTakesDebug() {
        Run r = cli("config-template", "train", "--debug");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("# stdeconv train config"), r.out());
        for (String command : new String[] {"qc", "simulate", "train", "infer", "evaluate", "merge", "inspect", "convert", "demo-data", "config-template"})
            assertTrue(cli(command, "--help").out().contains("--debug"), command);
    }

    @Test
    void thePipelinesKeyListIsWhatTheStepsAccept() throws Exception {
        Run r = cli("config-template", "--keys-json");
        assertEquals(0, r.code(), r.err());
        assertEquals(r.out(), Files.readString(Path.of("assets/config_keys.json")),
                "assets/config_keys.json is out of date: bin/stdeconv config-template --keys-json > assets/config_keys.json");
        Main.stepCommands().forEach((step, cmd) -> {
            // each key alone, with its default value, binds; a key not in the list does not
            JsonNode defaults;
            try {
                defaults = Configs.yamlMapper().valueToTree(cmd.configType().getDeclaredConstructor().newInstance());
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
            for (String key : ConfigTemplates.keyPaths(cmd.configType())) {
                JsonNode value = defaults.at("/" + key.replace('.', '/'));
                assertFalse(value.isMissingNode(), step + " " + key);
                assertDoesNotThrow(() -> Configs.yamlMapper().treeToValue(nested(key, value), cmd.configType()), step + " " + key);
            }
            assertThrows(UnrecognizedPropertyException.class,
                    () -> Configs.yamlMapper().treeToValue(nested("network.no_such_key", JsonNodeFactory.instance.nullNode()), cmd.configType()), step);
        });
        assertEquals(2, cli("config-template").code());
        assertEquals(2, cli("config-template", "train", "--keys-json").code());
    }

    /** {a: {b: value}} for "a.b". */
    private static ObjectNode nested(String dottedKey, JsonNode value) {
        ObjectNode root = JsonNodeFactory.instance.objectNode(), node = root;
        String[] parts = dottedKey.split("\\.");
        for (int i = 0; i < parts.length - 1; i++) node = node.putObject(parts[i]);
        node.set(parts[parts.length - 1], value);
        return root;
    }
}
