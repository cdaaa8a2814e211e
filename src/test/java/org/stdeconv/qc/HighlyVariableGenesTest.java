package org.stdeconv.qc;

import org.apache.commons.math3.distribution.PoissonDistribution;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;
import org.stdeconv.data.CsrMatrix;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

class HighlyVariableGenesTest {
    @Test
    void burstyGenesOutrankPoissonGenesOfTheSameMean() {
        Well19937c rng = new Well19937c(4);
        int cells = 300, genes = 400;
        int[] bursty = {50, 150, 250, 350};
        float[][] x = new float[cells][genes];
        for (int j = 0; j < genes; j++) {
            double mean = 1 + 19.0 * j / genes; // means spread evenly, so every mean bin holds about 20 genes
            final int gene = j;
            boolean burst = Arrays.stream(bursty).anyMatch(b -> b == gene);
            for (int i = 0; i < cells; i++) {
                // bursty: the same mean, but all of it in one cell in ten
                double mu = burst ? (i % 10 == 0 ? 10 * mean : 0) : mean;
                x[i][j] = mu > 0 ? new PoissonDistribution(rng, mu, 1e-12, 10000).sample() : 0;
            }
        }
        ExpressionMoments m = ExpressionMoments.of(CsrMatrix.fromDense(x, genes), new int[cells], 1);
        boolean[] top = HighlyVariableGenes.top(m, bursty.length);
        for (int j : bursty) assertTrue(top[j], "bursty gene " + j + " is among the top " + bursty.length);
        double[] d = HighlyVariableGenes.normalisedDispersion(m);
        for (int j : bursty) assertTrue(d[j] > 2, "gene " + j + " normalised dispersion " + d[j]);
    }

    @Test
    void neverExpressedGenesAreNeverChosen() {
        float[][] x = {{1, 0, 3}, {2, 0, 1}, {3, 0, 2}};
        ExpressionMoments m = ExpressionMoments.of(CsrMatrix.fromDense(x, 3), new int[3], 1);
        assertTrue(Double.isNaN(HighlyVariableGenes.normalisedDispersion(m)[1]));
        assertFalse(HighlyVariableGenes.top(m, 3)[1]);
    }
}
