package org.stdeconv.evaluate;

import org.stdeconv.StdeconvException;
import org.stdeconv.cli.StepCommand;
import picocli.CommandLine.Command;

@Command(name = "evaluate", mixinStandardHelpOptions = true, description = "Measure accuracy against truth or biology on real tissue; write an HTML report.")
public final class EvaluateCommand extends StepCommand<EvaluateConfig> {
    @Override
    public Class<EvaluateConfig> configType() {
        return EvaluateConfig.class;
    }

    @Override
    protected void run(EvaluateConfig config) {
        throw new StdeconvException(StdeconvException.INTERNAL, "evaluate: not implemented yet");
    }
}
