package org.stdeconv.qc;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.stdeconv.report.ChartFiles;
import org.stdeconv.report.SpatialPlot;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The qc figures: metric histograms before/after filtering, cells per type, and the spatial map of spot totals. */
final class QcPlots {
    private static final int W = 640, H = 420, BINS = 40;

    private QcPlots() {
    }

    /** A PNG written by {@link #write}, with the caption the report shows under it. */
    record Figure(String file, String caption) {
    }

    static List<Figure> write(QcResult r, java.util.function.Function<String, Path> out) {
        List<Figure> figs = new ArrayList<>();
        boolean[] cells = r.cellOutcome().kept(), spots = r.spotOutcome().kept();
        histogram(figs, out, "reference_total_counts.png", "Reference: total counts per cell", "log10 total counts", log10(r.referenceMetrics().totalCounts()), cells);
        histogram(figs, out, "reference_detected_genes.png", "Reference: detected genes per cell", "detected genes", r.referenceMetrics().detectedGenesAsDouble(), cells);
        histogram(figs, out, "slide_total_counts.png", "Slide: total counts per spot", "log10 total counts", log10(r.slideMetrics().totalCounts()), spots);
        histogram(figs, out, "slide_detected_genes.png", "Slide: detected genes per spot", "detected genes", r.slideMetrics().detectedGenesAsDouble(), spots);
        cellsPerType(figs, out, r.typeCells());
        if (r.slide().hasSpatial()) {
            String name = "slide_spatial_total_counts.png";
            SpatialPlot.values(r.slide().spatial(), log10(r.slideMetrics().totalCounts()), "log10 total counts per spot (all spots)", out.apply(name));
            figs.add(new Figure(name, "Spatial map of log10 total counts per spot, before filtering"));
        }
        return figs;
    }

    private static double[] log10(double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) out[i] = Math.log10(Math.max(1, v[i]));
        return out;
    }

    private static void histogram(List<Figure> figs, java.util.function.Function<String, Path> out, String name, String title, String xTitle,
                                  double[] values, boolean[] kept) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double v : values) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
        if (values.length == 0) { lo = 0; hi = 1; }
        if (!(hi > lo)) hi = lo + 1;
        double width = (hi - lo) / BINS;
        double[] all = new double[BINS + 1], after = new double[BINS + 1];
        for (int i = 0; i < values.length; i++) {
            int b = Math.min(BINS - 1, (int) ((values[i] - lo) / width));
            all[b]++;
            if (kept[i]) after[b]++;
        }
        // a step plot draws each bin from its left edge; repeating the last count closes the final bin
        all[BINS] = all[BINS - 1];
        after[BINS] = after[BINS - 1];
        double[] edges = new double[BINS + 1];
        for (int b = 0; b <= BINS; b++) edges[b] = lo + b * width;
        XYChart chart = new XYChartBuilder().width(W).height(H).title(title).xAxisTitle(xTitle).yAxisTitle("count").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setMarkerSize(0);
        chart.getStyler().setXAxisDecimalPattern("0.##");
        chart.getStyler().setYAxisDecimalPattern("0");
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        chart.addSeries("before filtering", edges, all).setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.StepArea);
        chart.addSeries("after filtering", edges, after).setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.StepArea);
        ChartFiles.savePng(chart, out.apply(name));
        figs.add(new Figure(name, title + " (" + BINS + " bins)"));
    }

    private static void cellsPerType(List<Figure> figs, java.util.function.Function<String, Path> out, Map<String, int[]> typeCells) {
        List<String> types = new ArrayList<>(typeCells.keySet());
        List<Integer> before = new ArrayList<>(), after = new ArrayList<>();
        for (String t : types) { before.add(typeCells.get(t)[0]); after.add(typeCells.get(t)[2]); }
        CategoryChart chart = new CategoryChartBuilder().width(Math.max(W, 28 * types.size() + 160)).height(H + 100)
                .title("Cells per cell type").xAxisTitle("").yAxisTitle("cells").build();
        chart.getStyler().setXAxisLabelRotation(60);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        chart.addSeries("before filtering", types, before);
        chart.addSeries("after filtering", types, after);
        String name = "cells_per_type.png";
        ChartFiles.savePng(chart, out.apply(name));
        figs.add(new Figure(name, "Cells per cell type before and after filtering (dropped types have none after)"));
    }
}
