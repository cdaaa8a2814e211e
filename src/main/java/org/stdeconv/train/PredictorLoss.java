package org.stdeconv.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import org.stdeconv.model.AdaptationMode;
import org.stdeconv.model.AuthorsMmdLoss;
import org.stdeconv.model.MultiKernelMmdLoss;
import org.stdeconv.model.ProportionLoss;
import org.stdeconv.model.Scalars;
import org.stdeconv.model.SpatialContrastiveLoss;

import java.util.Arrays;

/**
 * The loss of a predictor step (encoder + proportion head), term by term as the config composes it: the proportion
 * loss (L1 or KL), the contrastive loss on the embedding, and with a target the MMD, the domain classifier behind
 * gradient reversal (joint schedule), self-training and the slide smoothness term. Each term's value goes into its column of the
 * step's measurements. The trainer's loop, optimizers and validation are {@link DeconvTrainer}'s.
 */
final class PredictorLoss {
    private final TrainConfig cfg;
    private final SpatialContrastiveLoss contrastive;
    private final MultiKernelMmdLoss mmd;
    private final AuthorsMmdLoss authorsMmd = new AuthorsMmdLoss();
    private final boolean useContrastive;
    private final boolean useMmd;
    private final boolean useDann;
    private final boolean authors;
    /** Which terms domain_adaptation's composition weights act on (either needs a target). */
    private final boolean mmdByComposition;
    private final boolean lossByComposition;
    private final ProportionLoss proportionLoss;

    private NetworkPasses passes;
    private TrainingArrays arrays;
    /** Present with a target when domain_adaptation.loss_weighting, or mmd_weighting with MMD acting, is composition. */
    private CompositionWeights compositionWeights;
    /** Present when slide_smoothness.weight > 0 and the target has coordinates. */
    private SlideSmoothness smoothness;
    /** Present when self_training.weight > 0 (with a target). */
    private PseudoLabels pseudoLabels;

    /**
     * What a step's terms need decided before autograd records: composition weights, whether the whole target batch
     * passes the network (MMD, DANN), and how many of its first spots self-training acts on (0: not this step).
     */
    record Plan(NDArray spotWeights, boolean mmdNow, boolean wholeTargetBatch, int[] targetRows, int selfTrainingSpots) {
        boolean withTarget() {
            return wholeTargetBatch || selfTrainingSpots > 0;
        }

        /** The target rows that pass the network this step: the whole batch, or only those self-training acts on. */
        int[] passingTargets() {
            return wholeTargetBatch ? targetRows : selfTrainingSpots > 0 ? Arrays.copyOf(targetRows, selfTrainingSpots) : null;
        }
    }

    PredictorLoss(TrainConfig cfg, TrainingData data) {
        this.cfg = cfg;
        ContrastiveSection c = cfg.contrastive;
        this.contrastive = new SpatialContrastiveLoss(c.positiveRadius, c.negativeRadius, c.maxRadius, c.temperature, c.variant);
        this.mmd = new MultiKernelMmdLoss(cfg.domainAdaptation.mmdKernelScales);
        this.useContrastive = c.weight > 0 && data.xy() != null;
        AdaptationMode mode = data.hasTarget() ? cfg.domainAdaptation.mode : AdaptationMode.NONE;
        this.useMmd = mode.usesMmd();
        this.useDann = mode.usesDann();
        this.authors = cfg.domainAdaptation.authorsVariant();
        this.mmdByComposition = cfg.domainAdaptation.weightsMmdByComposition(useMmd);
        this.lossByComposition = data.hasTarget() && cfg.domainAdaptation.lossWeighting == LossWeighting.COMPOSITION;
        this.proportionLoss = cfg.optimization.proportionLoss;
    }

    boolean usesDann() {
        return useDann;
    }

    boolean needsCompositionWeights() {
        return mmdByComposition || lossByComposition;
    }

    /** The network's passes and the training arrays, and the terms' helpers built from them (null where unused). */
    void bind(NetworkPasses passes, TrainingArrays arrays, CompositionWeights compositionWeights, SlideSmoothness smoothness, PseudoLabels pseudoLabels) {
        this.passes = passes;
        this.arrays = arrays;
        this.compositionWeights = compositionWeights;
        this.smoothness = smoothness;
        this.pseudoLabels = pseudoLabels;
    }

