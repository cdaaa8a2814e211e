package org.stdeconv.train;

import org.stdeconv.StdeconvException;
import org.stdeconv.cli.StepCommand;
import picocli.CommandLine.Command;

@Command(name = "train", mixinStandardHelpOptions = true, description = "Train the ST-deconv model on spots with known proportions.")
public final class TrainCommand extends StepCommand<TrainConfig> {
    @Override
    public Class<TrainConfig> configType() {
        return TrainConfig.class;
    }

    @Override
    protected void run(TrainConfig config) {
        throw new StdeconvException(StdeconvException.INTERNAL, "train: not implemented yet");
    }
}
