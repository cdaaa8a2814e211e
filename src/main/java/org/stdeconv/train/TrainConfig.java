package org.stdeconv.train;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import org.stdeconv.ConfigException;
import org.stdeconv.config.InputPath;
import org.stdeconv.config.OutputPath;
import org.stdeconv.config.Required;
import org.stdeconv.config.StepConfig;
import org.stdeconv.data.InputTransform;
import org.stdeconv.model.AdaptationMode;
import org.stdeconv.model.ProportionLoss;

import java.util.ArrayList;
import java.util.List;

/**
 * Keys of `stdeconv train`. Schedule keys left empty take the values of {@link #preset}; a key set explicitly
 * always wins. The effective config (presets applied) is written next to the model.
 */
public class TrainConfig extends StepConfig {
    @Required @InputPath
    @JsonPropertyDescription("Spots with known proportions (obs columns true_<type>), e.g. simulate output.")
    public String trainingData;

    @InputPath
    // a scalar reads as a list of one and a list of one is written back as the scalar, so one-slide configs, their
    // effective configs and model.yaml stay as they were
    @JsonFormat(with = {JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY, JsonFormat.Feature.WRITE_SINGLE_ELEM_ARRAYS_UNWRAPPED})
    @JsonPropertyDescription("Optional real slide(s), unlabelled, for domain adaptation and slide_smoothness: one path, or a list [a.h5ad, b.h5ad] whose slides each keep their own coordinates and neighbours; without it training runs without adaptation.")
    public List<String> target;

    @Required @OutputPath
    @JsonPropertyDescription("Folder for the trained model (parameters + model.yaml).")
    public String modelDir;

    @JsonPropertyDescription("Settings bundle: fast (default) or paper (the authors' schedule with the losses implemented as published).")
    public Preset preset = Preset.FAST;

    @JsonPropertyDescription("Random seed: with the same thread count, the same seed gives identical parameters.")
    public long seed = 1;

    @JsonPropertyDescription("Train this many networks (seeds seed, seed+1, ...) and average their proportions at inference. Both presets: 1 (fast until session 16: 2). "
            + "With two threads or more they train at once, one thread each; on one thread one after the other (docs/method.md).")
    public Integer ensemble;

    @JsonPropertyDescription("Which training spots the ensemble's networks learn from: shared (all, each network with its own seed), disjoint (network m of M the m-th of M "
            + "interleaved parts: simulate M times the pseudo-spots one network needs) or auto (disjoint where each part keeps network.projection + 1 spots, at least 257; shared otherwise); "
            + "Preset fast: auto; paper: shared. Disjoint draws averaged better on STARmap; splitting a few hundred labelled spots did not (docs/benchmarks/ablation.md, session 16).")
    public EnsembleSpots ensembleSpots;

    @JsonPropertyDescription("Training threads: PyTorch's intra-op threads, and the threads Adam's update of a large layer is split over (0 = every core the JVM sees); "
            + "with 2 or more, an ensemble's networks train all at once (up to two per thread), one thread each. Not part of the result: with MKL_CBWR set (bin/stdeconv sets it) "
            + "1 and 2 threads give byte-identical parameters (docs/benchmarks/train.md); 2 trains STARmap and PDAC about a quarter faster than 1, and two networks in two thirds of the time.")
    public int threads = 0;

    /** The most training threads accepted: far beyond a node's cores, far below what stalls the thread start. */
    static final int MAX_THREADS = 1024;

    @JsonPropertyDescription("cpu, gpu or auto. This build ships CPU natives only: auto means cpu and gpu is refused.")
    public Device device = Device.AUTO;

    @JsonPropertyDescription("Cell types the model must predict; empty = all true_<type> columns of the training data. Must match them exactly.")
    public List<String> cellTypes = new ArrayList<>();

    @JsonPropertyDescription("Counts -> network input: log1p_cp10k (log(1 + 10^4 x / spot total)) or global_max (the paper's: x / largest training count). Stored with the model.")
    public InputTransform.Kind inputTransform = InputTransform.Kind.LOG1P_CP10K;

    @JsonPropertyDescription("Append each spot's scaled (x, y) to its genes, as the paper does. Off by default: position can stand in for composition (see docs/method.md).")
    public boolean appendCoordinates = false;

    @JsonPropertyDescription("Split the training spots into this many folds and hold one out for validation (RMSE per epoch, early stopping); 1 = train on all spots without validation.")
    public int folds = 5;

    @JsonPropertyDescription("Which fold (0-based) is held out.")
    public int fold = 0;

    @JsonPropertyDescription("Seed of the fold split: the shuffle of scikit-learn's KFold(shuffle=True, random_state=split_seed), reproduced exactly.")
    public long splitSeed = 42;

    @JsonPropertyDescription("Layer widths and dropouts.")
    public NetworkSection network = new NetworkSection();

