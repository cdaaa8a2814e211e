package org.stdeconv.step;

import org.stdeconv.config.Configs;
import org.stdeconv.config.StepConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * One pipeline step on the command line: reads its typed YAML config (plus --set overrides), which declares every
 * input and output, and runs it in the {@link StepFrame}. Subclasses say which config they take and compute into the
 * stage the frame opened; errors surface as {@link org.stdeconv.StdeconvException}s.
 */
public abstract class StepCommand<C extends StepConfig> implements Callable<Integer>, Step<C, Object> {
    @Option(names = "--config", paramLabel = "FILE.yaml", description = "YAML config of this step (see 'stdeconv config-template STEP').")
    Path configFile;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override one config key (dotted keys for nested values); repeatable.")
    List<String> overrides = new ArrayList<>();


    /** The config type, whose fields are the YAML keys. */
    public abstract Class<C> configType();

    /** The step's name (its subcommand), which also names its effective config file. */
    public final String stepName() {
        return getClass().getAnnotation(Command.class).name();
    }

    @Override
    public Integer call() {
        C config = Configs.load(configType(), configFile, overrides);
        StepFrame.run(stepName(), config, this);
        return 0;
    }
}
