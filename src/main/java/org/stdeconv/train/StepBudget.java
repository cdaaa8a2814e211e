package org.stdeconv.train;

/**
 * How many optimizer steps a run takes: the batch size an epoch uses, full batches per epoch, and the epochs of the
 * joint schedule, from the optimization section and the number of training spots.
 */
record StepBudget(OptimizationSection optimization, int trainingSpots) {
    /**
     * optimization.batch_size, lowered where needed so that an epoch has at least optimization.min_batches_per_epoch
     * batches: on a few hundred training spots a batch of 128 is most of the set, and such runs predicted the card
     * protocol's external sets worse (docs/benchmarks/ablation.md).
     */
    int batchSize() {
        OptimizationSection o = optimization;
        if (o.minBatchesPerEpoch == null || o.minBatchesPerEpoch == 0) return o.batchSize;
        return Math.max(2, Math.min(o.batchSize, trainingSpots / o.minBatchesPerEpoch));
    }

    /** Full batches in one pass over the training spots. */
    int batchesPerEpoch() {
        return trainingSpots / Math.max(1, Math.min(batchSize(), trainingSpots));
    }

    /** Epochs of the joint schedule: optimization.epochs, raised when needed to reach optimization.min_steps. */
    int jointEpochs() {
        OptimizationSection o = optimization;
        if (o.schedule != Schedule.JOINT || o.minSteps == null || o.minSteps == 0) return o.epochs;
        return Math.max(o.epochs, (o.minSteps + batchesPerEpoch() - 1) / batchesPerEpoch());
    }

    /** Optimizer steps of the whole run (the cosine annealing's length). */
    int totalSteps() {
        int epochs = optimization.schedule == Schedule.JOINT ? jointEpochs() : optimization.rounds * optimization.epochs;
        return epochs * batchesPerEpoch();
    }
}