    @JsonPropertyDescription("Spatial contrastive loss on the encoder output.")
    public ContrastiveSection contrastive = new ContrastiveSection();

    @JsonPropertyDescription("Spatial smoothness of the predictions on the target slide's own neighbourhoods.")
    public SmoothnessSection slideSmoothness = new SmoothnessSection();

    @JsonPropertyDescription("Domain adaptation towards the target slide.")
    public AdaptationSection domainAdaptation = new AdaptationSection();

    @JsonPropertyDescription("Self-training on the target slide's spots (off by default; docs/method.md).")
    public SelfTrainingSection selfTraining = new SelfTrainingSection();

    @JsonPropertyDescription("Training schedule (empty keys take the preset's values).")
    public OptimizationSection optimization = new OptimizationSection();

    /** The target slides' paths in config order; empty without a target. */
    public List<String> targets() {
        return target == null ? List.of() : target;
    }

    /** The intra-op thread count this config asks for: {@link #threads}, or every core the JVM sees when it is 0. */
    public int effectiveThreads() {
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }

    @Override
    public void validate(String source) {
        if (threads < 0) throw new ConfigException(source, "threads", "must be >= 0", "0 uses every core; e.g. 2");
        // PyTorch starts every intra-op thread it is asked for: 100,000 hung the run before its first line
        if (threads > MAX_THREADS) throw new ConfigException(source, "threads", threads + " is more than " + MAX_THREADS, "0 uses every core; e.g. 2");
        if (device == Device.GPU) {
            throw new ConfigException(source, "device", "gpu requested but this build ships the PyTorch CPU natives only", "use device: cpu (or auto)");
        }
        if (folds < 1) throw new ConfigException(source, "folds", "must be >= 1", "5 as in the paper, or 1 for no validation");
        if (fold < 0 || fold >= Math.max(folds, 1)) throw new ConfigException(source, "fold", "must be in 0.." + (folds - 1), "pick the held-out fold");
        applyPreset();
        if (ensemble < 1) throw new ConfigException(source, "ensemble", "must be >= 1", "1 trains one network; 3 averages three");
        if (ensembleSpots == EnsembleSpots.DISJOINT && ensemble < 2) {
            throw new ConfigException(source, "ensemble_spots", "disjoint splits the training spots between an ensemble's networks, but ensemble is " + ensemble,
                    "set ensemble: 2 or more (and simulate that many times the pseudo-spots), or ensemble_spots: shared or auto");
        }
        domainAdaptation.requireWhatWeightingNeeds(source, !targets().isEmpty());
        if (selfTraining.weight > 0 && targets().isEmpty()) {
            throw new ConfigException(source, "self_training.weight", "self-training learns from the target slide's spots, but no target is given", "set target: slide.h5ad, or self_training.weight: 0");
        }
        String coupling = termComparingSpots();
        if (optimization.batchShards > 1 && coupling != null) {
            throw new ConfigException(source, "optimization.batch_shards", "is " + optimization.batchShards + ", but " + coupling
                    + " compares the spots of a batch with each other, and a shard holds only some of them", "set optimization.batch_shards: 1");
        }
    }

    /** The first loss term that compares a batch's spots with each other (so a batch cannot be cut into shards), or null. */
    String termComparingSpots() {
        boolean adapting = !targets().isEmpty() && domainAdaptation.mode != null && domainAdaptation.mode != AdaptationMode.NONE;
        if (contrastive.weight != null && contrastive.weight > 0) return "the contrastive loss (contrastive.weight)";
        if (slideSmoothness.weight > 0) return "the slide smoothness term (slide_smoothness.weight)";
        if (adapting) return "domain adaptation (domain_adaptation.mode " + domainAdaptation.mode + ")";
        if (!targets().isEmpty() && domainAdaptation.lossWeighting == LossWeighting.COMPOSITION) return "composition loss weighting (domain_adaptation.loss_weighting)";
        return null;
    }

