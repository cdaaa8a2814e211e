package org.stdeconv.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.stdeconv.testing.Prerequisites;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * nextflow_schema.json is the one list of parameters: it names exactly the params the config defines, each with a
 * description, a type and the config's default; `--help` and `--help NAME` print from it. The config side is read
 * from Nextflow itself (`nextflow config -flat`), not from a copy in this test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PipelineSchemaIT {
    private static final Duration LIMIT = Duration.ofMinutes(3);
    private Path root;
    private Map<String, JsonNode> schemaParams;
    private JsonNode schema;

    @BeforeAll
    void readSchema() throws Exception {
        root = Prerequisites.projectRoot();
        schema = new ObjectMapper().readTree(root.resolve("nextflow_schema.json").toFile());
        schemaParams = new LinkedHashMap<>();
        List<String> referenced = new ArrayList<>();
        schema.get("allOf").forEach(ref -> referenced.add(ref.get("$ref").asText()));
        schema.get("$defs").fields().forEachRemaining(group -> {
            assertTrue(referenced.contains("#/$defs/" + group.getKey()), "group " + group.getKey() + " is in allOf, so validators see it");
            assertTrue(group.getValue().hasNonNull("title") && group.getValue().hasNonNull("description"), "group " + group.getKey() + " has a title and description");
            group.getValue().get("properties").fields().forEachRemaining(p -> {
                assertFalse(schemaParams.containsKey(p.getKey()), p.getKey() + " is in one group only");
                schemaParams.put(p.getKey(), p.getValue());
            });
        });
        assertEquals("https://json-schema.org/draft/2020-12/schema", schema.get("$schema").asText());
    }

    /** params.NAME -> value as `nextflow config -flat` prints it ('text' for strings, null, numbers, booleans). */
    private Map<String, String> configParams(String... extra) {
        List<String> cmd = new ArrayList<>(List.of(root.resolve("bin/nextflow").toString(), "config", "-flat"));
        cmd.addAll(List.of(extra));
        cmd.add(root.toString());
        SystemCommand.Result r = SystemCommand.run(root, Map.of("NXF_HOME", root.resolve("target/nxf-home").toString(), "NXF_OPTS", "-Xmx512m"),
                LIMIT, cmd.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.output());
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : r.output().split("\n")) {
            if (!line.startsWith("params.")) continue;
            int eq = line.indexOf(" = ");
            out.put(line.substring("params.".length(), eq), line.substring(eq + 3).strip());
        }
        assertFalse(out.isEmpty(), "nextflow config printed params:\n" + r.output());
        return out;
    }

    @Test
    void schemaListsEveryConfigParameterWithDescriptionTypeAndTheConfigDefault() {
        Map<String, String> config = configParams();
        assertEquals(new TreeSet<>(config.keySet()), new TreeSet<>(schemaParams.keySet()), "the same parameters in nextflow.config and nextflow_schema.json");
        for (var e : schemaParams.entrySet()) {
            String name = e.getKey();
            JsonNode p = e.getValue();
            assertTrue(p.hasNonNull("description") && p.get("description").asText().length() > 10, name + " has a description");
            assertTrue(p.hasNonNull("type"), name + " has a type");
            String configValue = config.get(name);
            // the config fills stdeconv_build from the checkout jar's hash at launch: a value, but not a default
            if (name.equals("stdeconv_build")) continue;
            if (configValue.equals("null")) {
                // no default in the config: the schema must not claim one (nf-core: leave it out)
                assertFalse(p.has("default"), name + ": config default is null, schema gives " + p.get("default"));
            } else {
                assertTrue(p.has("default"), name + ": config default " + configValue + " is missing from the schema");
                String unquoted = configValue.startsWith("'") ? configValue.substring(1, configValue.length() - 1) : configValue;
                assertEquals(p.get("default").asText(), unquoted, name + ": schema default equals the config's");
            }
            if (p.has("default") && p.has("enum")) {
                List<String> allowed = new ArrayList<>();
                p.get("enum").forEach(v -> allowed.add(v.asText()));
                assertTrue(allowed.contains(p.get("default").asText()), name + ": default is one of its enum");
            }
        }
    }

    @Test
    void testProfileSetsOnlyParametersTheSchemaKnows() {
        Map<String, String> config = configParams("-profile", "test");
        assertEquals("true", config.get("demo"), "the test profile runs the demo data");
        assertTrue(schemaParams.keySet().containsAll(config.keySet()), "unknown params in -profile test: " + config.keySet());
    }

    @Test
    void helpPrintsEveryVisibleParameterFromTheSchemaAndRunsNothing() throws Exception {
        Path dir = Workspace.fresh("it-pipeline-help");
        NextflowRun run = new NextflowRun(dir, "--help").run(LIMIT);
        assertEquals(0, run.exitCode(), run.output());
        String out = run.output();
        for (var e : schemaParams.entrySet()) {
            if (e.getValue().path("hidden").asBoolean(false)) {
                assertTrue(out.contains("--" + e.getKey()), "hidden " + e.getKey() + " is at least named");
                continue;
            }
            assertTrue(out.contains("--" + e.getKey() + " ") && out.contains(e.getValue().get("description").asText()),
                    "--help lists --" + e.getKey() + " with its description:\n" + out);
        }
        schema.get("$defs").forEach(g -> assertTrue(out.contains(g.get("title").asText() + ":"), "group heading " + g.get("title")));
        assertEquals(List.of(), run.tasks("Submitted"), "--help runs no task");
        // not even Nextflow's trace file, which it opens before the pipeline script runs (nextflow.config turns it off)
        assertFalse(Files.exists(dir.resolve("results")), "--help writes no results folder");
    }

    @Test
    void helpOnOneParameterPrintsItsHelpTextAndAnUnknownNameIsOneLine() throws Exception {
        Path dir = Workspace.fresh("it-pipeline-help-one");
        NextflowRun one = new NextflowRun(dir, "--help", "threads").run(LIMIT);
        assertEquals(0, one.exitCode(), one.output());
        JsonNode threads = schemaParams.get("threads");
        String flat = one.output().replaceAll("\\s+", " ");
        assertTrue(flat.contains(threads.get("help_text").asText()), "help text of --threads:\n" + one.output());
        assertTrue(flat.contains("default: " + threads.get("default").asText()) && flat.contains("minimum: 1"), one.output());

        NextflowRun bad = new NextflowRun(dir, "--help", "threadz").run(LIMIT);
        assertNotEquals(0, bad.exitCode());
        assertTrue(bad.output().contains("--help: 'threadz' is not a parameter"), bad.output());
    }
}
