package org.stdeconv.infer;

import org.stdeconv.step.OutputStage;
import org.stdeconv.step.StepCommand;
import org.stdeconv.io.SpotSource;
import org.stdeconv.io.SpotSources;
import org.stdeconv.model.ModelStore;
import org.stdeconv.model.ProportionModel;
import picocli.CommandLine.Command;

import java.nio.file.Path;

@Command(name = "infer", mixinStandardHelpOptions = true, description = {
        "Predict cell-type proportions for every spot of a slide.",
        "Writes proportions.tsv, intervals.tsv, annotated.h5ad, maps/ (PNG and SVG) and infer.config.yaml into output_dir. Memory stays bounded by batch_size "
                + "for .h5ad slides with CSR or dense X and for Space Ranger .h5 slides (Visium outs, Visium HD bin folders). For huge slides, run chunk: 1/n ... n/n as separate jobs and join them "
                + "with 'stdeconv merge'."})
public final class InferCommand extends StepCommand<InferConfig> {
    @Override
    public Class<InferConfig> configType() {
        return InferConfig.class;
    }

    @Override
    public Object compute(InferConfig config, OutputStage stage) {
        // the slide is opened first: a bad slide is reported before the (slower) model load
        try (SpotSource slide = SpotSources.open(Path.of(config.slide));
             ProportionModel model = loadModel(Path.of(config.modelDir))) {
            Inference.write(config, slide, model, stage);
        }
        return null;
    }

    private static ProportionModel loadModel(Path modelDir) {
        return ModelStore.load(modelDir);
    }
}
