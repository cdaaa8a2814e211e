package org.stdeconv.evaluate;

import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.stdeconv.report.ChartFiles;
import org.stdeconv.report.SpatialPlot;
import org.stdeconv.report.SpotFrame;

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The figures of an evaluation (spot maps also as SVG beside the PNG), grouped by report section: predicted-vs-true scatter per type (XChart), region
 * heatmaps (XChart's HeatMapChart), spot pies and per-type spot maps (SpatialPlot, Java2D) and training curves.
 * File names carry the type's index so that types whose names differ only in punctuation never collide.
 */
public final class EvaluationPlots {
    public static final String DIR = "plots/";
    public static final String ACCURACY = "accuracy", REGIONS = "regions", SPATIAL = "spatial", TRAINING = "training";

    /** One figure: where it was written (staging path), its name relative to the output folder and its caption. */
    public record Figure(Path file, String relative, String caption) {
    }

    private EvaluationPlots() {
    }

    /** Draws every figure the evaluation supports; {@code out} maps a name relative to the output folder to a path. */
    public static Map<String, List<Figure>> draw(Evaluation e, Function<String, Path> out) {
        Map<String, List<Figure>> sections = new LinkedHashMap<>();
        EvaluationInputs in = e.inputs();
        List<String> types = in.types();
        if (in.truth() != null) {
            List<Figure> figs = new ArrayList<>();
            for (int t = 0; t < types.size(); t++) {
                String rel = DIR + "scatter_" + index(t) + "_" + safe(types.get(t)) + ".png";
                scatter(e, t, out.apply(rel));
                figs.add(new Figure(out.apply(rel), rel, "Predicted vs true proportion: " + types.get(t)));
            }
            sections.put(ACCURACY, figs);
        }
        if (in.regions() != null) {
            List<Figure> figs = new ArrayList<>();
            for (MethodEvaluation m : e.methods()) {
                // no annotated spot (every label empty, NaN or unannotated): nothing to draw; the metrics carry the note
                if (m.regions().regions().isEmpty()) continue;
                String rel = DIR + "region_heatmap_" + safe(m.name()) + ".png";
                heatmap(m, types, in.regionColumn(), out.apply(rel));
                figs.add(new Figure(out.apply(rel), rel, "Mean predicted proportion per " + in.regionColumn() + ": " + m.name()));
            }
            sections.put(REGIONS, figs);
        }
        if (in.spatial()) {
            List<Figure> figs = new ArrayList<>();
            // one frame for all maps: the spot spacing is measured once, the H&E image (if any) read once; the maps
            // show the placed spots only (in.placed), as infer's do
            SpotFrame frame = SpotFrame.of(in.placed(in.xy()), in.tissueImage());
            for (MethodEvaluation m : e.methods()) {
                String rel = DIR + "spatial_pies_" + safe(m.name()) + ".png";
                SpatialPlot.pies(frame, in.placed(m.proportions()), types, "All cell types: " + m.name(), out.apply(rel));
                figs.add(new Figure(out.apply(rel), rel, "Proportions of all cell types per spot: " + m.name()));
            }
            if (in.truth() != null) {
                String rel = DIR + "spatial_pies_truth.png";
                SpatialPlot.pies(frame, in.placed(in.truth().values()), types, "All cell types: truth", out.apply(rel));
                figs.add(new Figure(out.apply(rel), rel, "True proportions of all cell types per spot"));
            }
            MethodEvaluation primary = e.primary();
            double[][] primaryPlaced = in.placed(primary.proportions());
            for (int t = 0; t < types.size(); t++) {
                String rel = DIR + "spatial_" + index(t) + "_" + safe(types.get(t)) + ".png";
                SpatialPlot.values(frame, MethodEvaluation.column(primaryPlaced, t), types.get(t) + " (" + primary.name() + ")", out.apply(rel));
                figs.add(new Figure(out.apply(rel), rel, "Predicted proportion of " + types.get(t) + ": " + primary.name()));
            }
            sections.put(SPATIAL, figs);
        }
        if (e.trainingCurves() != null && !e.trainingCurves().curves().isEmpty()) {
            List<Figure> figs = new ArrayList<>();
            TrainingCurves tc = e.trainingCurves();
            Map<String, double[][]> losses = tc.losses(), others = tc.others();
            if (!losses.isEmpty()) {
                String rel = DIR + "training_losses.png";
                curves(losses, tc.xName(), "Training losses", allPositive(losses), out.apply(rel));
                figs.add(new Figure(out.apply(rel), rel, "Losses per " + tc.xName()));
            }
            if (!others.isEmpty()) {
                String rel = DIR + "training_metrics.png";
                curves(others, tc.xName(), "Training metrics", false, out.apply(rel));
                figs.add(new Figure(out.apply(rel), rel, String.join(", ", others.keySet()) + " per " + tc.xName()));
            }
            sections.put(TRAINING, figs);
        }
        return sections;
    }

    static void scatter(Evaluation e, int t, Path png) {
        String type = e.inputs().types().get(t);
        XYChart chart = new XYChartBuilder().width(360).height(340).title(type).xAxisTitle("true proportion").yAxisTitle("predicted proportion").build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(4);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
        chart.getStyler().setXAxisDecimalPattern("0.0").setYAxisDecimalPattern("0.0");
        XYSeries diagonal = chart.addSeries("y = x", new double[]{0, 1}, new double[]{0, 1});
        diagonal.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        diagonal.setMarker(SeriesMarkers.NONE);
        diagonal.setLineColor(Color.LIGHT_GRAY);
        double[] truth = MethodEvaluation.column(e.inputs().truth().values(), t);
        for (int m = 0; m < e.methods().size(); m++) {
            MethodEvaluation me = e.methods().get(m);
            XYSeries s = chart.addSeries(me.name(), truth, MethodEvaluation.column(me.proportions(), t));
            s.setMarkerColor(SpatialPlot.categoryColor(m));
        }
        ChartFiles.write(chart, png);
    }

    /** Regions across, cell types down: type names stay horizontal and readable however many types there are. */
    static void heatmap(MethodEvaluation m, List<String> types, String regionColumn, Path png) {
        RegionSummary r = m.regions();
        int width = Math.max(480, 340 + 130 * r.regions().size()), height = Math.max(320, 160 + 24 * types.size());
        HeatMapChart chart = new HeatMapChartBuilder().width(width).height(height).title(m.name()).xAxisTitle(regionColumn).yAxisTitle("").build();
        chart.getStyler().setShowValue(true);
        chart.getStyler().setHeatMapValueDecimalPattern("0.00");
        // a round top of the colour scale: the legend prints it as is
        chart.getStyler().setMin(0).setMax(Math.ceil(maxOf(r.meanByRegion()) * 100) / 100);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setAxisTickLabelsFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 11));
        chart.getStyler().setValueFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 11));
        chart.getStyler().setRangeColors(new Color[]{Color.WHITE, new Color(0xfdae61), new Color(0xd7191c)});
        // the y axis grows upwards: list types bottom-up so the first type is at the top, as in the tables
        List<String> bottomUp = new ArrayList<>(types);
        java.util.Collections.reverse(bottomUp);
        List<Number[]> cells = new ArrayList<>();
        int k = types.size();
        for (int g = 0; g < r.regions().size(); g++) {
            for (int t = 0; t < k; t++) cells.add(new Number[]{g, k - 1 - t, r.meanByRegion()[g][t]});
        }
        chart.addSeries("mean proportion", new ArrayList<>(r.regions()), bottomUp, cells);
        ChartFiles.write(chart, png);
    }

    private static double maxOf(double[][] m) {
        double max = 0;
        for (double[] row : m) for (double v : row) if (Double.isFinite(v)) max = Math.max(max, v);
        return max > 0 ? max : 1;
    }

    /** Loss terms differ by orders of magnitude: a log axis when every value allows it. */
    private static boolean allPositive(Map<String, double[][]> series) {
        for (double[][] s : series.values()) for (double[] p : s) if (!(p[1] > 0)) return false;
        return true;
    }

    static void curves(Map<String, double[][]> series, String xName, String title, boolean logY, Path png) {
        XYChart chart = new XYChartBuilder().width(520).height(360).title(title).xAxisTitle(xName).yAxisTitle(logY ? "value (log scale)" : "value").build();
        chart.getStyler().setYAxisLogarithmic(logY);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setMarkerSize(3);
        int i = 0;
        for (Map.Entry<String, double[][]> s : series.entrySet()) {
            double[] x = new double[s.getValue().length], y = new double[x.length];
            for (int k = 0; k < x.length; k++) { x[k] = s.getValue()[k][0]; y[k] = s.getValue()[k][1]; }
            XYSeries xs = chart.addSeries(s.getKey(), x, y);
            xs.setLineColor(SpatialPlot.categoryColor(i));
            xs.setMarkerColor(SpatialPlot.categoryColor(i++));
        }
        ChartFiles.write(chart, png);
    }

    private static String index(int t) {
        return String.format(Locale.ROOT, "%02d", t + 1);
    }

    static String safe(String name) {
        String s = name.replaceAll("[^A-Za-z0-9._-]+", "_");
        return s.length() > 40 ? s.substring(0, 40) : s;
    }
}
