package org.stdeconv.evaluate;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import org.stdeconv.config.InputPath;
import org.stdeconv.config.OutputPath;
import org.stdeconv.config.Required;
import org.stdeconv.config.StepConfig;

/** Keys of `stdeconv evaluate`. */
public class EvaluateConfig extends StepConfig {
    @Required @InputPath
    @JsonPropertyDescription("Predicted proportions (infer output: proportions.tsv or its .h5ad).")
    public String predictions;

    @InputPath
    @JsonPropertyDescription("Ground truth: .h5ad with true_<type> obs columns, a proportions table, or the annotated slide.")
    public String truth;

    @Required @OutputPath
    @JsonPropertyDescription("Folder for metrics.json/tsv, plots and report.html.")
    public String outputDir;
}
