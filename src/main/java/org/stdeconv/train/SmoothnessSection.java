package org.stdeconv.train;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import org.stdeconv.ConfigException;
import org.stdeconv.config.ConfigSection;

/** The spatial smoothness loss on the target slide's own neighbourhoods (needs target coordinates). */
public class SmoothnessSection extends ConfigSection {
    @JsonPropertyDescription("Weight of the slide smoothness loss: neighbouring target spots are pulled towards the same proportions, each pair "
            + "as strongly as their expression is alike (docs/method.md); 0 turns it off. Needs a target with obsm['spatial'].")
    public double weight = 0;

    @JsonPropertyDescription("Target spots per training step that are paired with a neighbour (each pair costs a network pass over two spots). Default 32.")
    public int pairs = 32;

    @Override
    public void validate(String source) {
        if (!(weight >= 0)) throw new ConfigException(source, "slide_smoothness.weight", "must be >= 0", "0 turns the loss off");
        if (pairs < 1) throw new ConfigException(source, "slide_smoothness.pairs", "must be >= 1", "e.g. 32");
    }
}
