package org.stdeconv.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.stdeconv.ConfigException;
import org.stdeconv.Versions;
import org.stdeconv.config.ConfigTemplates;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "config-template", mixinStandardHelpOptions = true,
        description = "Print an annotated YAML config with every key of STEP and its default.")
public final class ConfigTemplateCommand implements Callable<Integer> {
    @Parameters(paramLabel = "STEP", arity = "0..1", description = "One of: ${COMPLETION-CANDIDATES}")
    Step step;

    @Option(names = "--keys-json", description = "Instead: every step's keys as JSON (step -> dotted key paths), the list the pipeline checks your YAML configs against before any task (assets/config_keys.json).")
    boolean keysJson;

    public enum Step { qc, simulate, train, infer, evaluate }

    @Override
    public Integer call() {
        if (keysJson) {
            if (step != null) throw new ConfigException("--keys-json lists every step; give no STEP with it");
            System.out.print(keysJson());
            return 0;
        }
        if (step == null) throw new ConfigException("give a STEP (one of qc, simulate, train, infer, evaluate); see 'stdeconv config-template --help'");
        var cmd = Main.stepCommands().get(step.name());
        if (cmd == null) throw new ConfigException("config-template: unknown step " + step);
        System.out.print("# stdeconv " + step + " config (stdeconv " + Versions.stdeconv() + ")\n" + ConfigTemplates.template(cmd.configType()));
        return 0;
    }

    /** Every step's key paths, one JSON object, pretty-printed, ending in a newline. */
    static String keysJson() {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        Main.stepCommands().forEach((name, cmd) -> keys.put(name, ConfigTemplates.keyPaths(cmd.configType())));
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(keys) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
