package org.stdeconv.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import org.stdeconv.InputDataException;
import org.stdeconv.model.AdaptationMode;
import org.stdeconv.model.AdaptationVariant;
import org.stdeconv.model.AuthorsMmdLoss;
import org.stdeconv.model.DeconvNetwork;
import org.stdeconv.model.ModelManifest;
import org.stdeconv.model.MultiKernelMmdLoss;
import org.stdeconv.model.ProportionLoss;
import org.stdeconv.model.Scalars;
import org.stdeconv.model.SpatialContrastiveLoss;

import java.util.ArrayList;
import java.util.List;

/**
 * The training loop: mini-batches of training spots (and, with a target, as many target spots, drawn from all target slides), losses composed
 * as the config says, two Adam optimizers (encoder + proportion head; domain classifier), validation RMSE after
 * each epoch (joint schedule) or round (alternating schedule), early stopping that restores the best parameters.
 * Each step's arrays live in an NDManager sub-manager closed at the end of the step.
 */
public final class DeconvTrainer {
    private final TrainConfig cfg;
    private final TrainingData data;
    private final ModelManifest layout;
    private final TrainingListener listener;
    /** Seeds the batch order and dropout: the config's seed, or an ensemble member's. */
    private final long seed;
    /** Threads this network's training has (Adam's split): the config's, or an ensemble member's share of them. */
    private final int threads;

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

    private NDManager root;
    private ParameterStore ps;
    private DeconvNetwork net;
    private TrainingArrays arrays;
    private NetworkPasses passes;
    private ParameterGroup predictor, domain;
    /** Present when slide_smoothness.weight > 0 and the target has coordinates. */
    private SlideSmoothness smoothness;
    /** Present with a target when domain_adaptation.loss_weighting, or mmd_weighting with MMD acting, is composition. */
    private CompositionWeights compositionWeights;
    private StepBudget budget;
    /** Present when optimization.batch_shards > 1: each batch passes through copies of the network at once. */
    private BatchShards shards;
    /** Parameters at the best validation RMSE so far (when the plateau schedule may stop before the last unit). */
    private List<float[]> best;

    /** The final (or best) epoch's validation RMSE and where training stopped. */
    public record Outcome(double validationRmse, int bestUnit, int unitsRun, boolean stoppedEarly, List<EpochLosses> history) {
        /** The same run reported with another validation RMSE (an ensemble's mean prediction). */
        Outcome withValidationRmse(double rmse) {
            return new Outcome(rmse, bestUnit, unitsRun, stoppedEarly, history);
        }
    }

    DeconvTrainer(TrainConfig cfg, TrainingData data, ModelManifest layout, TrainingListener listener, long seed, int threads) {
        this.seed = seed;
        this.threads = threads;
        this.cfg = cfg;
        this.data = data;
        this.layout = layout;
        this.listener = listener;
        ContrastiveSection c = cfg.contrastive;
        this.contrastive = new SpatialContrastiveLoss(c.positiveRadius, c.negativeRadius, c.maxRadius, c.temperature, c.variant);
        this.mmd = new MultiKernelMmdLoss(cfg.domainAdaptation.mmdKernelScales);
        this.useContrastive = c.weight > 0 && data.xy() != null;
        AdaptationMode mode = data.hasTarget() ? cfg.domainAdaptation.mode : AdaptationMode.NONE;
        this.useMmd = mode.usesMmd();
        this.useDann = mode.usesDann();
        this.authors = cfg.domainAdaptation.variant == AdaptationVariant.AUTHORS;
        this.mmdByComposition = cfg.domainAdaptation.weightsMmdByComposition(useMmd);
        this.lossByComposition = data.hasTarget() && cfg.domainAdaptation.lossWeighting == LossWeighting.COMPOSITION;
        this.proportionLoss = cfg.optimization.proportionLoss;
    }

