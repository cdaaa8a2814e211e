package org.stdeconv.train;

/**
 * The order in which target spots join the training batches (MMD, DANN, slide_smoothness): seeded passes over the
 * spots of all target slides pooled, so each real spot is as likely as any other and a slide takes part in
 * proportion to its spots. Pooling, rather than one slide per step in turn, keeps every step's MMD/DANN estimate
 * about the same mixture of real spots (the one the model is then applied to) instead of swinging between slides,
 * and with one slide it is exactly the order a single target always had.
 */
final class TargetBatches {
    private TargetBatches() {
    }

    /** Batches of {@code batchSize} target rows, endless via {@link BatchOrder#next()}; null without a target. */
    static BatchOrder of(TrainingData data, int batchSize, long seed) {
        if (!data.hasTarget()) return null;
        int[] rows = new int[data.target().length];
        for (int i = 0; i < rows.length; i++) rows[i] = i;
        return new BatchOrder(rows, batchSize, seed);
    }
}
