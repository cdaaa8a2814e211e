package org.stdeconv.simulate;

import org.stdeconv.StdeconvException;
import org.stdeconv.cli.StepCommand;
import picocli.CommandLine.Command;

@Command(name = "simulate", mixinStandardHelpOptions = true, description = "Simulate pseudo-spots with known cell-type proportions from a labelled reference.")
public final class SimulateCommand extends StepCommand<SimulateConfig> {
    @Override
    public Class<SimulateConfig> configType() {
        return SimulateConfig.class;
    }

    @Override
    protected void run(SimulateConfig config) {
        throw new StdeconvException(StdeconvException.INTERNAL, "simulate: not implemented yet");
    }
}