    public Outcome train(NDManager manager, DeconvNetwork network) {
        this.root = manager;
        this.net = network;
        network.seedDropout(seed);
        this.ps = new ParameterStore(manager, false);
        OptimizationSection o = cfg.optimization;
        float lr = o.learningRate.floatValue();
        budget = new StepBudget(o, data.split().train().length);
        LearningRateShape shape = new LearningRateShape(o.warmupSteps, o.annealing, budget.totalSteps());
        predictor = new ParameterGroup(lr, shape, threads, net.trainedEncoder(), net.head());
        domain = new ParameterGroup(lr, shape, threads, net.domainClassifier());
        loadArrays();
        if (o.batchShards > 1) shards = new BatchShards(o.batchShards, threads, net, ps, root, layout, seed);
        try {
            return cfg.optimization.schedule == Schedule.JOINT ? joint() : alternating();
        } finally {
            if (shards != null) shards.close();
        }
    }

    private void loadArrays() {
        arrays = new TrainingArrays(root, data, layout, cfg.optimization.spotMixing, seed);
        passes = new NetworkPasses(net, ps, arrays);
        if (mmdByComposition || lossByComposition) {
            int types = data.cellTypes().size();
            compositionWeights = new CompositionWeights(cfg.domainAdaptation, budget.totalSteps(), data.target().length, seed,
                    rows -> HeldOutValidation.proportions(root, ps, net, arrays.targetInputs, rows, types));
        }
        if (cfg.slideSmoothness.weight > 0 && data.hasTargetCoordinates()) smoothness = new SlideSmoothness(TargetNeighbours.of(data.targetSlides(), data.target()), arrays.targetInputs, cfg.slideSmoothness.pairs, seed);
    }

    private Outcome joint() {
        OptimizationSection o = cfg.optimization;
        int epochs = budget.jointEpochs();
        BatchOrder batches = new BatchOrder(data.split().train(), budget.batchSize(), seed);
        BatchOrder targetBatches = TargetBatches.of(data, budget.batchSize(), seed + 1);
        PlateauSchedule plateau = new PlateauSchedule(o.earlyStoppingPatience, o.learningRateDecayPatience, o.learningRateDecays);
        List<EpochLosses> history = new ArrayList<>();
        listener.started(epochs, "epoch");
        int epoch = 0;
        for (epoch = 1; epoch <= epochs; epoch++) {
            EpochLosses losses = new EpochLosses(epoch);
            for (int[] b : batches.epoch()) predictorStep(b, targetBatches == null ? null : targetBatches.next(), losses, true);
            if (finishUnit(losses, history, plateau)) break;
        }
        return finish(history, plateau, Math.min(epoch, epochs));
    }

    private Outcome alternating() {
        OptimizationSection o = cfg.optimization;
        BatchOrder batches = new BatchOrder(data.split().train(), budget.batchSize(), seed);
        BatchOrder targetBatches = TargetBatches.of(data, budget.batchSize(), seed + 1);
        PlateauSchedule plateau = new PlateauSchedule(o.earlyStoppingPatience, o.learningRateDecayPatience, o.learningRateDecays);
        List<EpochLosses> history = new ArrayList<>();
        listener.started(o.rounds, "round");
        int round;
        for (round = 1; round <= o.rounds; round++) {
            EpochLosses losses = new EpochLosses(round);
            for (int e = 0; e < o.epochs; e++) {
                for (int[] b : batches.epoch()) predictorStep(b, targetBatches == null ? null : targetBatches.next(), losses, false);
            }
            if (useDann || (authors && data.hasTarget() && cfg.domainAdaptation.mode != AdaptationMode.NONE)) {
                for (int e = 0; e < o.domainEpochs; e++) {
                    for (int[] b : batches.epoch()) domainStep(b, targetBatches.next(), losses);
                }
            }
            if (finishUnit(losses, history, plateau)) break;
        }
        return finish(history, plateau, Math.min(round, o.rounds));
    }

