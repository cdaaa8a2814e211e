package org.stdeconv.train;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stdeconv.ConfigException;
import org.stdeconv.config.Configs;
import org.stdeconv.data.ExpressionData;
import org.stdeconv.data.ProportionTable;
import org.stdeconv.demo.DemoData;
import org.stdeconv.io.h5ad.H5adWriter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * domain_adaptation.mmd_weighting and loss_weighting: their config checks, and training with them on a label-shifted demo slide (only the
 * quarter of the spots with most Epithelial cells).
 */
class CompositionWeightingTrainingTest {
    @TempDir
    static Path dir;
    static Path training, target;
    static ExpressionData targetData;

    @BeforeAll
    static void data() {
        training = dir.resolve("training.h5ad");
        H5adWriter.write(DemoData.generate(7).slide(), training);
        // label shift: of another demo slide keep the quarter of the spots with most Epithelial cells
        ExpressionData slide = DemoData.generate(8).slide();
        double[] epithelial = slide.obs().numeric(ProportionTable.TRUTH_PREFIX + DemoData.TYPES.get(0));
        double[] sorted = epithelial.clone();
        Arrays.sort(sorted);
        double cut = sorted[sorted.length * 3 / 4];
        int[] rows = java.util.stream.IntStream.range(0, epithelial.length).filter(i -> epithelial[i] >= cut).toArray();
        targetData = slide.selectRows(rows);
        target = dir.resolve("target.h5ad");
        H5adWriter.write(targetData, target);
    }

    private static TrainConfig config(String modelDir, String... extra) {
        return SmallTraining.config(training, dir.resolve(modelDir), List.of("target=" + target, "optimization.early_stopping_patience=0", "seed=3"), extra);
    }

    @Test
    void refusesCompositionWeightingWithoutAnMmdTermOrTargetToWeight() {
        ConfigException none = assertThrows(ConfigException.class, () -> config("m", "domain_adaptation.mmd_weighting=composition"));
        assertTrue(none.getMessage().startsWith("--set: domain_adaptation.mmd_weighting: composition weights the MMD term, but mode is none"), none.getMessage());
        ConfigException authors = assertThrows(ConfigException.class, () -> config("m", "domain_adaptation.mode=mmd",
                "domain_adaptation.mmd_weighting=composition", "domain_adaptation.variant=authors"));
        assertTrue(authors.getMessage().startsWith("--set: domain_adaptation.mmd_weighting: composition does not apply to variant authors"), authors.getMessage());
        ConfigException cap = assertThrows(ConfigException.class, () -> config("m", "domain_adaptation.weighting_max=0.5"));
        assertTrue(cap.getMessage().startsWith("--set: domain_adaptation.weighting_max: must be >= 1"), cap.getMessage());
        ConfigException noTarget = assertThrows(ConfigException.class, () -> Configs.load(TrainConfig.class, null, List.of("training_data=" + training,
                "model_dir=" + dir.resolve("m"), "domain_adaptation.loss_weighting=composition")));
        assertTrue(noTarget.getMessage().startsWith("--set: domain_adaptation.loss_weighting: composition weights the loss by the target slide's compositions, but no target is given"), noTarget.getMessage());
        assertThrows(ConfigException.class, () -> config("m", "domain_adaptation.weighting_start=1"));
        assertThrows(ConfigException.class, () -> config("m", "domain_adaptation.weighting_every=0"));
    }

