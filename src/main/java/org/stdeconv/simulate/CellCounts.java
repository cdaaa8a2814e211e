package org.stdeconv.simulate;

import org.apache.commons.math3.distribution.PoissonDistribution;

/** Draws how many cells a spot holds: fixed, uniform in a range, or zero-truncated Poisson. */
final class CellCounts {
    private final SimulateConfig.Cells settings;
    private final SpotRandom random;
    private final PoissonDistribution poisson;

    CellCounts(SimulateConfig.Cells settings, SpotRandom random) {
        this.settings = settings;
        this.random = random;
        this.poisson = settings.mode == SimulateConfig.CellCountMode.POISSON
                ? new PoissonDistribution(random, settings.mean, PoissonDistribution.DEFAULT_EPSILON, PoissonDistribution.DEFAULT_MAX_ITERATIONS)
                : null;
    }

    int next() {
        return switch (settings.mode) {
            case FIXED -> settings.n;
            case RANGE -> settings.min + random.nextInt(settings.max - settings.min + 1);
            case POISSON -> {
                // a spot without cells has no expression and no proportions: redraw zeros (zero-truncated Poisson)
                int n;
                do {
                    n = poisson.sample();
                } while (n == 0);
                yield n;
            }
        };
    }
}
