package org.stdeconv.train;

import org.stdeconv.step.OutputStage;
import org.stdeconv.step.StepCommand;
import picocli.CommandLine.Command;

@Command(name = "train", mixinStandardHelpOptions = true, description = {
        "Train the ST-deconv model on spots with known proportions (true_<type> columns), optionally adapting to a target slide.",
        "Writes model_dir/: parameters.bin, model.yaml (all infer needs), training_metrics.tsv, loss_curve.png, train.config.yaml."})
public final class TrainCommand extends StepCommand<TrainConfig> {
    @Override
    public Class<TrainConfig> configType() {
        return TrainConfig.class;
    }

    @Override
    public Object compute(TrainConfig config, OutputStage stage) {
        return TrainRun.train(config, stage);
    }
}
