package org.stdeconv.model;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The vectorised losses against a plain per-spot loop of the same formulas, on random batches. */
class SpatialContrastiveLossTest extends PyTorchTestBase {
    private static final double POS = 2, NEG = 3, MAX = 6, TEMP = 0.2;
    private static double dist(double[][] a, int i, int j) {
        return Math.hypot(a[i][0] - a[j][0], a[i][1] - a[j][1]);
    }

    static double naiveInfoNce(double[][] z, double[][] xy) {
        int n = z.length;
        double total = 0;
        int anchors = 0;
        for (int i = 0; i < n; i++) {
            double sumNeg = 0;
            int nNeg = 0;
            for (int j = 0; j < n; j++) {
                double d = dist(xy, i, j);
                if (d > NEG && d < MAX) {
                    sumNeg += Math.exp(cos(z[i], z[j]) / TEMP);
                    nNeg++;
                }
            }
            double li = 0;
            int nPos = 0;
            for (int p = 0; p < n; p++) {
                if (p == i || dist(xy, i, p) >= POS) continue;
                double e = Math.exp(cos(z[i], z[p]) / TEMP);
                li += -Math.log(e / (e + sumNeg));
                nPos++;
            }
            if (nPos > 0 && nNeg > 0) {
                total += li / nPos;
                anchors++;
            }
        }
        return anchors == 0 ? 0 : total / anchors;
    }

    static double naiveAuthors(double[][] z, double[][] xy) {
        int n = z.length;
        double total = 0;
        for (int i = 0; i < n; i++) {
            double posLse = 0, negLse = 0, posSum = 0, negSum = 0;
            int nPos = 0, nNeg = 0;
            for (int j = 0; j < n; j++) {
                double d = dist(xy, i, j), e = euclid(z[i], z[j]);
                if (j != i && d < POS) {
                    posLse += Math.exp(-e);
                    posSum += e;
                    nPos++;
                } else if (d > NEG && d < MAX) {
                    negLse += Math.exp(e);
                    negSum += -e;
                    nNeg++;
                }
            }
            // mean over the set of -log softmax = mean(-logit) + log sum exp(logit)
            if (nPos > 0) total += posSum / nPos + Math.log(posLse);
            if (nNeg > 0) total += negSum / nNeg + Math.log(negLse);
        }
        return total / n;
    }

    private static double cos(double[] a, double[] b) {
        double ab = 0, aa = 0, bb = 0;
        for (int k = 0; k < a.length; k++) {
            ab += a[k] * b[k];
            aa += a[k] * a[k];
            bb += b[k] * b[k];
        }
        return ab / Math.sqrt(aa * bb);
    }

    private static double euclid(double[] a, double[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) s += (a[k] - b[k]) * (a[k] - b[k]);
        return Math.sqrt(s);
    }

    private static double vectorised(double[][] z, double[][] xy, ContrastiveVariant v) {
        try (NDManager m = manager.newSubManager()) {
            SpatialContrastiveLoss loss = new SpatialContrastiveLoss(POS, NEG, MAX, TEMP, v);
            return loss.evaluate(m.create(z), m.create(xy)).getDouble();
        }
    }

    @Test
    void vectorisedEqualsPerSpotLoop() {
        Random r = new Random(11);
        for (int trial = 0; trial < 5; trial++) {
            int n = 20 + trial * 7, d = 3 + trial;
            double[][] z = new double[n][d];
            double[][] xy = new double[n][2];
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < d; k++) z[i][k] = r.nextGaussian();
                xy[i][0] = r.nextDouble() * 10;
                xy[i][1] = r.nextDouble() * 10;
            }
            double naive = naiveInfoNce(z, xy);
            assertTrue(naive > 0, "random batches have anchors with positives and negatives");
            assertEquals(naive, vectorised(z, xy, ContrastiveVariant.INFONCE), 1e-9 * Math.max(1, naive), "infonce, trial " + trial);
            double naiveA = naiveAuthors(z, xy);
            assertEquals(naiveA, vectorised(z, xy, ContrastiveVariant.AUTHORS), 1e-8 * Math.max(1, Math.abs(naiveA)), "authors, trial " + trial);
        }
    }

    @Test
    void stableForFarApartEmbeddingsWhereTheNaiveFormulaOverflows() {
        int n = 16;
        double[][] z = new double[n][2];
        double[][] xy = new double[n][2];
        for (int i = 0; i < n; i++) {
            xy[i][0] = i % 4 * 1.5;
            xy[i][1] = i / 4 * 1.5;
            z[i][0] = xy[i][0] * 500;   // "position-faithful" embeddings, distances of hundreds
            z[i][1] = xy[i][1] * 500;
        }
        assertTrue(Double.isInfinite(Math.exp(euclid(z[0], z[15]))), "the plain formula overflows here");
        assertTrue(Double.isFinite(vectorised(z, xy, ContrastiveVariant.AUTHORS)));
        assertTrue(Double.isFinite(vectorised(z, xy, ContrastiveVariant.INFONCE)));
    }

    @Test
    void infoNceRewardsNeighboursCloserThanNegatives() {
        int n = 16;
        double[][] xy = new double[n][2];
        double[][] faithful = new double[n][2];
        double[][] collapsed = new double[n][2];
        for (int i = 0; i < n; i++) {
            xy[i][0] = i % 4 * 1.5;
            xy[i][1] = i / 4 * 1.5;
            double angle = Math.atan2(xy[i][1] - 2.25, xy[i][0] - 2.25);
            faithful[i][0] = Math.cos(angle);
            faithful[i][1] = Math.sin(angle);
            collapsed[i][0] = 1;
            collapsed[i][1] = 0.001 * i;
        }
        assertTrue(vectorised(faithful, xy, ContrastiveVariant.INFONCE) < vectorised(collapsed, xy, ContrastiveVariant.INFONCE),
                "embeddings that keep neighbours together and negatives apart score better than collapsed ones");
    }

    @Test
    void noPairsGiveZero() {
        try (NDManager m = manager.newSubManager()) {
            SpatialContrastiveLoss loss = new SpatialContrastiveLoss(POS, NEG, MAX, TEMP, ContrastiveVariant.INFONCE);
            double v = loss.evaluate(m.create(new float[]{1, 0, 0, 1}, new Shape(2, 2)), m.create(new float[]{0, 0, 100, 100}, new Shape(2, 2))).getFloat();
            assertEquals(0, v, 0);
        }
    }
}
