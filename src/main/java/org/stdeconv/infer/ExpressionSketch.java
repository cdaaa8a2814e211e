package org.stdeconv.infer;

import org.stdeconv.stats.StandardNormal;

import java.util.SplittableRandom;

/**
 * A spot's network input reduced to {@link #DIMENSIONS} fixed random Gaussian directions: distances between
 * sketches follow distances between inputs (Johnson-Lindenstrauss), at 16 floats a spot on a million-bin slide. The
 * spatial prior weighs each pair of neighbours by how alike their sketches are. Gene g's direction comes from its own
 * seed, so a sketch depends only on the input, not on the slide or the batch.
 */
final class ExpressionSketch {
    static final int DIMENSIONS = 16;
    private static final long SEED = 0x5CE7C4L;

    /** directions[g][d]: gene g's weight in sketch dimension d. */
    private final double[][] directions;

    ExpressionSketch(int genes) {
        directions = new double[genes][DIMENSIONS];
        for (int g = 0; g < genes; g++) {
            SplittableRandom random = new SplittableRandom(SEED ^ g * 0x9E3779B97F4A7C15L);
            for (int d = 0; d < DIMENSIONS; d++) directions[g][d] = StandardNormal.draw(random);
        }
    }

    float[] of(float[] input) {
        float[] z = new float[DIMENSIONS];
        for (int g = 0; g < input.length; g++) {
            if (input[g] == 0) continue;
            double[] direction = directions[g];
            for (int d = 0; d < DIMENSIONS; d++) z[d] += (float) (input[g] * direction[d]);
        }
        return z;
    }
}