    private boolean finishUnit(EpochLosses losses, List<EpochLosses> history, PlateauSchedule plateau) {
        if (data.hasValidation()) losses.validationRmse = validationRmse();
        losses.learningRate = predictor.learningRate();
        history.add(losses);
        listener.finished(losses);
        if (!data.hasValidation()) return false;
        switch (plateau.offer(losses.epoch, losses.validationRmse)) {
            case IMPROVED -> {
                if (plateau.keepsBest()) best = snapshot();
            }
            case HALVE -> {
                predictor.scaleLearningRate(PlateauSchedule.DECAY_FACTOR);
                domain.scaleLearningRate(PlateauSchedule.DECAY_FACTOR);
            }
            case STOP -> {
                listener.stoppedEarly(losses.epoch, plateau.bestUnit());
                return true;
            }
            case CONTINUE -> { }
        }
        return false;
    }

    private Outcome finish(List<EpochLosses> history, PlateauSchedule plateau, int unitsRun) {
        double rmse = history.isEmpty() ? Double.NaN : history.get(history.size() - 1).validationRmse;
        int bestUnit = unitsRun;
        if (best != null) {
            restore(best);
            rmse = plateau.bestValue();
            bestUnit = plateau.bestUnit();
        }
        return new Outcome(rmse, bestUnit, unitsRun, plateau.stopped(), history);
    }

    /**
     * Encoder + proportion head: the proportion loss (L1 or KL), contrastive on the embedding, and with a target MMD
     * (and, in the joint schedule, the domain classifier behind gradient reversal).
     */
    private void predictorStep(int[] rows, int[] targetRows, EpochLosses losses, boolean jointDomain) {
        try (NDManager sm = root.newSubManager()) {
            predictor.zeroGradients();
            domain.zeroGradients();
            double[] measured = EpochLosses.unmeasured();
            if (shards != null) {
                shardedStep(sm, rows, measured, losses);
                return;
            }
            NDArray[] batch = arrays.batch(sm, rows);
            NDArray x = batch[0], y = batch[1];
            NDArray total;
            // composition weighting: no MMD (and a uniform loss) until the slide's compositions have been estimated once
            boolean weighted = compositionWeights != null && targetRows != null && compositionWeights.beforeStep();
            NDArray spotWeights = weighted ? compositionWeights.weights(sm, y) : null;
            boolean mmdNow = useMmd && (!mmdByComposition || weighted);
            boolean withTarget = targetRows != null && (mmdNow || (useDann && jointDomain));
            try (ThreadGradients gc = new ThreadGradients()) {
                NDArray[] encoded = passes.encode(sm, x, withTarget ? targetRows : null);
                NDArray z = encoded[0];
                NDArray p = passes.head(z);
                total = proportionLoss.evaluate(p, y, lossByComposition ? spotWeights : null);
                // the mean absolute error is logged whatever the loss: the one figure comparable across runs
                measured[EpochLosses.L1] = (proportionLoss == ProportionLoss.L1 ? total : ProportionLoss.meanAbsoluteError(p, y)).getFloat();
                if (proportionLoss == ProportionLoss.KL) measured[EpochLosses.KL] = total.getFloat();
                if (useContrastive) {
                    total = addTerm(total, contrastive.evaluate(z, arrays.coords(sm, rows)), cfg.contrastive.weight, measured, EpochLosses.CONTRASTIVE);
                }
                if (withTarget) {
                    NDArray zt = encoded[1];
                    if (mmdNow) {
                        NDArray m = authors
                                ? authorsMmd.evaluate(passes.domain(z).getNDArrayInternal().sigmoid(), passes.domain(zt).getNDArrayInternal().sigmoid())
                                : mmd.evaluate(z, zt, mmdByComposition ? spotWeights : null);
                        total = addTerm(total, m, authors ? 1.0 : cfg.domainAdaptation.mmdWeight, measured, EpochLosses.MMD);
                    }
                    if (useDann && jointDomain) {
                        NDArray d = passes.domainLoss(sm, z, zt, cfg.domainAdaptation.dannWeight);
                        measured[EpochLosses.DOMAIN] = d.getFloat();
                        total = total.add(d);
                    }
                }
                NDArray s = smoothness != null && targetRows != null ? smoothness.evaluate(sm, targetRows, passes::proportions) : null;
                if (s != null) total = addTerm(total, s, cfg.slideSmoothness.weight, measured, EpochLosses.SMOOTHNESS);
                gc.backward(total);
                predictor.gradientsWritten();
                domain.gradientsWritten();
            }
            float t = total.getFloat();
            checkFinite(t);
            predictor.step();
            if (useDann && jointDomain && targetRows != null) domain.step();
            measured[EpochLosses.TOTAL] = t;
            losses.addMeasured(measured);
        }
    }

