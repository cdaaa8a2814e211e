package org.stdeconv.qc;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import org.stdeconv.config.InputPath;
import org.stdeconv.config.OutputPath;
import org.stdeconv.config.Required;
import org.stdeconv.config.StepConfig;

/** Keys of `stdeconv qc`. */
public class QcConfig extends StepConfig {
    @Required @InputPath
    @JsonPropertyDescription("Labelled scRNA-seq reference (.h5ad, 10x folder, MatrixMarket folder or CSV/TSV).")
    public String reference;

    @JsonPropertyDescription("obs column of the reference holding the cell type of each cell.")
    public String cellTypeColumn = "cell_type";

    @Required @InputPath
    @JsonPropertyDescription("Spatial slide to deconvolve (same formats).")
    public String slide;

    @Required @OutputPath
    @JsonPropertyDescription("Folder for the filtered reference and slide, genes.tsv, qc.json/tsv, plots and qc.html.")
    public String outputDir;
}
