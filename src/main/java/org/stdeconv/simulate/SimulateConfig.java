package org.stdeconv.simulate;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import org.stdeconv.config.InputPath;
import org.stdeconv.config.OutputPath;
import org.stdeconv.config.Required;
import org.stdeconv.config.StepConfig;

/** Keys of `stdeconv simulate`. */
public class SimulateConfig extends StepConfig {
    @Required @InputPath
    @JsonPropertyDescription("Labelled scRNA-seq reference (.h5ad or another supported format), usually qc output.")
    public String reference;

    @JsonPropertyDescription("obs column of the reference holding the cell type of each cell.")
    public String cellTypeColumn = "cell_type";

    @Required @OutputPath
    @JsonPropertyDescription("The simulated spots (.h5ad with true_<type> obs columns).")
    public String output;

    @JsonPropertyDescription("Number of pseudo-spots to simulate.")
    public int nSpots = 10000;

    @JsonPropertyDescription("Random seed: the same seed gives the same bytes.")
    public long seed = 1;
}