    /** The proportion loss alone, its batch cut into shards (no other term compares spots: TrainConfig checks). */
    private void shardedStep(NDManager sm, int[] rows, double[] measured, EpochLosses losses) {
        double[] lossAndError = shards.step(sm, arrays.draw(rows), proportionLoss, predictor);
        checkFinite((float) lossAndError[0]);
        measured[EpochLosses.L1] = lossAndError[proportionLoss == ProportionLoss.L1 ? 0 : 1];
        if (proportionLoss == ProportionLoss.KL) measured[EpochLosses.KL] = lossAndError[0];
        measured[EpochLosses.TOTAL] = lossAndError[0];
        losses.addMeasured(measured);
    }

    /** total + weight * term, with the term's value recorded in its column. */
    private static NDArray addTerm(NDArray total, NDArray term, double weight, double[] measured, int column) {
        measured[column] = term.getFloat();
        return total.add(term.mul(Scalars.of(term, weight)));
    }

    /**
     * Domain phase of the alternating schedule. Standard: DANN proper: the classifier learns, and the encoder and
     * head minimise the proportion loss plus the reversed domain loss (the task loss keeps anchoring the encoder;
     * updating the encoder on the reversed domain loss alone, with Adam's normalised steps, wipes out what the
     * predictor phase learnt).
     * Authors' variant: only the classifier learns, on frozen encoder features.
     */
    private void domainStep(int[] rows, int[] targetRows, EpochLosses losses) {
        try (NDManager sm = root.newSubManager()) {
            predictor.zeroGradients();
            domain.zeroGradients();
            NDArray d;
            NDArray total;
            boolean reverse = !authors;
            try (ThreadGradients gc = new ThreadGradients()) {
                NDArray[] plain = arrays.plain(sm, rows);
                NDArray[] encoded = passes.encode(sm, plain[0], targetRows);
                NDArray z = encoded[0], zt = encoded[1];
                d = passes.domainLoss(sm, z, zt, reverse ? cfg.domainAdaptation.dannWeight : -1);
                total = d;
                if (reverse) total = total.add(proportionLoss.evaluate(passes.head(z), plain[1]));
                gc.backward(total);
                predictor.gradientsWritten();
                domain.gradientsWritten();
            }
            float v = d.getFloat();
            checkFinite(total.getFloat());
            domain.step();
            if (reverse) predictor.step();
            losses.add(EpochLosses.DOMAIN, v);
        }
    }

    private static void checkFinite(float loss) {
        if (!Float.isFinite(loss)) {
            throw new InputDataException(null, "training", "the loss became " + loss + "; no model was written",
                    "lower optimization.learning_rate, or check the training data for extreme or broken values");
        }
    }

    /** RMSE over all held-out spots and cell types (eval mode: no dropout). */
    double validationRmse() {
        return HeldOutValidation.rmse(data, shards != null ? shards.onAllThreads(this::heldOutPredictions) : heldOutPredictions());
    }

    /** The network's proportions for the held-out spots, in the order of {@code data.split().heldOut()}. */
    float[][] heldOutPredictions() {
        return HeldOutValidation.predictions(root, ps, net, arrays.inputs, data);
    }

    private List<float[]> snapshot() {
        List<float[]> all = new ArrayList<>(predictor.snapshot());
        all.addAll(domain.snapshot());
        return all;
    }

    private void restore(List<float[]> values) {
        int np = predictor.size();
        predictor.restore(values.subList(0, np));
        domain.restore(values.subList(np, values.size()));
    }
}
