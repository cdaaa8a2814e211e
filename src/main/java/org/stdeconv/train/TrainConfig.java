package org.stdeconv.train;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import org.stdeconv.config.InputPath;
import org.stdeconv.config.OutputPath;
import org.stdeconv.config.Required;
import org.stdeconv.config.StepConfig;

/** Keys of `stdeconv train`. */
public class TrainConfig extends StepConfig {
    @Required @InputPath
    @JsonPropertyDescription("Spots with known proportions (obs columns true_<type>), e.g. simulate output.")
    public String trainingData;

    @InputPath
    @JsonPropertyDescription("Optional real slide (unlabelled) for domain adaptation.")
    public String target;

    @Required @OutputPath
    @JsonPropertyDescription("Folder for the trained model (parameters + model.yaml).")
    public String modelDir;

    @JsonPropertyDescription("Settings bundle: fast (default) or paper (the authors schedule).")
    public String preset = "fast";

    @JsonPropertyDescription("Random seed: with the same thread count, the same seed gives identical parameters.")
    public long seed = 1;
}
