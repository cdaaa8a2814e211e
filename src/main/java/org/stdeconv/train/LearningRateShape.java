package org.stdeconv.train;

/**
 * The learning-rate multiplier of optimizer step t (1-based): a linear warmup over the first {@code warmupSteps}
 * steps, then either the full rate (no annealing) or half a cosine from the full rate to zero at
 * {@code totalSteps}. A run of fixed length that ends at rate zero settles into a minimum instead of hopping around
 * it, which is what lets a short schedule match a long constant-rate run stopped early (docs/method.md).
 */
record LearningRateShape(int warmupSteps, Annealing annealing, int totalSteps) {

    static LearningRateShape constant(int warmupSteps) {
        return new LearningRateShape(warmupSteps, Annealing.NONE, 0);
    }

    double factor(int step) {
        double ramp = warmupSteps > 0 ? Math.min(1.0, step / (double) warmupSteps) : 1.0;
        if (annealing == Annealing.NONE || totalSteps <= warmupSteps) return ramp;
        double progress = Math.min(1.0, Math.max(0, step - warmupSteps) / (double) (totalSteps - warmupSteps));
        return ramp * 0.5 * (1 + Math.cos(Math.PI * progress));
    }
}
