package org.stdeconv.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.stdeconv.testing.Prerequisites;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Runs Debian's python3 + anndata (the independent client) on scripts kept in the test resources. */
public final class PythonHelper {
    private PythonHelper() {
    }

    /** Copies the resource script into {@code dir}, runs it with the arguments, returns its stdout. */
    public static String run(Path dir, String script, String... args) throws Exception {
        return run(PythonHelper.class, dir, script, args);
    }

    /** As {@link #run(Path, String, String...)} for a script kept beside {@code anchor}'s package in the test resources. */
    public static String run(Class<?> anchor, Path dir, String script, String... args) throws Exception {
        Path py = Prerequisites.pythonWithAnndata();
        Path s = dir.resolve(script);
        try (InputStream in = anchor.getResourceAsStream(script)) {
            Files.write(s, in.readAllBytes());
        }
        List<String> cmd = new ArrayList<>(List.of(py.toString(), "-W", "ignore", s.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), script + " failed");
        return out;
    }

    public static JsonNode json(Path file) throws IOException {
        return new ObjectMapper().readTree(file.toFile());
    }

    public static JsonNode json(String text) throws IOException {
        return new ObjectMapper().readTree(text);
    }

    /** A JSON array of names (as the scripts print obs_names, var_names, text columns) as Java strings. */
    public static List<String> strings(JsonNode a) {
        List<String> out = new ArrayList<>();
        a.forEach(n -> out.add(n.asText()));
        return out;
    }
}
