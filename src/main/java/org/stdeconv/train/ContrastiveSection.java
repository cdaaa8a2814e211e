package org.stdeconv.train;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import org.stdeconv.ConfigException;
import org.stdeconv.config.ConfigSection;
import org.stdeconv.model.ContrastiveVariant;

/** The spatial contrastive loss on the encoder output (needs spot coordinates in the training data). */
public class ContrastiveSection extends ConfigSection {
    /** The paper's weight. */
    static final double PAPER_WEIGHT = 0.01;

    @JsonPropertyDescription("Weight of the contrastive loss; 0 turns it off. Preset paper: 0.01; fast: 0 (beside fast's KL loss it moved no accuracy figure and cost a quarter of the training time; docs/benchmarks/ablation.md, session 12).")
    public Double weight;

    @JsonPropertyDescription("Spots closer than this (coordinate units, paper: spot-grid units) are positives of each other.")
    public double positiveRadius = 2;

    @JsonPropertyDescription("Spots farther than this and closer than max_radius are negatives.")
    public double negativeRadius = 3;

    @JsonPropertyDescription("Outer limit of the negative ring.")
    public double maxRadius = 6;

    @JsonPropertyDescription("Temperature of the InfoNCE similarities (cosine similarity / temperature).")
    public double temperature = 0.1;

    @JsonPropertyDescription("infonce (positives contrasted against negatives; the default) or authors (the published code's formula: reproduction studies only, it rewards collapsed embeddings).")
    public ContrastiveVariant variant = ContrastiveVariant.INFONCE;

    @Override
    public void validate(String source) {
        if (weight != null && !(weight >= 0)) throw new ConfigException(source, "contrastive.weight", "must be >= 0", "0 turns the loss off");
        if (!(positiveRadius > 0)) throw new ConfigException(source, "contrastive.positive_radius", "must be > 0", "paper: 2");
        if (!(negativeRadius >= positiveRadius)) throw new ConfigException(source, "contrastive.negative_radius", "must be >= positive_radius", "paper: 3");
        if (!(maxRadius > negativeRadius)) throw new ConfigException(source, "contrastive.max_radius", "must be > negative_radius", "paper: 6");
        if (!(temperature > 0)) throw new ConfigException(source, "contrastive.temperature", "must be > 0", "e.g. 0.1");
    }
}
