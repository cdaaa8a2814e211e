package org.stdeconv.train;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import org.stdeconv.ConfigException;
import org.stdeconv.config.ConfigSection;
import org.stdeconv.model.AdaptationMode;
import org.stdeconv.model.AdaptationVariant;

import java.util.ArrayList;
import java.util.List;

/** Domain adaptation between training spots and the target slide (only when a target is given). */
public class AdaptationSection extends ConfigSection {
    @JsonPropertyDescription("none, mmd (multi-kernel MMD on encoder features), dann (domain classifier behind gradient reversal) or both. Ignored without a target. Preset fast: none (see docs/method.md); paper: both.")
    public AdaptationMode mode;

    @JsonPropertyDescription("Weight of the MMD term.")
    public double mmdWeight = 0.1;

    @JsonPropertyDescription("Gradient-reversal coefficient: how strongly the encoder is pushed to fool the domain classifier. 0.1 made the alternating schedule collapse on the MOB benchmark (the encoder wins the minimax game), 0.01 was stable.")
    public double dannWeight = 0.01;

    @JsonPropertyDescription("Bandwidth multipliers of the Gaussian kernels, relative to the mean pairwise squared distance of the batch.")
    public List<Double> mmdKernelScales = new ArrayList<>(List.of(0.25, 0.5, 1.0, 2.0, 4.0));

    @JsonPropertyDescription("standard, or authors (reproduction studies only: the published code's 'MMD' on classifier outputs and a domain phase that never updates the encoder).")
    public AdaptationVariant variant = AdaptationVariant.STANDARD;

    @Override
    public void validate(String source) {
        if (!(mmdWeight >= 0)) throw new ConfigException(source, "domain_adaptation.mmd_weight", "must be >= 0", "e.g. 0.1");
        if (!(dannWeight >= 0)) throw new ConfigException(source, "domain_adaptation.dann_weight", "must be >= 0", "e.g. 0.1");
        if (mmdKernelScales == null || mmdKernelScales.isEmpty()) throw new ConfigException(source, "domain_adaptation.mmd_kernel_scales", "needs at least one scale", "e.g. [0.25, 0.5, 1, 2, 4]");
        for (double s : mmdKernelScales) if (!(s > 0)) throw new ConfigException(source, "domain_adaptation.mmd_kernel_scales", "scales must be > 0", "e.g. [0.25, 0.5, 1, 2, 4]");
    }
}