    /** Fills every schedule key the user left empty with the preset's value. */
    public void applyPreset() {
        OptimizationSection o = optimization;
        boolean paper = preset == Preset.PAPER;
        if (o.schedule == null) o.schedule = paper ? Schedule.ALTERNATING : Schedule.JOINT;
        if (o.rounds == null) o.rounds = o.schedule == Schedule.ALTERNATING ? (paper ? 60 : 10) : 1;
        // fast: a short fixed schedule (cosine annealing at a peak of 3e-3) replaced early stopping at a constant 1e-3
        // in session 6: STARmap 0.0818 -> 0.0828 at 3.8x less CPU, card external 0.1181 -> 0.1203. 45 epochs became 30
        // in session 18 (seeds 4-6, paired): STARmap 0.0733 -> 0.0738, PDAC purity / ARI 0.670 / 0.369 -> 0.678 /
        // 0.387, a third less time; the 208-spot card and MOB sets train to min_steps either way
        // (docs/benchmarks/ablation.md)
        if (o.epochs == null) o.epochs = 30;
        if (o.domainEpochs == null) o.domainEpochs = o.schedule == Schedule.ALTERNATING ? 30 : 0;
        // fast: batches of 256 cut into two shards of 128 rows (below, session 17)
        if (o.batchSize == null) o.batchSize = paper ? 32 : 256;
        if (o.learningRate == null) o.learningRate = paper ? 3e-4 : 3e-3;
        if (o.warmupSteps == null) o.warmupSteps = paper ? 0 : 100;
        if (o.annealing == null) o.annealing = paper ? Annealing.NONE : Annealing.COSINE;
        if (o.minSteps == null) o.minSteps = paper ? 0 : 500;
        if (o.minBatchesPerEpoch == null) o.minBatchesPerEpoch = paper ? 0 : 4;
        if (o.spotMixing == null) o.spotMixing = !paper;
        // fast: the KL divergence instead of the paper's L1 (session 12): STARmap 0.0851 -> 0.0818, card external
        // 0.1203 -> 0.1117, PDAC purity / ARI 0.656 / 0.344 -> 0.668 / 0.376, MOB 0.613 -> 0.603 (within its spread);
        // docs/benchmarks/ablation.md
        if (o.proportionLoss == null) o.proportionLoss = paper ? ProportionLoss.L1 : ProportionLoss.KL;
        // off in both: on 10,000 pseudo-spots it helped (STARmap 0.0823 -> 0.0786 over 3 seeds), on the card protocol's
        // 208 training spots it hurt (external sets 0.1181 -> 0.1231); docs/benchmarks/accuracy.md
        if (o.learningRateDecayPatience == null) o.learningRateDecayPatience = 0;
        if (o.learningRateDecays == null) o.learningRateDecays = 3;
        if (o.earlyStoppingPatience == null) o.earlyStoppingPatience = paper ? 0 : 40;
        // fast: no adaptation. Aligning the marginal feature distributions of pseudo-spots and slide is only right when
        // both hold the same mix of compositions, which a simulation prior never guarantees (label shift): on the
        // demo and STARmap slides MMD (weight 0.1 or 0.01) did not lower the error on real spots and made a third of
        // the runs diverge (docs/benchmarks/accuracy.md). Matching depth and composition range in simulate closes the gap
        // instead; set domain_adaptation.mode to use it.
        // fast: a fixed first layer onto 256 principal components where the training spots span them (session 8):
        // PDAC training CPU 102 -> 55 s with ARI 0.176 -> 0.248, STARmap 0.0828 -> 0.0848 (docs/benchmarks/train.md;
        // 384 lowers STARmap's error but moved PDAC's regions beyond their spread in session 13)
        if (network.projection == null) network.projection = paper ? 0 : 256;
        // fast: the cell types' directions first (session 14): STARmap 0.0816 -> 0.0796 (docs/benchmarks/train.md)
        if (network.projectionBasis == null) network.projectionBasis = paper ? ProjectionBasis.PRINCIPAL_COMPONENTS : ProjectionBasis.CELL_TYPES_FIRST;
        if (domainAdaptation.mode == null) domainAdaptation.mode = paper ? AdaptationMode.BOTH : AdaptationMode.NONE;
        // fast: no contrastive loss since session 12. Beside the KL loss it moved no figure beyond the seeds' spread
        // (STARmap 0.0818 -> 0.0816, card 0.1117 -> 0.1085, PDAC ARI 0.376 -> 0.362 within 0.037) and cost 23 % of
        // STARmap's training time (docs/benchmarks/ablation.md)
        if (contrastive.weight == null) contrastive.weight = paper ? ContrastiveSection.PAPER_WEIGHT : 0.0;
        // fast: one network on all of simulate's 20,000 pseudo-spots, its batches of 256 cut into two shards that two
        // threads pass at once (session 17, 3 seeds): against session 16's two networks on 10,000 each, STARmap 0.0760
        // -> 0.0728, card external sets 0.1102 -> 0.1103, PDAC purity / ARI 0.673 / 0.379 -> 0.669 / 0.356 and MOB
        // 0.613 -> 0.603 (both within the seeds' spread), in the same time (docs/benchmarks/ablation.md). Shards
        // need a loss that is a mean over spots, and an ensemble's networks take the threads themselves.
        if (ensemble == null) ensemble = 1;
        if (ensembleSpots == null) ensembleSpots = paper ? EnsembleSpots.SHARED : EnsembleSpots.AUTO;
        if (o.batchShards == null) o.batchShards = !paper && ensemble == 1 && termComparingSpots() == null ? 2 : 1;
    }
}
