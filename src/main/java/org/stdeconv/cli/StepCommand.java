package org.stdeconv.cli;

import org.stdeconv.config.Configs;
import org.stdeconv.config.StepConfig;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * One pipeline step: reads its typed YAML config (plus --set overrides), which declares every input and output,
 * then runs. Subclasses implement {@link #run}; errors surface as {@link org.stdeconv.StdeconvException}s.
 */
public abstract class StepCommand<C extends StepConfig> implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "FILE.yaml", description = "YAML config of this step (see 'stdeconv config-template STEP').")
    Path configFile;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override one config key (dotted keys for nested values); repeatable.")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--debug", description = "Show stack traces on errors.")
    boolean debug;

    /** The config type, whose fields are the YAML keys. */
    public abstract Class<C> configType();

    protected abstract void run(C config) throws Exception;

    @Override
    public Integer call() throws Exception {
        C config = Configs.load(configType(), configFile, overrides);
        run(config);
        return 0;
    }

    /** The name the effective config is written under next to the outputs, e.g. "qc.config.yaml". */
    protected static String effectiveConfigName(String step) {
        return step + ".config.yaml";
    }
}
