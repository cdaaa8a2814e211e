package org.stdeconv.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stdeconv.InputDataException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Intervals that widen with the shift: spots are mixtures of known per-type input profiles plus noise, and the
 * "network" errs around the truth. On a shifted copy the network errs 2.5 times as much while the inputs are as
 * noisy as before (what the card external sets show: the network extrapolates, a prior-free unmixing of the same
 * spots does not get worse), so network and unmixing disagree more. The difficulty-normalised intervals cover that
 * copy near the nominal 90%; the constant-scale ones calibrated on the same held-out spots cover about two thirds.
 */
class AdaptiveIntervalsTest {
    private static final List<String> TYPES = List.of("Astro", "Endo", "Micro", "Neuron");
    private static final int GENES = 60;

    /** x (inputs), y (truth), p (predictions); {@code shift} multiplies the prediction errors. */
    private record Spots(float[][] x, double[][] y, float[][] p) {
    }

    private static float[][] profiles(long seed) {
        Random r = new Random(seed);
        float[][] b = new float[TYPES.size()][GENES];
        for (float[] row : b) for (int g = 0; g < GENES; g++) row[g] = (float) Math.exp(r.nextGaussian());
        return b;
    }

    private static Spots spots(float[][] b, int n, double shift, long seed) {
        Random r = new Random(seed);
        int k = TYPES.size();
        float[][] x = new float[n][GENES], p = new float[n][k];
        double[][] y = new double[n][k];
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int j = 0; j < k; j++) sum += y[i][j] = r.nextDouble() < 0.3 ? 0 : -Math.log(r.nextDouble());
            if (sum == 0) y[i][0] = sum = 1;
            for (int j = 0; j < k; j++) y[i][j] /= sum;
            double noise = 0.5 + r.nextDouble(); // spots differ in difficulty
            double psum = 0;
            double[] q = new double[k];
            for (int j = 0; j < k; j++) psum += q[j] = Math.max(0, y[i][j] + shift * noise * r.nextGaussian() * (0.01 + 0.15 * Math.sqrt(y[i][j] * (1 - y[i][j]))));
            for (int j = 0; j < k; j++) p[i][j] = (float) (psum > 0 ? q[j] / psum : 1.0 / k);
            for (int g = 0; g < GENES; g++) {
                double mix = 0;
                for (int j = 0; j < k; j++) mix += y[i][j] * b[j][g];
                x[i][g] = (float) Math.max(0, mix + noise * 0.3 * r.nextGaussian());
            }
        }
        return new Spots(x, y, p);
    }

    private static int[] all(int n) {
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) rows[i] = i;
        return rows;
    }

    private static double coverage(IntervalCalibration c, Spots s, boolean adaptive) {
        double[][] p = new double[s.p().length][];
        double[] d = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = new double[TYPES.size()];
            for (int j = 0; j < p[i].length; j++) p[i][j] = s.p()[i][j];
            d[i] = c.difficulty(s.x()[i], s.p()[i]);
        }
        double[][][] b = c.bounds(p, adaptive ? d : null);
        int in = 0;
        for (int i = 0; i < p.length; i++) for (int j = 0; j < TYPES.size(); j++) if (b[0][i][j] <= s.y()[i][j] && s.y()[i][j] <= b[1][i][j]) in++;
        return in / (double) (p.length * TYPES.size());
    }

    @Test
    void shiftedSpotsAreCoveredNearNominalWhereConstantIntervalsUnderCover() {
        float[][] b = profiles(7);
        Spots training = spots(b, 4000, 1, 1), heldOut = spots(b, 2000, 1, 2), fresh = spots(b, 3000, 1, 3), shifted = spots(b, 3000, 2.5, 4);
        InputProfiles fitted = InputProfiles.fit(training.x(), training.y(), all(4000));
        IntervalCalibration adaptive = IntervalCalibration.fit(TYPES, heldOut.p(), heldOut.y(), heldOut.x(), fitted);
        IntervalCalibration constant = IntervalCalibration.fit(TYPES, heldOut.p(), heldOut.y());
        assertTrue(adaptive.adaptive() && !constant.adaptive());

        double adaptiveFresh = coverage(adaptive, fresh, true), constantFresh = coverage(constant, fresh, false);
        double adaptiveShifted = coverage(adaptive, shifted, true), constantShifted = coverage(constant, shifted, false);
        assertTrue(adaptiveFresh > 0.87 && adaptiveFresh < 0.93, "data like the held-out spots: " + adaptiveFresh);
        assertTrue(constantFresh > 0.87 && constantFresh < 0.93, "data like the held-out spots, constant scale: " + constantFresh);
        assertTrue(adaptiveShifted > 0.85 && adaptiveShifted < 0.95, "shifted copy, adaptive: " + adaptiveShifted);
        assertTrue(constantShifted < 0.8, "shifted copy, constant scale under-covers: " + constantShifted);

        // the difficulty is about 1 on held-out-like spots and grows with the shift
        double[] dFresh = new double[3000], dShifted = new double[3000];
        for (int i = 0; i < 3000; i++) {
            dFresh[i] = adaptive.difficulty(fresh.x()[i], fresh.p()[i]);
            dShifted[i] = adaptive.difficulty(shifted.x()[i], shifted.p()[i]);
        }
        java.util.Arrays.sort(dFresh);
        java.util.Arrays.sort(dShifted);
        assertTrue(dFresh[1500] > 0.9 && dFresh[1500] < 1.1 && dShifted[1500] > 2 * dFresh[1500], "median d fresh " + dFresh[1500] + ", shifted " + dShifted[1500]);
    }

    @Test
    void profilesRecoverTheMixingAndSurviveTheModelFolder(@TempDir Path dir) throws Exception {
        float[][] b = profiles(11);
        Spots training = spots(b, 3000, 1, 5);
        InputProfiles fitted = InputProfiles.fit(training.x(), training.y(), all(3000));
        // an exact mixture is unmixed to its proportions: no disagreement with them, much with other proportions
        float[] truth = new float[]{0.1f, 0.2f, 0.3f, 0.4f}, other = new float[]{0.4f, 0.3f, 0.2f, 0.1f};
        float[] mix = new float[GENES];
        for (int g = 0; g < GENES; g++) for (int j = 0; j < 4; j++) mix[g] += truth[j] * b[j][g];
        assertTrue(fitted.disagreement(mix, truth) < 0.02, "exact mixture: " + fitted.disagreement(mix, truth));
        assertTrue(fitted.disagreement(mix, other) > 0.15, "other proportions: " + fitted.disagreement(mix, other));

        Spots heldOut = spots(b, 500, 1, 6);
        IntervalCalibration c = IntervalCalibration.fit(TYPES, heldOut.p(), heldOut.y(), heldOut.x(), fitted);
        c.writeFiles(dir);
        Map<String, Object> stored = c.toResult();
        IntervalCalibration back = IntervalCalibration.fromResult(Map.of(IntervalCalibration.KEY, stored), TYPES, dir, GENES);
        assertEquals(c.scales(), back.scales());
        assertEquals(c.difficulty(mix, other), back.difficulty(mix, other));
        assertEquals(c.method(), back.method());
        byte[] again = Files.readAllBytes(dir.resolve(InputProfiles.FILE));
        IntervalCalibration.fit(TYPES, heldOut.p(), heldOut.y(), heldOut.x(), InputProfiles.fit(training.x(), training.y(), all(3000))).writeFiles(dir);
        assertArrayEquals(again, Files.readAllBytes(dir.resolve(InputProfiles.FILE)), "the same data give the same bytes");

        // a damaged or mismatched profiles file is refused with its name, not silently used
        Files.write(dir.resolve(InputProfiles.FILE), new byte[]{1, 2, 3});
        InputDataException e = assertThrows(InputDataException.class, () -> IntervalCalibration.fromResult(Map.of(IntervalCalibration.KEY, stored), TYPES, dir, GENES));
        assertTrue(e.getMessage().contains(InputProfiles.FILE), e.getMessage());
    }
}
