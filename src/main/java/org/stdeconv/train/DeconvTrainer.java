package org.stdeconv.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.stdeconv.InputDataException;
import org.stdeconv.data.InputTransform;
import org.stdeconv.model.AdaptationMode;
import org.stdeconv.model.AdaptationVariant;
import org.stdeconv.model.AuthorsMmdLoss;
import org.stdeconv.model.DeconvNetwork;
import org.stdeconv.model.GradientReversal;
import org.stdeconv.model.LogisticLoss;
import org.stdeconv.model.ModelManifest;
import org.stdeconv.model.MultiKernelMmdLoss;
import org.stdeconv.model.NetworkInput;
import org.stdeconv.model.Scalars;
import org.stdeconv.model.SpatialContrastiveLoss;

import java.util.ArrayList;
import java.util.List;

/**
 * The training loop: mini-batches of training spots (and, with a target, as many target spots), losses composed
 * as the config says, two Adam optimizers (encoder + proportion head; domain classifier), validation RMSE after
 * each epoch (joint schedule) or round (alternating schedule), early stopping that restores the best parameters.
 * Each step's arrays live in an NDManager sub-manager closed at the end of the step.
 */
public final class DeconvTrainer {
    private final TrainConfig cfg;
    private final TrainingData data;
    private final ModelManifest layout;
    private final TrainingListener listener;
    /** Seeds the batch order: the config's seed, or an ensemble member's. */
    private final long seed;

    private final SpatialContrastiveLoss contrastive;
    private final MultiKernelMmdLoss mmd;
    private final AuthorsMmdLoss authorsMmd = new AuthorsMmdLoss();
    private final boolean useContrastive;
    private final boolean useMmd;
    private final boolean useDann;
    private final boolean authors;

    private NDManager root;
    private ParameterStore ps;
    private DeconvNetwork net;
    private NDArray inputs, truth, coords, targetInputs;
    private ParameterGroup predictor, domain;
    /** Present when optimization.spot_mixing is on. */
    private SpotMixer mixer;
    /** Parameters at the best validation RMSE so far (when the plateau schedule may stop before the last unit). */
    private List<float[]> best;

    /** The final (or best) epoch's validation RMSE and where training stopped. */
    public record Outcome(double validationRmse, int bestUnit, int unitsRun, boolean stoppedEarly, List<EpochLosses> history) {
        /** The same run reported with another validation RMSE (an ensemble's mean prediction). */
        Outcome withValidationRmse(double rmse) {
            return new Outcome(rmse, bestUnit, unitsRun, stoppedEarly, history);
        }
    }

    DeconvTrainer(TrainConfig cfg, TrainingData data, ModelManifest layout, TrainingListener listener, long seed) {
        this.seed = seed;
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
    }

    public Outcome train(NDManager manager, DeconvNetwork network) {
        this.root = manager;
        this.net = network;
        this.ps = new ParameterStore(manager, false);
        float lr = cfg.optimization.learningRate.floatValue();
        int warmup = cfg.optimization.warmupSteps;
        predictor = new ParameterGroup(lr, warmup, net.encoder(), net.head());
        domain = new ParameterGroup(lr, warmup, net.domainClassifier());
        loadArrays();
        return cfg.optimization.schedule == Schedule.JOINT ? joint() : alternating();
    }

    private void loadArrays() {
        int n = data.x().length;
        int width = layout.network.inputSize;
        inputs = root.create(NetworkInput.flatten(data.x(), data.xy(), layout), new Shape(n, width));
        int k = data.cellTypes().size();
        float[] y = new float[n * k];
        for (int i = 0; i < n; i++) for (int j = 0; j < k; j++) y[i * k + j] = (float) data.y()[i][j];
        truth = root.create(y, new Shape(n, k));
        if (data.xy() != null) {
            float[] c = new float[n * 2];
            for (int i = 0; i < n; i++) {
                c[2 * i] = (float) data.xy()[i][0];
                c[2 * i + 1] = (float) data.xy()[i][1];
            }
            coords = root.create(c, new Shape(n, 2));
        }
        if (cfg.optimization.spotMixing) {
            boolean log = layout.inputTransform.kind == InputTransform.Kind.LOG1P_CP10K;
            mixer = new SpotMixer(inputs, truth, layout.genes.size(), log, seed);
        }
        if (data.hasTarget()) {
            int m = data.target().length;
            targetInputs = root.create(NetworkInput.flatten(data.target(), data.targetXy(), layout), new Shape(m, width));
        }
    }