    Plan plan(NDManager sm, NDArray y, int[] targetRows, boolean jointDomain) {
        // composition weighting: no MMD (and a uniform loss) until the slide's compositions have been estimated once
        boolean weighted = compositionWeights != null && targetRows != null && compositionWeights.beforeStep();
        NDArray spotWeights = weighted ? compositionWeights.weights(sm, y) : null;
        boolean mmdNow = useMmd && (!mmdByComposition || weighted);
        boolean wholeBatch = targetRows != null && (mmdNow || (useDann && jointDomain));
        int[] selfTraining = targetRows != null && pseudoLabels != null ? pseudoLabels.rowsThisStep(targetRows) : null;
        return new Plan(spotWeights, mmdNow, wholeBatch, targetRows, selfTraining == null ? 0 : selfTraining.length);
    }

    /** The step's total loss for training rows {@code rows} (inputs x, proportions y); call with gradients recorded. */
    NDArray evaluate(NDManager sm, Plan plan, int[] rows, NDArray x, NDArray y, boolean jointDomain, double[] measured) {
        NDArray[] encoded = passes.encode(sm, x, plan.passingTargets());
        NDArray z = encoded[0];
        NDArray p = passes.head(z);
        NDArray total = proportionLoss.evaluate(p, y, lossByComposition ? plan.spotWeights() : null);
        // the mean absolute error is logged whatever the loss: the one figure comparable across runs
        measured[EpochLosses.L1] = (proportionLoss == ProportionLoss.L1 ? total : ProportionLoss.meanAbsoluteError(p, y)).getFloat();
        if (proportionLoss == ProportionLoss.KL) measured[EpochLosses.KL] = total.getFloat();
        if (useContrastive) {
            total = addTerm(total, contrastive.evaluate(z, arrays.coords(sm, rows)), cfg.contrastive.weight, measured, EpochLosses.CONTRASTIVE);
        }
        if (plan.withTarget()) {
            NDArray zt = encoded[1];
            if (plan.mmdNow()) {
                NDArray m = authors
                        ? authorsMmd.evaluate(passes.domain(z).getNDArrayInternal().sigmoid(), passes.domain(zt).getNDArrayInternal().sigmoid())
                        : mmd.evaluate(z, zt, mmdByComposition ? plan.spotWeights() : null);
                total = addTerm(total, m, authors ? 1.0 : cfg.domainAdaptation.mmdWeight, measured, EpochLosses.MMD);
            }
            if (plan.selfTrainingSpots() > 0) {
                int n = plan.selfTrainingSpots();
                NDArray acted = n == zt.getShape().get(0) ? zt : zt.get(new NDIndex("0:{}", n));
                NDArray st = selfTrainingLoss(passes.head(acted), pseudoLabels.of(sm, Arrays.copyOf(plan.targetRows(), n)));
                total = addTerm(total, st, cfg.selfTraining.weight, measured, EpochLosses.SELF_TRAINING);
            }
            if (useDann && jointDomain) {
                NDArray d = passes.domainLoss(sm, z, zt, cfg.domainAdaptation.dannWeight);
                measured[EpochLosses.DOMAIN] = d.getFloat();
                total = total.add(d);
            }
        }
        int[] targetRows = plan.targetRows();
        NDArray s = smoothness != null && targetRows != null ? smoothness.evaluate(sm, targetRows, passes::proportions) : null;
        if (s != null) total = addTerm(total, s, cfg.slideSmoothness.weight, measured, EpochLosses.SMOOTHNESS);
        return total;
    }

    /** Self-training's term: the KL divergence of the proportions {@code predicted} from the soft labels, averaged over spots. */
    static NDArray selfTrainingLoss(NDArray predicted, NDArray labels) {
        return ProportionLoss.KL.evaluate(predicted, labels);
    }

    /** total + weight * term, with the term's value recorded in its column. */
    private static NDArray addTerm(NDArray total, NDArray term, double weight, double[] measured, int column) {
        measured[column] = term.getFloat();
        return total.add(term.mul(Scalars.of(term, weight)));
    }
}
