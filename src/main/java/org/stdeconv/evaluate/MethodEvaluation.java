package org.stdeconv.evaluate;

import org.stdeconv.stats.MoransI;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every metric of one set of proportions (the evaluated predictions or the NNLS baseline) over the same spots and
 * types. A part is null when its input is missing: truth (no ground truth), coverage (no truth or no intervals), regions (no annotation), moransI (fewer
 * than two spots with coordinates), markerCorrelation (no reference or no spot counts).
 */
public record MethodEvaluation(String name, double[][] proportions, TruthMetrics truth, PredictionIntervals.Coverage coverage,
                               RegionSummary regions, Map<String, Double> moransI, Map<String, Double> markerCorrelation) {

    /** {@code intervals}: the method's 90% intervals (null when it has none, e.g. the baseline). */
    public static MethodEvaluation compute(String name, double[][] proportions, PredictionIntervals intervals, EvaluationInputs in, double moransRadius,
                                           Map<String, double[]> markerScores, EvaluateConfig c) {
        List<String> types = in.types();
        TruthMetrics truth = in.truth() == null ? null : TruthMetrics.compute(proportions, in.truth().values(), types, c.presenceThreshold);
        PredictionIntervals.Coverage coverage = intervals == null || in.truth() == null ? null : intervals.coverage(in.truth().values(), types);
        RegionSummary regions = in.regions() == null ? null : RegionSummary.compute(proportions, in.regions(), c.seed, c.kmeansRestarts);
        Map<String, Double> moran = null;
        if (in.spatial() && moransRadius > 0) {
            // over the placed spots only: an unplaced spot has no neighbours to compare with
            double[][] xy = in.placed(in.xy()), placed = in.placed(proportions);
            moran = new LinkedHashMap<>();
            for (int t = 0; t < types.size(); t++) moran.put(types.get(t), MoransI.compute(xy, column(placed, t), moransRadius));
        }
        Map<String, Double> markers = markerScores == null ? null : MarkerAgreement.correlations(proportions, types, markerScores);
        return new MethodEvaluation(name, proportions, truth, coverage, regions, moran, markers);
    }

    static double[] column(double[][] m, int j) {
        double[] out = new double[m.length];
        for (int i = 0; i < m.length; i++) out[i] = m[i][j];
        return out;
    }

    public String dominant(int spot, List<String> types) {
        return types.get(TruthMetrics.argmax(proportions[spot]));
    }
}