    /**
     * In training: no MMD term before weighting_start of the steps (the network's predictions of the slide mean
     * nothing yet), then one in every epoch, and a network that still predicts pseudo-spots. That the weighting
     * moves the MMD towards the slide's compositions is tested where it is decided (CompositionWeightsTest,
     * MultiKernelMmdLossTest); on these demo slides neither weighting beat the other consistently over seeds 1, 2, 4
     * (docs/benchmarks/ablation.md), so no outcome of training is asserted here.
     */
    @Test
    void mmdStartsWithTheFirstEstimateOfTheSlidesCompositions() throws Exception {
        // 320 training spots in batches of 64: 5 steps per epoch, 100 in all; the first estimate at step 25 = epoch 6
        TrainRun.Result[] runs = plainAndWeighted("marginal", "composition", "domain_adaptation.mmd_weighting=composition",
                "domain_adaptation.mode=mmd", "optimization.epochs=20", "optimization.batch_size=64", "optimization.annealing=cosine");
        TrainRun.Result marginal = runs[0], composition = runs[1];
        List<String[]> rows = metrics(composition.modelDir());
        for (String[] r : rows) {
            int epoch = Integer.parseInt(r[0]);
            assertEquals(epoch < 6, r[5].equals("NA"), "loss_mmd in epoch " + epoch + ": " + r[5]);
        }
        assertEquals(20, rows.size());
        assertTrue(metrics(marginal.modelDir()).stream().noneMatch(r -> r[5].equals("NA")), "marginal MMD acts from the first step");
        assertNotEquals(Files.readString(marginal.modelDir().resolve("training_metrics.tsv")), Files.readString(composition.modelDir().resolve("training_metrics.tsv")));
        double rmseOn = composition.outcome().validationRmse(), rmseOff = marginal.outcome().validationRmse();
        assertTrue(rmseOn < 1.5 * rmseOff, "validation RMSE " + rmseOn + " weighted, " + rmseOff + " marginal");
    }

    /**
     * domain_adaptation.loss_weighting: composition (here without an MMD term) leaves training exactly as uniform until
     * the slide's compositions are first estimated (weighting_start), and changes it from then on.
     */
    @Test
    void lossWeightingActsFromTheFirstEstimateOn() throws Exception {
        // whole batches in both: composition weights compare a batch's spots, so the weighted run cannot be sharded
        TrainRun.Result[] runs = plainAndWeighted("uniform", "loss-composition", "domain_adaptation.loss_weighting=composition",
                "optimization.epochs=12", "optimization.batch_size=64", "optimization.annealing=cosine", "optimization.proportion_loss=kl",
                "optimization.batch_shards=1");
        TrainRun.Result uniform = runs[0], composition = runs[1];
        // 5 steps per epoch, 60 in all: the first estimate at step 15, the first step of epoch 4
        List<String[]> u = metrics(uniform.modelDir()), c = metrics(composition.modelDir());
        assertEquals(12, c.size());
        for (int e = 0; e < 12; e++) {
            boolean same = Arrays.equals(u.get(e), c.get(e));
            assertEquals(e < 3, same, "epoch " + (e + 1) + ": " + String.join(" ", u.get(e)) + " against " + String.join(" ", c.get(e)));
        }
        assertTrue(Files.readString(composition.modelDir().resolve("train.config.yaml")).contains("loss_weighting: composition"));
        double rmseOn = composition.outcome().validationRmse(), rmseOff = uniform.outcome().validationRmse();
        assertTrue(rmseOn < 1.5 * rmseOff, "validation RMSE " + rmseOn + " weighted, " + rmseOff + " uniform");
    }

    /** Two trainings with the same settings, the second also with {@code weighting}: {plain, weighted}. */
    private static TrainRun.Result[] plainAndWeighted(String plainDir, String weightedDir, String weighting, String... common) {
        String[] weighted = Arrays.copyOf(common, common.length + 1);
        weighted[common.length] = weighting;
        return new TrainRun.Result[]{TrainRun.run(config(plainDir, common)), TrainRun.run(config(weightedDir, weighted))};
    }

    private static List<String[]> metrics(Path model) throws Exception {
        List<String> lines = Files.readAllLines(model.resolve("training_metrics.tsv"));
        assertEquals("loss_mmd", lines.get(0).split("\t")[5]);
        return lines.stream().skip(1).map(l -> l.split("\t")).toList();
    }
}
