package org.stdeconv.infer;

import org.stdeconv.StdeconvException;
import org.stdeconv.cli.StepCommand;
import picocli.CommandLine.Command;

@Command(name = "infer", mixinStandardHelpOptions = true, description = "Predict cell-type proportions for every spot of a slide.")
public final class InferCommand extends StepCommand<InferConfig> {
    @Override
    public Class<InferConfig> configType() {
        return InferConfig.class;
    }

    @Override
    protected void run(InferConfig config) {
        throw new StdeconvException(StdeconvException.INTERNAL, "infer: not implemented yet");
    }
}
