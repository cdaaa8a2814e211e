package org.stdeconv.model;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** Calibrated on one synthetic set with known truth, the intervals cover about 90% of the truths of a fresh one. */
class IntervalCalibrationTest {
    private static final List<String> TYPES = List.of("Astrocytes", "Endothelial", "Microglia", "Neurons");

    /** Truth from a random mixture; predictions = truth + noise that grows with p (p(1-p)) and a small bias, renormalised. */
    private static Object[] sample(int n, long seed) {
        Random r = new Random(seed);
        double[][] y = new double[n][TYPES.size()];
        float[][] p = new float[n][TYPES.size()];
        for (int i = 0; i < n; i++) {
            double sum = 0, psum = 0;
            for (int j = 0; j < y[i].length; j++) sum += y[i][j] = r.nextDouble() < 0.3 ? 0 : -Math.log(r.nextDouble()) * (j + 1);
            if (sum == 0) y[i][0] = sum = 1;
            double[] q = new double[y[i].length];
            for (int j = 0; j < y[i].length; j++) {
                y[i][j] /= sum;
                psum += q[j] = Math.max(0, y[i][j] + 0.03 * (j - 1.5) / 1.5 + r.nextGaussian() * (0.02 + 0.4 * y[i][j] * (1 - y[i][j])));
            }
            for (int j = 0; j < q.length; j++) p[i][j] = (float) (psum > 0 ? q[j] / psum : 1.0 / q.length);
        }
        return new Object[]{p, y};
    }

    private static double[][] toDouble(float[][] p) {
        double[][] out = new double[p.length][];
        for (int i = 0; i < p.length; i++) {
            out[i] = new double[p[i].length];
            for (int j = 0; j < p[i].length; j++) out[i][j] = p[i][j];
        }
        return out;
    }

    @Test
    void intervalsCoverAboutNinetyPercentOfFreshTruthsPerType() {
        Object[] cal = sample(3000, 1);
        IntervalCalibration c = IntervalCalibration.fit(TYPES, (float[][]) cal[0], (double[][]) cal[1]);
        Object[] test = sample(5000, 2);
        double[][] p = toDouble((float[][]) test[0]), y = (double[][]) test[1];
        double[][][] b = c.bounds(p);
        int all = 0;
        for (int j = 0; j < TYPES.size(); j++) {
            int in = 0;
            for (int i = 0; i < p.length; i++) {
                assertTrue(b[0][i][j] <= p[i][j] && p[i][j] <= b[1][i][j], "the point estimate lies inside its interval");
                assertTrue(b[0][i][j] >= 0 && b[1][i][j] <= 1);
                if (b[0][i][j] <= y[i][j] && y[i][j] <= b[1][i][j]) in++;
            }
            double coverage = in / (double) p.length;
            assertTrue(coverage > 0.87 && coverage < 0.93, TYPES.get(j) + " coverage " + coverage);
            all += in;
        }
        double overall = all / (double) (p.length * TYPES.size());
        assertTrue(overall > 0.88 && overall < 0.92, "overall coverage " + overall);

        // calibrated on exact predictions (float-rounded truth) the intervals shrink to the point: the held-out
        // errors are what widens them
        IntervalCalibration none = IntervalCalibration.fit(TYPES, toFloat(y), y);
        double[][][] zero = none.bounds(p);
        assertEquals(p[0][1], zero[0][0][1], 1e-6);
    }

    private static float[][] toFloat(double[][] y) {
        float[][] out = new float[y.length][];
        for (int i = 0; i < y.length; i++) {
            out[i] = new float[y[i].length];
            for (int j = 0; j < y[i].length; j++) out[i][j] = (float) y[i][j];
        }
        return out;
    }

    @Test
    void widthFollowsThePredictionAndSurvivesModelYaml() {
        Object[] cal = sample(500, 3);
        IntervalCalibration c = IntervalCalibration.fit(TYPES, (float[][]) cal[0], (double[][]) cal[1]);
        double[][][] b = c.bounds(new double[][]{{0.01, 0.49, 0.25, 0.25}});
        assertTrue(b[1][0][1] - b[0][0][1] > 2 * (b[1][0][0] - b[0][0][0]), "a type near 0.5 gets a wider interval than one near 0");

        Map<String, Object> stored = c.toResult();
        IntervalCalibration back = IntervalCalibration.fromResult(Map.of(IntervalCalibration.KEY, stored), TYPES, null, 0);
        assertEquals(c.scales(), back.scales());
        assertNull(IntervalCalibration.fromResult(Map.of(), TYPES, null, 0), "a model trained before calibration has none");
        assertNull(IntervalCalibration.fromResult(Map.of(IntervalCalibration.KEY, stored), List.of("Other"), null, 0));
    }
}
