package org.stdeconv.spatial;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Chooses the strength lambda of {@link ProportionSmoothing} for one slide by Stein's unbiased risk estimate (SURE).
 * If the network's proportions are p = q + e, with q the truth and e independent across spots with variance sigma^2
 * per entry, then for the linear smoother S = (I + lambda L)^-1
 * E|Sp - q|^2 = E[|Sp - p|^2 + 2 sigma^2 K tr(S)] - n K sigma^2, whatever q is, spatially smooth or not. The lambda
 * of {@link #GRID} with the smallest |Sp - p|^2 + 2 sigma^2 K tr(S) is chosen: where neighbouring spots' proportions
 * differ, |Sp - p|^2 grows fast with lambda and the choice stays at or near 0; where they are alike up to noise, the
 * noise removed (the trace term falls) outweighs it. sigma^2 comes from the caller (infer measures it on the slide by
 * splitting each spot's counts in two), so no constant here is fitted to any data set. tr(S) is estimated with Hutchinson's estimator (Rademacher probes, a fixed seed, so the
 * choice is reproducible).
 */
public final class SmoothingRisk {
    /** The strengths tried; 0 (no smoothing) always among them. */
    public static final double[] GRID = {0, 0.05, 0.1, 0.2, 0.35, 0.5, 0.75, 1, 1.5, 2};
    static final int PROBES = 16;
    private static final long PROBE_SEED = 20_261_206L;

    /** The chosen strength and the estimated risk (mean squared error per entry) of each strength tried. */
    public record Choice(double lambda, double[] lambdas, double[] risk) {
    }

    private SmoothingRisk() {
    }

    /**
     * The strength of {@link #GRID} with the smallest estimated risk for proportions {@code p} (rows of spots, NaN
     * rows left out) on {@code graph}, given the network's error variance per entry {@code noiseVariance}.
     */
    public static Choice choose(double[][] p, SpotGraph graph, double noiseVariance) {
        if (!(noiseVariance >= 0) || !Double.isFinite(noiseVariance)) {
            throw new IllegalArgumentException("noise variance must be finite and >= 0, got " + noiseVariance);
        }
        int n = p.length;
        List<Integer> valid = new ArrayList<>();
        int types = 0;
        for (int i = 0; i < n; i++) {
            if (ProportionSmoothing.isValid(p[i])) {
                valid.add(i);
                types = p[i].length;
            }
        }
        double[] risk = new double[GRID.length];
        if (valid.isEmpty()) return new Choice(0, GRID.clone(), risk);
        double[][] probes = rademacherProbes(p, valid);
        double entries = (double) valid.size() * types;
        int best = 0;
        for (int g = 0; g < GRID.length; g++) {
            double lambda = GRID[g];
            double misfit = 0;
            double trace = valid.size();
            if (lambda > 0) {
                misfit = squaredChange(p, ProportionSmoothing.apply(p, graph, lambda), valid);
                trace = hutchinsonTrace(probes, ProportionSmoothing.apply(probes, graph, lambda), valid);
            }
            risk[g] = (misfit + 2 * noiseVariance * types * trace) / entries - noiseVariance;
            if (risk[g] < risk[best]) best = g;
        }
        return new Choice(GRID[best], GRID.clone(), risk);
    }

    /** Probe rows of +-1 for the spots with a prediction; rows of the others copy p's (NaN) so the smoother skips them. */
    private static double[][] rademacherProbes(double[][] p, List<Integer> valid) {
        SplittableRandom random = new SplittableRandom(PROBE_SEED);
        double[][] probes = new double[p.length][];
        for (int i = 0; i < p.length; i++) probes[i] = p[i] == null ? null : new double[]{Double.NaN};
        for (int i : valid) {
            double[] z = new double[PROBES];
            for (int k = 0; k < PROBES; k++) z[k] = random.nextBoolean() ? 1 : -1;
            probes[i] = z;
        }
        return probes;
    }

    private static double squaredChange(double[][] p, double[][] q, List<Integer> valid) {
        double sum = 0;
        for (int i : valid) {
            for (int k = 0; k < p[i].length; k++) {
                double d = q[i][k] - p[i][k];
                sum += d * d;
            }
        }
        return sum;
    }

    /** mean over probes z of z'Sz, an unbiased estimate of tr(S) over the valid spots. */
    private static double hutchinsonTrace(double[][] z, double[][] sz, List<Integer> valid) {
        double sum = 0;
        for (int i : valid) for (int k = 0; k < PROBES; k++) sum += z[i][k] * sz[i][k];
        return sum / PROBES;
    }
}
