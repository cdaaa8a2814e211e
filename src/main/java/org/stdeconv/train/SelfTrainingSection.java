package org.stdeconv.train;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import org.stdeconv.ConfigException;
import org.stdeconv.config.ConfigSection;

/** Self-training on the target slide: the network's own earlier proportions for its spots as soft labels. */
public class SelfTrainingSection extends ConfigSection {
    @JsonPropertyDescription("Weight of the self-training term: the KL divergence of the network's training-mode proportions for target spots from "
            + "its own eval-mode proportions for them, taken at intervals (docs/method.md); 0 turns it off. Needs a target.")
    public double weight = 0;

    @JsonPropertyDescription("Fraction of the predictor steps after which the target spots' proportions are first taken and the term starts (the network's answers are not worth learning from before).")
    public double start = 0.5;

    @JsonPropertyDescription("The soft labels are taken again every this fraction of the predictor steps.")
    public double every = 0.1;

    @JsonPropertyDescription("Sharpening of the soft labels: each proportion raised to 1 / temperature and renormalised; 1 keeps them as predicted, below 1 makes them purer.")
    public double temperature = 1;

    @JsonPropertyDescription("Target spots per step the term acts on (at most the batch size).")
    public int spots = 64;

    @Override
    public void validate(String source) {
        if (!(weight >= 0) || !Double.isFinite(weight)) throw new ConfigException(source, "self_training.weight", "must be a number >= 0", "0 turns it off; e.g. 0.3");
        if (!(start >= 0 && start < 1)) throw new ConfigException(source, "self_training.start", "must be in [0, 1)", "e.g. 0.5 (half of the steps)");
        if (!(every > 0 && every <= 1)) throw new ConfigException(source, "self_training.every", "must be in (0, 1]", "e.g. 0.1");
        if (!(temperature > 0) || !Double.isFinite(temperature)) throw new ConfigException(source, "self_training.temperature", "must be a number > 0", "1 keeps the labels as predicted");
        if (spots < 1) throw new ConfigException(source, "self_training.spots", "must be >= 1", "e.g. 64");
    }
}
