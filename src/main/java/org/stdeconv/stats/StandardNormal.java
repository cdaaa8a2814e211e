package org.stdeconv.stats;

import java.util.SplittableRandom;

/**
 * A standard normal draw by Box-Muller from two uniforms. Not {@code RandomGenerator.nextGaussian()}: its algorithm
 * is the JDK's to change, and the draws made here (infer's expression sketch, the thinning of large counts) fix
 * the bytes infer writes, which must not move with the JDK.
 */
public final class StandardNormal {
    private StandardNormal() {
    }

    public static double draw(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
