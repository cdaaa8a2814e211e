package org.stdeconv.cli;

import org.stdeconv.ConfigException;
import org.stdeconv.Versions;
import org.stdeconv.config.ConfigTemplates;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

@Command(name = "config-template", mixinStandardHelpOptions = true,
        description = "Print an annotated YAML config with every key of STEP and its default.")
public final class ConfigTemplateCommand implements Callable<Integer> {
    @Parameters(paramLabel = "STEP", description = "One of: ${COMPLETION-CANDIDATES}")
    Step step;

    public enum Step { qc, simulate, train, infer, evaluate }

    @Override
    public Integer call() {
        var cmd = Main.stepCommands().get(step.name());
        if (cmd == null) throw new ConfigException("config-template: unknown step " + step);
        System.out.print("# stdeconv " + step + " config (stdeconv " + Versions.stdeconv() + ")\n" + ConfigTemplates.template(cmd.configType()));
        return 0;
    }
}
