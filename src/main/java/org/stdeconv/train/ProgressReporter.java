package org.stdeconv.train;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.stdeconv.log.Log;

import java.util.Locale;

/**
 * A progress bar on an interactive terminal; otherwise (Nextflow, SLURM, CI logs) one line at the start, one at
 * most every {@code logIntervalMillis}, and one at the end, so log files stay short and readable.
 */
final class ProgressReporter implements TrainingListener, AutoCloseable {
    private final boolean terminal;
    private final long logIntervalMillis;
    /** Starts each log line: empty, or which of several networks training at once the line is about. */
    private final String label;
    private ProgressBar bar;
    private int units;
    private String unitName;
    private long startNanos;
    private long lastLog;

    ProgressReporter(boolean terminal, long logIntervalMillis, String label) {
        this.terminal = terminal;
        this.logIntervalMillis = logIntervalMillis;
        this.label = label;
    }

    static ProgressReporter forThisProcess() {
        boolean quiet = Boolean.getBoolean("stdeconv.quiet");
        return new ProgressReporter(System.console() != null && !quiet, 15_000, "");
    }

    /** Log lines only (two progress bars would overwrite each other), each naming its network. */
    static ProgressReporter forOneOfSeveral(int member, int count) {
        return new ProgressReporter(false, 15_000, "network " + member + " of " + count + ", ");
    }

    @Override
    public void started(int units, String unitName) {
        this.units = units;
        this.unitName = unitName;
        this.startNanos = System.nanoTime();
        this.lastLog = System.currentTimeMillis();
        if (terminal) {
            bar = new ProgressBarBuilder().setTaskName("train").setInitialMax(units).setUnit(" " + unitName + "s", 1)
                    .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).continuousUpdate().build();
        } else {
            Log.info("%straining: up to %d %ss", label, units, unitName);
        }
    }

    @Override
    public void finished(EpochLosses l) {
        String msg = String.format(Locale.ROOT, "loss %.4f, L1 %.4f, learning rate %.3g%s", l.mean(EpochLosses.TOTAL), l.mean(EpochLosses.L1), l.learningRate,
                Double.isNaN(l.validationRmse) ? "" : String.format(Locale.ROOT, ", validation RMSE %.4f", l.validationRmse));
        if (bar != null) {
            bar.stepTo(l.epoch);
            bar.setExtraMessage(msg);
        } else if (System.currentTimeMillis() - lastLog >= logIntervalMillis || l.epoch == units) {
            lastLog = System.currentTimeMillis();
            Log.info("%s%s %d/%d: %s (%.0f s)", label, unitName, l.epoch, units, msg, (System.nanoTime() - startNanos) / 1e9);
        }
    }

    @Override
    public void stoppedEarly(int unit, int bestUnit) {
        if (bar != null) bar.close();
        bar = null;
        Log.info("%searly stopping at %s %d: no better validation RMSE since %s %d (keeping that one)", label, unitName, unit, unitName, bestUnit);
    }

    @Override
    public void close() {
        if (bar != null) bar.close();
    }
}
