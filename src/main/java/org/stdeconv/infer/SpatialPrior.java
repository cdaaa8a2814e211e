package org.stdeconv.infer;

import org.stdeconv.log.Log;
import org.stdeconv.spatial.ProportionSmoothing;
import org.stdeconv.spatial.SmoothingRisk;
import org.stdeconv.spatial.SpotGraph;

import java.util.Locale;

/**
 * infer's spatial_smoothing applied to a slide's predictions: a fixed strength as given, or auto, the strength
 * {@link SmoothingRisk} chooses with the network's noise measured on the slide ({@link ThinnedNoise}). {@link #note}
 * says what was done, for the log and the annotated .h5ad.
 */
record SpatialPrior(double[][] proportions, double lambda, String note) {
    /** Why auto leaves a slide whose spots all share one position as it is (SpotPlaces.allAtOnePlace). */
    static final String ONE_PLACE = "every spot has the same coordinates";
    /** Why auto leaves a chunk as it is; merge says the same of the joined slide ({@link #MERGED}). */
    static final String CHUNK = "this run is one chunk of the slide and a spot's neighbours may lie in another";
    static final String MERGED = "auto: not applied (the slide was inferred in chunks and merged, and a chunk cannot see its neighbours in "
            + "other chunks; infer the whole slide in one run to smooth it)";

    static SpatialPrior off(double[][] p) {
        return new SpatialPrior(p, 0, "off");
    }

    /** auto left the predictions as they are, for {@code why}. */
    static SpatialPrior notApplied(double[][] p, String why) {
        Log.info("infer: spatial_smoothing auto: %s, no smoothing", why);
        return new SpatialPrior(p, 0, "auto: not applied (" + why + ")");
    }

    static SpatialPrior fixed(double[][] p, double[][] xy, double lambda) {
        if (!(lambda > 0)) return off(p);
        org.stdeconv.spatial.SpotGraph graph = org.stdeconv.spatial.SpotGraph.unweighted(xy);
        if (graph.edges() == 0) {
            // coordinates whose distances overflow (around 1e300) or all unplaced: the asked-for smoothing was a silent no-op
            Log.warn("infer: spatial_smoothing %s asked for, but no spot has a neighbour within reach (check obsm/spatial's values); no smoothing", format(lambda));
            return new SpatialPrior(p, 0, "lambda " + format(lambda) + ": not applied (no spot has a neighbour)");
        }
        Log.info("infer: spatial smoothing, lambda %s", format(lambda));
        return new SpatialPrior(ProportionSmoothing.apply(p, graph, lambda), lambda, "lambda " + format(lambda));
    }

    /**
     * The strength with the smallest estimated risk on the spots {@code window} (indices into p; all of a Visium
     * slide), given the noise variance per entry measured there, applied to every spot.
     */
    static SpatialPrior auto(double[][] p, double[][] xy, float[][] sketch, double noiseVariance, int[] window) {
        if (!(noiseVariance >= 0) || !Double.isFinite(noiseVariance)) return notApplied(p, "no spot's counts could be split in two to measure the network's noise");
        // a slide seen whole (window = every spot, in order) has one graph for the choice and the smoothing
        boolean whole = window.length == p.length;
        SpotGraph slideGraph = whole ? SpotGraph.of(xy, sketch) : null;
        SmoothingRisk.Choice choice;
        if (whole) {
            choice = SmoothingRisk.choose(p, slideGraph, noiseVariance);
        } else {
            double[][] windowP = new double[window.length][], windowXy = new double[window.length][];
            float[][] windowSketch = new float[window.length][];
            for (int i = 0; i < window.length; i++) {
                windowP[i] = p[window[i]];
                windowXy[i] = xy[window[i]];
                windowSketch[i] = sketch[window[i]];
            }
            choice = SmoothingRisk.choose(windowP, SpotGraph.of(windowXy, windowSketch), noiseVariance);
        }
        double lambda = choice.lambda();
        String how = String.format(Locale.ROOT, "auto: lambda %s, chosen by Stein's unbiased risk estimate on %s, with the network's noise measured "
                + "there by splitting each spot's counts in two (RMS %.4f per entry; estimated RMSE %s)", format(lambda),
                whole ? "all " + p.length + " spots" : window.length + " central spots of " + p.length, Math.sqrt(noiseVariance), risks(choice));
        Log.info("infer: spatial smoothing %s", how);
        if (!(lambda > 0)) return new SpatialPrior(p, 0, how);
        return new SpatialPrior(ProportionSmoothing.apply(p, whole ? slideGraph : SpotGraph.of(xy, sketch), lambda), lambda, how);
    }

    /**
     * The calibrated bounds of the network's own answers, widened where needed to hold the smoothed proportion: the
     * calibration was fitted on unsmoothed answers, so the bounds are computed around those (their coverage of the
     * truth is what was calibrated) and only ever grow to include the value reported.
     */
    double[][][] boundsAround(double[][][] networkBounds) {
        double[][] lo = networkBounds[0], hi = networkBounds[1];
        if (lambda > 0) {
            for (int i = 0; i < proportions.length; i++) {
                if (!ProportionSmoothing.isValid(proportions[i])) continue;
                for (int k = 0; k < proportions[i].length; k++) {
                    lo[i][k] = Math.min(lo[i][k], proportions[i][k]);
                    hi[i][k] = Math.max(hi[i][k], proportions[i][k]);
                }
            }
        }
        return networkBounds;
    }

    private static String risks(SmoothingRisk.Choice choice) {
        StringBuilder sb = new StringBuilder();
        for (int g = 0; g < choice.lambdas().length; g++) {
            if (g > 0) sb.append(", ");
            sb.append(format(choice.lambdas()[g])).append(": ").append(String.format(Locale.ROOT, "%.4f", Math.sqrt(Math.max(0, choice.risk()[g]))));
        }
        return sb.toString();
    }

    private static String format(double lambda) {
        return lambda == Math.rint(lambda) ? String.valueOf((long) lambda) : String.valueOf(lambda);
    }
}
