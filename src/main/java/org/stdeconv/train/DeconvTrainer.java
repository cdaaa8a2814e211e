package org.stdeconv.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import org.stdeconv.InputDataException;
import org.stdeconv.model.AdaptationMode;
import org.stdeconv.model.DeconvNetwork;
import org.stdeconv.model.ModelManifest;
import org.stdeconv.model.ProportionLoss;

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

    /** The step's loss terms as the config composes them. */
    private final PredictorLoss loss;
    private final boolean useDann;
    private final boolean authors;
    private final ProportionLoss proportionLoss;

    private NDManager root;
    private ParameterStore ps;
    private DeconvNetwork net;
    private TrainingArrays arrays;
    private NetworkPasses passes;
    private ParameterGroup predictor, domain;
    private StepBudget budget;
    /** Present when optimization.batch_shards > 1: each batch passes through copies of the network at once. */
    private BatchShards shards;
    /** Self-training's soft labels (self_training.weight > 0, with a target), or null. */
    private PseudoLabels pseudoLabels;
    /** The held-out spots after the fixed first layer, once a validation has needed them (with network.projection). */
    private ProjectedHeldOut projectedHeldOut;
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
        this.loss = new PredictorLoss(cfg, data);
        this.useDann = loss.usesDann();
        this.authors = cfg.domainAdaptation.authorsVariant();
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
        if (o.batchShards > 1) shards = new BatchShards(o.batchShards, threads, net, passes, arrays, root, layout, seed);
        try {
            return cfg.optimization.schedule == Schedule.JOINT ? joint() : alternating();
        } finally {
            if (shards != null) shards.close();
        }
    }

    private void loadArrays() {
        arrays = new TrainingArrays(root, data, layout, cfg.optimization.spotMixing, seed);
        passes = new NetworkPasses(net, ps, arrays);
        CompositionWeights compositionWeights = null;
        if (loss.needsCompositionWeights()) {
            compositionWeights = new CompositionWeights(cfg.domainAdaptation, budget.totalSteps(), data.target().length, seed, this::targetProportions);
        }
        SlideSmoothness smoothness = cfg.slideSmoothness.weight > 0 && data.hasTargetCoordinates()
                ? new SlideSmoothness(TargetNeighbours.of(data.targetSlides(), data.target()), arrays.targetInputs, cfg.slideSmoothness.pairs, seed) : null;
        if (cfg.selfTraining.weight > 0 && data.hasTarget()) {
            pseudoLabels = new PseudoLabels(cfg.selfTraining, budget.totalSteps(), data.target().length, this::targetProportions);
        }
        loss.bind(passes, arrays, compositionWeights, smoothness, pseudoLabels);
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

    /** Encoder + proportion head (and, in the joint schedule with DANN, the domain classifier) on {@link PredictorLoss}. */
    private void predictorStep(int[] rows, int[] targetRows, EpochLosses losses, boolean jointDomain) {
        try (NDManager sm = root.newSubManager()) {
            predictor.zeroGradients();
            domain.zeroGradients();
            double[] measured = EpochLosses.unmeasured();
            if (shards != null) {
                shardedStep(sm, rows, targetRows, measured, losses);
                return;
            }
            NDArray[] batch = arrays.batch(sm, rows);
            NDArray total;
            PredictorLoss.Plan plan = loss.plan(sm, batch[1], targetRows, jointDomain);
            try (ThreadGradients gc = new ThreadGradients()) {
                total = loss.evaluate(sm, plan, rows, batch[0], batch[1], jointDomain, measured);
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

    /**
     * The proportion loss and self-training's term, each a mean over spots, the batch cut into shards (no other term
     * compares spots: TrainConfig checks).
     */
    private void shardedStep(NDManager sm, int[] rows, int[] targetRows, double[] measured, EpochLosses losses) {
        int[] acted = targetRows != null && pseudoLabels != null ? pseudoLabels.rowsThisStep(targetRows) : null;
        BatchShards.SelfTraining selfTraining = acted == null ? null : new BatchShards.SelfTraining(acted, pseudoLabels, cfg.selfTraining.weight);
        double[] terms = shards.step(sm, arrays.draw(rows), proportionLoss, selfTraining, predictor);
        double proportion = terms[0], total = terms[0] + (selfTraining != null ? cfg.selfTraining.weight * terms[2] : 0);
        checkFinite((float) total);
        measured[EpochLosses.L1] = proportionLoss == ProportionLoss.L1 ? proportion : terms[1];
        if (proportionLoss == ProportionLoss.KL) measured[EpochLosses.KL] = proportion;
        if (selfTraining != null) measured[EpochLosses.SELF_TRAINING] = terms[2];
        measured[EpochLosses.TOTAL] = total;
        losses.addMeasured(measured);
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

    /** The network's proportions (eval mode) for these target rows; with shards on every thread, as validation. */
    private float[][] targetProportions(int[] rows) {
        int types = data.cellTypes().size();
        return shards != null ? shards.onAllThreads(() -> HeldOutValidation.proportions(root, ps, net, arrays.targetInputs, rows, types))
                : HeldOutValidation.proportions(root, ps, net, arrays.targetInputs, rows, types);
    }

    /** The network's proportions for the held-out spots, in the order of {@code data.split().heldOut()}. */
    float[][] heldOutPredictions() {
        if (net.projection() == null) return HeldOutValidation.predictions(root, ps, net, arrays.inputs, data);
        // the fixed first layer's outputs are the same every epoch: computed at the first validation, then kept
        if (projectedHeldOut == null) projectedHeldOut = new ProjectedHeldOut(root.newSubManager(), ps, net, arrays.inputs, data.split().heldOut());
        return projectedHeldOut.proportions(root, ps, net, data.cellTypes().size());
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
