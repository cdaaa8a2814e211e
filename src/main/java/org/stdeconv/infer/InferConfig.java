package org.stdeconv.infer;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import org.stdeconv.config.InputPath;
import org.stdeconv.config.OutputPath;
import org.stdeconv.config.Required;
import org.stdeconv.config.StepConfig;

/** Keys of `stdeconv infer`. */
public class InferConfig extends StepConfig {
    @Required @InputPath
    @JsonPropertyDescription("Model folder written by stdeconv train.")
    public String modelDir;

    @Required @InputPath
    @JsonPropertyDescription("Slide to deconvolve.")
    public String slide;

    @Required @OutputPath
    @JsonPropertyDescription("Folder for proportions.tsv and the annotated .h5ad.")
    public String outputDir;
}