    private Outcome joint() {
        OptimizationSection o = cfg.optimization;
        BatchOrder batches = new BatchOrder(data.split().train(), o.batchSize, seed);
        BatchOrder targetBatches = data.hasTarget() ? new BatchOrder(range(data.target().length), o.batchSize, seed + 1) : null;
        PlateauSchedule plateau = new PlateauSchedule(o.earlyStoppingPatience, o.learningRateDecayPatience, o.learningRateDecays);
        List<EpochLosses> history = new ArrayList<>();
        listener.started(o.epochs, "epoch");
        int epoch = 0;
        for (epoch = 1; epoch <= o.epochs; epoch++) {
            EpochLosses losses = new EpochLosses(epoch);
            for (int[] b : batches.epoch()) predictorStep(b, targetBatches == null ? null : targetBatches.next(), losses, true);
            if (finishUnit(losses, history, plateau)) break;
        }
        return finish(history, plateau, Math.min(epoch, o.epochs));
    }

    private Outcome alternating() {
        OptimizationSection o = cfg.optimization;
        BatchOrder batches = new BatchOrder(data.split().train(), o.batchSize, seed);
        BatchOrder targetBatches = data.hasTarget() ? new BatchOrder(range(data.target().length), o.batchSize, seed + 1) : null;
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
     * Encoder + proportion head: L1 on proportions, contrastive on the embedding, and with a target MMD (and, in
     * the joint schedule, the domain classifier behind gradient reversal).
     */
    private void predictorStep(int[] rows, int[] targetRows, EpochLosses losses, boolean jointDomain) {
        try (NDManager sm = root.newSubManager()) {
            predictor.zeroGradients();
            domain.zeroGradients();
            NDArray idx = sm.create(rows);
            NDArray x, y;
            if (mixer != null) {
                NDArray[] mixed = mixer.batch(sm, rows);
                x = mixed[0];
                y = mixed[1];
            } else {
                x = inputs.get(sm, new NDIndex("{}", idx));
                y = truth.get(sm, new NDIndex("{}", idx));
            }
            double l1Value, cValue = Double.NaN, mValue = Double.NaN, dValue = Double.NaN;
            NDArray total;
            boolean withTarget = targetRows != null && (useMmd || (useDann && jointDomain));
            try (GradientCollector gc = root.getEngine().newGradientCollector()) {
                NDArray[] encoded = encode(sm, x, withTarget ? targetRows : null);
                NDArray z = encoded[0];
                NDArray p = forward(net.head(), z);
                NDArray l1 = p.sub(y).abs().mean();
                total = l1;
                l1Value = l1.getFloat();
                if (useContrastive) {
                    NDArray xy = coords.get(sm, new NDIndex("{}", idx));
                    NDArray c = contrastive.evaluate(z, xy);
                    cValue = c.getFloat();
                    total = total.add(c.mul(Scalars.of(c, cfg.contrastive.weight)));
                }
                if (withTarget) {
                    NDArray zt = encoded[1];
                    if (useMmd) {
                        NDArray m = authors
                                ? authorsMmd.evaluate(forward(net.domainClassifier(), z).getNDArrayInternal().sigmoid(), forward(net.domainClassifier(), zt).getNDArrayInternal().sigmoid())
                                : mmd.evaluate(z, zt);
                        mValue = m.getFloat();
                        total = total.add(m.mul(Scalars.of(m, authors ? 1.0 : cfg.domainAdaptation.mmdWeight)));
                    }
                    if (useDann && jointDomain) {
                        NDArray d = domainLoss(sm, z, zt, true);
                        dValue = d.getFloat();
                        total = total.add(d);
                    }
                }
                gc.backward(total);
                predictor.gradientsWritten();
                domain.gradientsWritten();
            }
            float t = total.getFloat();
            checkFinite(t);
            predictor.step();
            if (useDann && jointDomain && targetRows != null) domain.step();
            losses.add(EpochLosses.TOTAL, t);
            losses.add(EpochLosses.L1, l1Value);
            if (!Double.isNaN(cValue)) losses.add(EpochLosses.CONTRASTIVE, cValue);
            if (!Double.isNaN(mValue)) losses.add(EpochLosses.MMD, mValue);
            if (!Double.isNaN(dValue)) losses.add(EpochLosses.DOMAIN, dValue);
        }
    }

    /**
     * Domain phase of the alternating schedule. Standard: DANN proper: the classifier learns, and the encoder and
     * head minimise L1 plus the reversed domain loss (the task loss keeps anchoring the encoder; updating the encoder
     * on the reversed domain loss alone, with Adam's normalised steps, wipes out what the predictor phase learnt).
     * Authors' variant: only the classifier learns, on frozen encoder features.
     */
    private void domainStep(int[] rows, int[] targetRows, EpochLosses losses) {
        try (NDManager sm = root.newSubManager()) {
            predictor.zeroGradients();
            domain.zeroGradients();
            NDArray d;
            NDArray total;
            boolean reverse = !authors;
            try (GradientCollector gc = root.getEngine().newGradientCollector()) {
                NDArray idx = sm.create(rows);
                NDArray[] encoded = encode(sm, inputs.get(sm, new NDIndex("{}", idx)), targetRows);
                NDArray z = encoded[0], zt = encoded[1];
                d = domainLoss(sm, z, zt, reverse);
                total = d;
                if (reverse) total = total.add(forward(net.head(), z).sub(truth.get(sm, new NDIndex("{}", idx))).abs().mean());
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

    /** Binary cross-entropy of the domain classifier (training spots = 1, target = 0); reversal or a frozen encoder. */
    private NDArray domainLoss(NDManager sm, NDArray z, NDArray zt, boolean reverse) {
        NDArray pooled = z.concat(zt, 0);
        NDArray in = reverse ? GradientReversal.apply(pooled, (float) cfg.domainAdaptation.dannWeight) : pooled.stopGradient();
        NDArray logits = forward(net.domainClassifier(), in);
        long n = z.getShape().get(0), m = zt.getShape().get(0);
        NDArray labels = sm.ones(new Shape(n, 1)).concat(sm.zeros(new Shape(m, 1)), 0);
        return LogisticLoss.withLogits(logits, labels);
    }

    /**
     * Encoder features of training spots {@code x} and, with {@code targetRows}, of those target spots, from one
     * pass over both: the 3000-gene input layer's product and weight gradient then cost one matrix operation each
     * instead of two (about 6 ms of a 25 ms paper-preset step).
     */
    private NDArray[] encode(NDManager sm, NDArray x, int[] targetRows) {
        if (targetRows == null) return new NDArray[]{forward(net.encoder(), x), null};
        long n = x.getShape().get(0);
        NDArray xt = targetInputs.get(sm, new NDIndex("{}", sm.create(targetRows)));
        NDArray both = forward(net.encoder(), x.concat(xt, 0));
        return new NDArray[]{both.get(new NDIndex("0:{}", n)), both.get(new NDIndex("{}:", n))};
    }

    private NDArray forward(ai.djl.nn.Block block, NDArray x) {
        return block.forward(ps, new NDList(x), true).singletonOrThrow();
    }

    private static void checkFinite(float loss) {
        if (!Float.isFinite(loss)) {
            throw new InputDataException(null, "training", "the loss became " + loss + "; no model was written",
                    "lower optimization.learning_rate, or check the training data for extreme or broken values");
        }
    }

    /** RMSE over all held-out spots and cell types (eval mode: no dropout). */
    double validationRmse() {
        return heldOutRmse(data, heldOutPredictions());
    }

    /** The network's proportions for the held-out spots, in the order of {@code data.split().heldOut()}. */
    float[][] heldOutPredictions() {
        int[] rows = data.split().heldOut();
        int k = data.cellTypes().size();
        float[][] out = new float[rows.length][k];
        for (int s = 0; s < rows.length; s += 1024) {
            int[] chunk = java.util.Arrays.copyOfRange(rows, s, Math.min(rows.length, s + 1024));
            try (NDManager sm = root.newSubManager()) {
                NDArray x = inputs.get(sm, new NDIndex("{}", sm.create(chunk)));
                float[] p = net.forward(ps, new NDList(x), false).singletonOrThrow().toFloatArray();
                for (int i = 0; i < chunk.length; i++) System.arraycopy(p, i * k, out[s + i], 0, k);
            }
        }
        return out;
    }

    /** RMSE of predictions for the held-out spots (rows in the order of {@code data.split().heldOut()}). */
    static double heldOutRmse(TrainingData data, float[][] predictions) {
        int[] rows = data.split().heldOut();
        int k = data.cellTypes().size();
        double sum = 0;
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < k; j++) {
                double e = predictions[i][j] - data.y()[rows[i]][j];
                sum += e * e;
            }
        }
        return Math.sqrt(sum / ((double) rows.length * k));
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

    private static int[] range(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = i;
        return a;
    }
}
