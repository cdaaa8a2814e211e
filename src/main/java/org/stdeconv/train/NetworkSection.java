package org.stdeconv.train;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import org.stdeconv.ConfigException;
import org.stdeconv.config.ConfigSection;

import java.util.ArrayList;
import java.util.List;

/** Layer widths and dropout rates (the paper's architecture by default). */
public class NetworkSection extends ConfigSection {
    @JsonPropertyDescription("Encoder layer widths; the last one is the embedding the contrastive and adaptation losses act on.")
    public List<Integer> encoderWidths = new ArrayList<>(List.of(512, 256));

    @JsonPropertyDescription("Dropout after each encoder layer (one per width).")
    public List<Double> encoderDropouts = new ArrayList<>(List.of(0.0, 0.3));

    @JsonPropertyDescription("Hidden width of the proportion head (embedding -> this -> cell types, softmax).")
    public int headWidth = 128;

    @JsonPropertyDescription("Dropout in the proportion head.")
    public double headDropout = 0.2;

    @JsonPropertyDescription("Hidden width of the domain classifier (embedding -> this -> 1, sigmoid).")
    public int domainWidth = 128;

    @JsonPropertyDescription("Dropout in the domain classifier.")
    public double domainDropout = 0.2;

    @JsonPropertyDescription("0: the encoder reads every gene (the paper). N > 0: a fixed first layer projects the genes onto the training spots' top N principal components, fitted before training and not trained; fewer products per step with thousands of genes. Applies only when the training spots span N directions (more than N spots and genes); otherwise every gene is read. Default: 256 in fast, 0 in paper.")
    public Integer projection;

    @JsonPropertyDescription("What the fixed layer of network.projection keeps: principal_components (the training spots' top N) or cell_types_first "
            + "(the K cell types' profile directions, fitted by least squares on the training spots' true proportions, then the top N - K principal "
            + "components of what they leave; a rare type keeps its direction even where it holds little of the spots' variance; docs/method.md). "
            + "Default: cell_types_first in fast, principal_components in paper.")
    public ProjectionBasis projectionBasis;

    @Override
    public void validate(String source) {
        if (projection != null && projection < 0) throw new ConfigException(source, "network.projection", "must be >= 0", "0 reads every gene; e.g. 128 projects onto 128 principal components");
        if (encoderWidths == null || encoderWidths.isEmpty()) throw new ConfigException(source, "network.encoder_widths", "needs at least one width", "e.g. [512, 256]");
        if (encoderDropouts == null || encoderDropouts.size() != encoderWidths.size()) {
            throw new ConfigException(source, "network.encoder_dropouts", "needs one rate per encoder width (" + encoderWidths.size() + ")", "e.g. [0.0, 0.3]");
        }
        for (int w : encoderWidths) if (w < 1) throw new ConfigException(source, "network.encoder_widths", "widths must be >= 1", "e.g. [512, 256]");
        if (headWidth < 1) throw new ConfigException(source, "network.head_width", "must be >= 1", "e.g. 128");
        if (domainWidth < 1) throw new ConfigException(source, "network.domain_width", "must be >= 1", "e.g. 128");
        for (double d : encoderDropouts) checkRate(source, "network.encoder_dropouts", d);
        checkRate(source, "network.head_dropout", headDropout);
        checkRate(source, "network.domain_dropout", domainDropout);
    }

    static void checkRate(String source, String key, double rate) {
        if (!(rate >= 0 && rate < 1)) throw new ConfigException(source, key, "dropout " + rate + " is outside [0, 1)", "use e.g. 0.2");
    }
}
