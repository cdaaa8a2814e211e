package org.stdeconv.qc;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import org.stdeconv.ConfigException;
import org.stdeconv.config.ConfigSection;

/** Per-observation (cell or spot) thresholds; an observation is kept when it passes all three. */
public class ObservationFilters extends ConfigSection {
    @JsonPropertyDescription("Minimum total counts.")
    public double minCounts;

    @JsonPropertyDescription("Minimum number of detected genes (non-zero counts).")
    public int minGenes;

    @JsonPropertyDescription("Maximum fraction of counts in mitochondrial genes (1 = no limit).")
    public double maxMitoFraction = 1.0;

    public ObservationFilters() {
    }

    public ObservationFilters(double minCounts, int minGenes, double maxMitoFraction) {
        this.minCounts = minCounts;
        this.minGenes = minGenes;
        this.maxMitoFraction = maxMitoFraction;
    }

    void check(String source, String prefix) {
        if (!(minCounts >= 0)) throw new ConfigException(source, prefix + ".min_counts", "must be >= 0, got " + minCounts, "use 0 to switch the filter off");
        if (minGenes < 0) throw new ConfigException(source, prefix + ".min_genes", "must be >= 0, got " + minGenes, "use 0 to switch the filter off");
        if (!(maxMitoFraction >= 0 && maxMitoFraction <= 1)) {
            throw new ConfigException(source, prefix + ".max_mito_fraction", "must be between 0 and 1, got " + maxMitoFraction, "use 1 to switch the filter off");
        }
    }
}
