package org.stdeconv.qc;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import org.stdeconv.ConfigException;
import org.stdeconv.config.ConfigSection;

/** Keys of the informative gene selection ({@link MarkerSelection}, {@link HighlyVariableGenes}). */
public class GeneSelectionKeys extends ConfigSection {
    @JsonPropertyDescription("Keep genes whose Benjamini-Hochberg q-value is below this for any cell type (the paper uses 0.01).")
    public double qThreshold = 0.01;

    @JsonPropertyDescription("If > 0, keep per cell type only this many significant genes, those with the largest log fold change (0 = every significant gene).")
    public int maxMarkersPerType = 0;

    @JsonPropertyDescription("If > 0, also keep this many highly variable reference genes (normalised dispersion, Seurat style).")
    public int highlyVariable = 0;

    MarkerSelection.Params params() {
        return new MarkerSelection.Params(qThreshold, maxMarkersPerType);
    }

    void check(String source, String prefix) {
        if (!(qThreshold > 0 && qThreshold <= 1)) throw new ConfigException(source, prefix + ".q_threshold", "must be in (0, 1], got " + qThreshold, "the paper uses 0.01");
        if (maxMarkersPerType < 0) throw new ConfigException(source, prefix + ".max_markers_per_type", "must be >= 0, got " + maxMarkersPerType, "use 0 to keep every significant gene");
        if (highlyVariable < 0) throw new ConfigException(source, prefix + ".highly_variable", "must be >= 0, got " + highlyVariable, "use 0 to switch it off");
    }
}
