package org.stdeconv.train;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import org.stdeconv.ConfigException;
import org.stdeconv.config.ConfigSection;
import org.stdeconv.model.ProportionLoss;

/**
 * The training schedule. Keys left empty (null) take the preset's value; see {@link TrainConfig#applyPreset()}.
 */
public class OptimizationSection extends ConfigSection {
    @JsonPropertyDescription("joint or alternating (see docs/method.md). Preset fast: joint; paper: alternating.")
    public Schedule schedule;

    @JsonPropertyDescription("Rounds of the alternating schedule (joint: 1). Preset paper: 60.")
    public Integer rounds;

    @JsonPropertyDescription("Predictor epochs per round (joint: the epochs of the run, or its maximum with early stopping). Both presets: 30.")
    public Integer epochs;

    @JsonPropertyDescription("Domain-classifier epochs per round of the alternating schedule. Preset paper: 30.")
    public Integer domainEpochs;

    @JsonPropertyDescription("Spots per step. Preset fast: 256 (in two shards of 128, optimization.batch_shards); paper: 32.")
    public Integer batchSize;

    @JsonPropertyDescription("Cut each batch into this many row ranges, passed through copies of the network at once (one training thread each) and their gradients summed before one optimizer step: "
            + "one network then uses two cores about as well as two networks do. The result depends on this number, not on the threads (fewer threads run the shards in turn). "
            + "Only where the loss is a mean over spots: not with the contrastive, MMD, domain or smoothness terms. Preset fast: 2 (1 with such a term or with ensemble > 1, whose networks take the threads themselves); paper: 1.")
    public Integer batchShards;

    @JsonPropertyDescription("Lower batch_size on small training sets so that every epoch has at least this many batches (0 = keep batch_size). Preset fast: 4 (208 training spots: batches of 52); paper: 0.")
    public Integer minBatchesPerEpoch;

    @JsonPropertyDescription("Adam learning rate (the peak, with warmup and annealing). Preset fast: 0.003; paper: 0.0003.")
    public Double learningRate;

    @JsonPropertyDescription("Steps over which the learning rate rises linearly to its value (0 = none). Preset fast: 100; paper: 0. Without it, one fast-preset run on a 16,000-gene set saturated its softmax within 3 epochs and never recovered.")
    public Integer warmupSteps;

    @JsonPropertyDescription("none (keep the rate after warmup) or cosine (half a cosine from the rate to zero over the run's epochs x batches per epoch steps). Preset fast: cosine; paper: none.")
    public Annealing annealing;

    @JsonPropertyDescription("Joint schedule: at least this many optimizer steps; on a training set too small for that in optimization.epochs epochs, the epochs are raised to reach it (0 = epochs as given). Preset fast: 500; paper: 0.")
    public Integer minSteps;

    @JsonPropertyDescription("Loss on the predicted proportions: l1 (the paper's mean absolute error) or kl (Kullback-Leibler divergence from the true composition, "
            + "the loss a softmax output is made for; docs/method.md). Preset fast: kl; paper: l1.")
    public ProportionLoss proportionLoss;

    @JsonPropertyDescription("Train on mixtures of two training spots (weights uniform in [0.5, 1], proportions mixed alike) instead of the spots alone; widens the compositions seen in training (docs/method.md). Preset fast: true; paper: false.")
    public Boolean spotMixing;

    @JsonPropertyDescription("Halve the learning rate after this many epochs (rounds) without a better validation RMSE (the count restarts after each halving); 0 = never (both presets). 10 helped on 10,000 pseudo-spots and hurt on 208 labelled spots (docs/benchmarks/accuracy.md).")
    public Integer learningRateDecayPatience;

    @JsonPropertyDescription("How many times the learning rate may be halved; the next such plateau ends training and keeps the best parameters, as early stopping does. Only used with learning_rate_decay_patience > 0. Default 3.")
    public Integer learningRateDecays;

    @JsonPropertyDescription("Stop after this many epochs (rounds) without a better validation RMSE and keep the best parameters; 0 = never. Preset fast: 40; paper: 0.")
    public Integer earlyStoppingPatience;

    @Override
    public void validate(String source) {
        positive(source, "optimization.rounds", rounds);
        positive(source, "optimization.epochs", epochs);
        if (domainEpochs != null && domainEpochs < 0) throw new ConfigException(source, "optimization.domain_epochs", "must be >= 0", "paper: 30");
        if (batchSize != null && batchSize < 2) throw new ConfigException(source, "optimization.batch_size", "must be >= 2 (the contrastive and MMD losses compare spots within a batch)", "e.g. 64");
        if (batchShards != null && batchShards < 1) throw new ConfigException(source, "optimization.batch_shards", "must be >= 1", "1 passes each batch whole; 2 halves it over two threads");
        if (learningRate != null && !(learningRate > 0)) throw new ConfigException(source, "optimization.learning_rate", "must be > 0", "e.g. 0.001");
        if (minBatchesPerEpoch != null && minBatchesPerEpoch < 0) throw new ConfigException(source, "optimization.min_batches_per_epoch", "must be >= 0", "0 keeps batch_size");
        if (minSteps != null && minSteps < 0) throw new ConfigException(source, "optimization.min_steps", "must be >= 0", "0 = run optimization.epochs epochs");
        if (warmupSteps != null && warmupSteps < 0) throw new ConfigException(source, "optimization.warmup_steps", "must be >= 0", "0 = no warmup");
        if (learningRateDecayPatience != null && learningRateDecayPatience < 0) throw new ConfigException(source, "optimization.learning_rate_decay_patience", "must be >= 0", "0 = keep the learning rate");
        if (learningRateDecays != null && learningRateDecays < 0) throw new ConfigException(source, "optimization.learning_rate_decays", "must be >= 0", "e.g. 3");
        if (earlyStoppingPatience != null && earlyStoppingPatience < 0) throw new ConfigException(source, "optimization.early_stopping_patience", "must be >= 0", "0 = never stop early");
    }

    private static void positive(String source, String key, Integer v) {
        if (v != null && v < 1) throw new ConfigException(source, key, "must be >= 1", "see 'stdeconv config-template train'");
    }
}
