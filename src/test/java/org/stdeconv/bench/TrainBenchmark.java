package org.stdeconv.bench;

import org.stdeconv.config.Configs;
import org.stdeconv.data.ExpressionData;
import org.stdeconv.data.ProportionTable;
import org.stdeconv.io.ExpressionReaders;
import org.stdeconv.model.ModelStore;
import org.stdeconv.model.ProportionModel;
import org.stdeconv.train.FoldSplit;
import org.stdeconv.train.TrainConfig;
import org.stdeconv.train.TrainRun;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The protocol on the ST-deconv paper's CARD-simulated MOB sets: train on set 01 with fold 0 of
 * KFold(5, shuffle, 42) held out and mob_rep12 as target; held-out RMSE, wall and CPU time. Then train on 0X and
 * test on 3X (X = 2..5; never 01 -> 31, identical files).
 * Usage: TrainBenchmark H5AD_DIR TARGET OUT_DIR PRESET [SETS...] [--set key=value ...]
 */
public final class TrainBenchmark {
    public static void main(String[] args) throws Exception {
        Path sets = Path.of(args[0]);
        Path target = Path.of(args[1]);
        Path out = Path.of(args[2]);
        String preset = args[3];
        List<String> which = new ArrayList<>();
        List<String> extra = new ArrayList<>();
        for (int i = 4; i < args.length; i++) {
            if (args[i].equals("--set")) extra.add(args[++i]);
            else which.add(args[i]);
        }
        Files.createDirectories(out);
        StringBuilder tsv = new StringBuilder("preset\ttrain_set\ttest\trmse\tmean_baseline\tunits_run\tbest_unit\twall_s\tcpu_s\textra\n");
        for (String s : which) {
            Path train = sets.resolve("set0" + s + ".h5ad");
            Path model = out.resolve("model_" + preset + "_0" + s);
            List<String> o = new ArrayList<>(List.of("training_data=" + train, "target=" + target, "model_dir=" + model, "preset=" + preset, "seed=1"));
            o.addAll(extra);
            TrainConfig cfg = Configs.load(TrainConfig.class, null, o);
            long cpu0 = cpu();
            long t0 = System.nanoTime();
            TrainRun.Result r = TrainRun.run(cfg);
            double wall = (System.nanoTime() - t0) / 1e9, cpu = (cpu() - cpu0) / 1e9;
            ExpressionData d = ExpressionReaders.read(train);
            double[][] y = ProportionTable.fromTruthColumns(d, train).values();
            FoldSplit split = FoldSplit.of(d.nObs(), 5, 0, 42);
            String ex = String.join(" ", extra);
            tsv.append(row(preset, "0" + s, "fold0", r.outcome().validationRmse(), baseline(y, split.train(), split.heldOut()), r, wall, cpu, ex));
            if (preset.equals("paper") && r.outcome().history().size() >= 60) {
                double[] v = r.outcome().history().subList(50, 60).stream().mapToDouble(h -> h.validationRmse()).toArray();
                double m = java.util.Arrays.stream(v).average().orElse(Double.NaN);
                double sd = Math.sqrt(java.util.Arrays.stream(v).map(x -> (x - m) * (x - m)).sum() / (v.length - 1));
                tsv.append(String.format(Locale.ROOT, "%s\t0%s\tfold0_rounds51-60\t%.4f+-%.4f\t\t\t\t\t\t%s%n", preset, s, m, sd, ex));
            }
            if (!s.equals("1")) {
                Path test = sets.resolve("set3" + s + ".h5ad");
                ExpressionData td = ExpressionReaders.read(test);
                double[][] ty = ProportionTable.fromTruthColumns(td, test).values();
                try (ProportionModel pm = ModelStore.load(model)) {
                    ExpressionData aligned = td.alignGenes(pm.genes());
                    float[][] p = pm.predict(pm.transform().apply(aligned.counts()), aligned.spatial());
                    int[] all = new int[y.length];
                    for (int i = 0; i < all.length; i++) all[i] = i;
                    tsv.append(row(preset, "0" + s, "set3" + s, rmse(p, ty, pm.cellTypes(), ProportionTable.truthTypes(td)),
                            baselineExternal(y, ty), r, wall, cpu, ex));
                }
            }
            Files.writeString(out.resolve("results_" + preset + ".tsv"), tsv.toString());
            System.out.print(tsv);
        }
    }

    private static String row(String preset, String train, String test, double rmse, double base, TrainRun.Result r, double wall, double cpu, String extra) {
        return String.format(Locale.ROOT, "%s\t%s\t%s\t%.4f\t%.4f\t%d\t%d\t%.1f\t%.1f\t%s%n", preset, train, test, rmse, base,
                r.outcome().unitsRun(), r.outcome().bestUnit(), wall, cpu, extra);
    }

    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    static double baseline(double[][] y, int[] train, int[] test) {
        int k = y[0].length;
        double[] mean = new double[k];
        for (int i : train) for (int j = 0; j < k; j++) mean[j] += y[i][j] / train.length;
        double s = 0;
        for (int i : test) for (int j = 0; j < k; j++) s += Math.pow(y[i][j] - mean[j], 2);
        return Math.sqrt(s / (test.length * (double) k));
    }

    static double baselineExternal(double[][] trainY, double[][] testY) {
        int k = trainY[0].length;
        double[] mean = new double[k];
        for (double[] r : trainY) for (int j = 0; j < k; j++) mean[j] += r[j] / trainY.length;
        double s = 0;
        for (double[] r : testY) for (int j = 0; j < k; j++) s += Math.pow(r[j] - mean[j], 2);
        return Math.sqrt(s / (testY.length * (double) k));
    }

    static double rmse(float[][] p, double[][] y, List<String> predTypes, List<String> truthTypes) {
        double s = 0;
        for (int i = 0; i < p.length; i++) {
            for (int j = 0; j < predTypes.size(); j++) {
                double e = p[i][j] - y[i][truthTypes.indexOf(predTypes.get(j))];
                s += e * e;
            }
        }
        return Math.sqrt(s / (p.length * (double) predTypes.size()));
    }
}
