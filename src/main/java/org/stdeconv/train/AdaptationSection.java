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

    @JsonPropertyDescription("marginal (every training spot counts equally in the MMD term) or composition (each training spot of a batch is weighted by how many slide spots the network currently predicts to have a composition like its own, re-estimated as training goes; the MMD term starts with the first estimate). Only with mode mmd or both and variant standard. See docs/method.md.")
    public MmdWeighting mmdWeighting = MmdWeighting.MARGINAL;

    @JsonPropertyDescription("uniform (every training spot counts equally in the proportion loss) or composition (each training spot of a batch is weighted by how many slide spots the network currently predicts to have a composition like its own: the importance weight that corrects the loss for label shift). Works with any mode; needs a target; uses the weighting_* settings below. See docs/method.md.")
    public LossWeighting lossWeighting = LossWeighting.UNIFORM;

    @JsonPropertyDescription("composition weighting: fraction of the optimizer steps after which the slide's compositions are first estimated and the MMD term starts (the network's predictions are meaningless before it has learnt anything).")
    public double weightingStart = 0.25;

    @JsonPropertyDescription("composition weighting: the estimate is renewed every this fraction of the optimizer steps.")
    public double weightingEvery = 0.1;

    @JsonPropertyDescription("composition weighting: largest weight of one training spot relative to the batch mean (1); bounds how few spots carry the MMD term.")
    public double weightingMax = 5;

    @Override
    public void validate(String source) {
        if (!(mmdWeight >= 0)) throw new ConfigException(source, "domain_adaptation.mmd_weight", "must be >= 0", "e.g. 0.1");
        if (!(dannWeight >= 0)) throw new ConfigException(source, "domain_adaptation.dann_weight", "must be >= 0", "e.g. 0.1");
        if (mmdKernelScales == null || mmdKernelScales.isEmpty()) throw new ConfigException(source, "domain_adaptation.mmd_kernel_scales", "needs at least one scale", "e.g. [0.25, 0.5, 1, 2, 4]");
        for (double s : mmdKernelScales) if (!(s > 0)) throw new ConfigException(source, "domain_adaptation.mmd_kernel_scales", "scales must be > 0", "e.g. [0.25, 0.5, 1, 2, 4]");
        if (lossWeighting == null) throw new ConfigException(source, "domain_adaptation.loss_weighting", "must be uniform or composition", "uniform is the plain loss");
        if (mmdWeighting == null) throw new ConfigException(source, "domain_adaptation.mmd_weighting", "must be marginal or composition", "marginal is the plain MMD");
        if (!(weightingStart >= 0 && weightingStart < 1)) throw new ConfigException(source, "domain_adaptation.weighting_start", "must be in [0, 1)", "e.g. 0.25 (a quarter of the steps)");
        if (!(weightingEvery > 0 && weightingEvery <= 1)) throw new ConfigException(source, "domain_adaptation.weighting_every", "must be in (0, 1]", "e.g. 0.1");
        if (!(weightingMax >= 1)) throw new ConfigException(source, "domain_adaptation.weighting_max", "must be >= 1", "e.g. 5");
        if (mmdWeighting == MmdWeighting.COMPOSITION) {
            if (variant == AdaptationVariant.AUTHORS) throw new ConfigException(source, "domain_adaptation.mmd_weighting", "composition does not apply to variant authors (its 'MMD' acts on classifier outputs)", "use variant: standard");
        }
    }

    /**
     * The authors' code's variant: its "MMD" compares the domain classifier's outputs, and its domain phase reverses no
     * gradient into the encoder (docs/method.md, defects 1 and 2).
     */
    boolean authorsVariant() {
        return variant == AdaptationVariant.AUTHORS;
    }

    /** Whether the MMD term, where it acts ({@code mmdActs}), weights the training spots by composition. */
    boolean weightsMmdByComposition(boolean mmdActs) {
        return mmdActs && variant == AdaptationVariant.STANDARD && mmdWeighting == MmdWeighting.COMPOSITION;
    }

    /**
     * After the preset has filled {@code mode}: composition weighting needs something to weight and a slide to
     * weigh it by: an MMD term for mmd_weighting, a target for loss_weighting.
     */
    void requireWhatWeightingNeeds(String source, boolean hasTarget) {
        if (mmdWeighting == MmdWeighting.COMPOSITION && !mode.usesMmd()) {
            throw new ConfigException(source, "domain_adaptation.mmd_weighting", "composition weights the MMD term, but mode is " + mode, "set domain_adaptation.mode: mmd (or both)");
        }
        if (lossWeighting == LossWeighting.COMPOSITION && !hasTarget) {
            throw new ConfigException(source, "domain_adaptation.loss_weighting", "composition weights the loss by the target slide's compositions, but no target is given", "set target: slide.h5ad, or loss_weighting: uniform");
        }
    }
}
