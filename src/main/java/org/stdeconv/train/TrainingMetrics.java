package org.stdeconv.train;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.stdeconv.report.ChartFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * training_metrics.tsv (one row per epoch or round: epoch, the mean losses, learning rate, validation RMSE; NA where
 * a term is off) and the loss-curve chart (PNG and SVG) drawn from it. No wall-clock values, so identical runs give identical files.
 */
public final class TrainingMetrics {
    public static final String TSV = "training_metrics.tsv";
    public static final String PNG = "loss_curve.png";
    public static final String VALIDATION_RMSE = "validation_rmse";
    public static final String LEARNING_RATE = "learning_rate";

    private TrainingMetrics() {
    }

    public static void writeTsv(List<EpochLosses> rows, Path file) {
        StringBuilder sb = new StringBuilder("epoch");
        for (String c : EpochLosses.COLUMNS) sb.append('\t').append(c);
        sb.append('\t').append(LEARNING_RATE).append('\t').append(VALIDATION_RMSE).append('\n');
        for (EpochLosses r : rows) {
            sb.append(r.epoch);
            for (int c = 0; c < EpochLosses.COLUMNS.length; c++) sb.append('\t').append(num(r.mean(c)));
            sb.append('\t').append(num(r.learningRate)).append('\t').append(num(r.validationRmse)).append('\n');
        }
        try {
            Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "NA" : String.format(Locale.ROOT, "%.6g", v);
    }

    /** Loss terms and validation RMSE against epoch (or round), log scale: {@code file} (PNG) and an SVG beside it. */
    public static void writeChart(List<EpochLosses> rows, String unit, Path file) {
        XYChart chart = new XYChartBuilder().width(900).height(520).title("stdeconv train").xAxisTitle(unit).yAxisTitle("value (log scale)").build();
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
        String[] names = {"total loss", "L1", "KL", "contrastive", "MMD", "domain BCE", "slide smoothness", "self-training"};
        for (int c = 0; c < EpochLosses.COLUMNS.length; c++) addSeries(chart, names[c], rows, c);
        addSeries(chart, "validation RMSE", rows, -1);
        ChartFiles.write(chart, file);
    }

    private static void addSeries(XYChart chart, String name, List<EpochLosses> rows, int column) {
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (EpochLosses r : rows) {
            double v = column < 0 ? r.validationRmse : Math.abs(r.mean(column));
            if (Double.isFinite(v) && v > 0) {
                x.add((double) r.epoch);
                y.add(v);
            }
        }
        if (x.isEmpty()) return;
        XYSeries s = chart.addSeries(name, x, y);
        s.setMarker(SeriesMarkers.NONE);
    }
}
