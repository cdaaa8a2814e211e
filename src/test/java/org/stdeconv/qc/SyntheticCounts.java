package org.stdeconv.qc;

import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.distribution.PoissonDistribution;
import org.apache.commons.math3.random.Well19937c;
import org.stdeconv.data.CsrMatrix;
import org.stdeconv.data.ExpressionData;
import org.stdeconv.data.ObsTable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Small labelled negative-binomial (gamma-Poisson) counts for tests: every type has its own marker genes with a
 * raised mean; the other genes share one mean profile. Two mitochondrial genes ("mt-Co1", "mt-Nd1") are included.
 */
final class SyntheticCounts {
    final ExpressionData reference;
    final ExpressionData slide;
    final Map<String, List<String>> markers = new LinkedHashMap<>();

    SyntheticCounts(long seed, int types, int cellsPerType, int genes, int markersPerType, double markerFold) {
        Well19937c rng = new Well19937c(seed);
        List<String> names = new ArrayList<>();
        names.add("mt-Co1");
        names.add("mt-Nd1");
        for (int j = names.size(); j < genes; j++) names.add(String.format("Gene%04d", j));
        double[] base = new double[genes];
        for (int j = 0; j < genes; j++) base[j] = j < 2 ? 3 : 0.3 + 2.5 * rng.nextDouble();
        double[][] mean = new double[types][];
        List<String> typeNames = new ArrayList<>();
        for (int t = 0; t < types; t++) {
            String name = "Type" + (char) ('A' + t);
            typeNames.add(name);
            mean[t] = base.clone();
            List<String> m = new ArrayList<>();
            for (int k = 0; k < markersPerType; k++) {
                int j = 2 + t * markersPerType + k;
                mean[t][j] = base[j] * markerFold;
                m.add(names.get(j));
            }
            markers.put(name, m);
        }
        double dispersion = 0.3; // NB variance mu + 0.3 mu^2
        List<float[]> rows = new ArrayList<>();
        List<String> obs = new ArrayList<>();
        String[] labels = new String[types * cellsPerType];
        for (int t = 0; t < types; t++) {
            for (int c = 0; c < cellsPerType; c++) {
                double depth = 0.5 + rng.nextDouble();
                rows.add(draw(rng, mean[t], depth, dispersion));
                labels[obs.size()] = typeNames.get(t);
                obs.add("cell" + obs.size());
            }
        }
        ObsTable refObs = new ObsTable(labels.length).putText("cell_type", labels);
        reference = new ExpressionData(CsrMatrix.fromDense(rows.toArray(new float[0][]), genes), obs, names, refObs, null, Map.of("source", "synthetic"));

        int side = 6;
        List<float[]> spots = new ArrayList<>();
        List<String> spotNames = new ArrayList<>();
        double[][] xy = new double[side * side][];
        for (int i = 0; i < side * side; i++) {
            double[] mix = new double[genes];
            int t1 = i % types, t2 = (i / side) % types;
            for (int j = 0; j < genes; j++) mix[j] = 5 * (0.6 * mean[t1][j] + 0.4 * mean[t2][j]);
            spots.add(draw(rng, mix, 1, dispersion));
            spotNames.add("spot" + i);
            xy[i] = new double[]{i % side, i / side};
        }
        slide = new ExpressionData(CsrMatrix.fromDense(spots.toArray(new float[0][]), genes), spotNames, names, null, xy, Map.of());
    }

    private static float[] draw(Well19937c rng, double[] mean, double depth, double dispersion) {
        float[] row = new float[mean.length];
        for (int j = 0; j < mean.length; j++) {
            double mu = mean[j] * depth;
            double lambda = new GammaDistribution(rng, 1 / dispersion, mu * dispersion).sample();
            row[j] = lambda <= 0 ? 0 : new PoissonDistribution(rng, lambda, PoissonDistribution.DEFAULT_EPSILON, PoissonDistribution.DEFAULT_MAX_ITERATIONS).sample();
        }
        return row;
    }
}
