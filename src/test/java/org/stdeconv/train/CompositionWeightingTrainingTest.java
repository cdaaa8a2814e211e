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
import org.stdeconv.model.ModelStore;
import org.stdeconv.model.ProportionModel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * domain_adaptation.mmd_weighting: its config checks, and on a label-shifted demo slide (only the spots where one type
 * dominates) composition-weighted MMD predicts the slide better than plain (marginal) MMD.
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
        List<String> o = new ArrayList<>(List.of("training_data=" + training, "model_dir=" + dir.resolve(modelDir), "target=" + target,
                "network.encoder_widths=[64, 32]", "network.head_width=32", "network.domain_width=16",
                "optimization.early_stopping_patience=0", "optimization.min_steps=0", "seed=3"));
        o.addAll(List.of(extra));
        return Configs.load(TrainConfig.class, null, o);
    }

    @Test
    void refusesCompositionWeightingWithoutAnMmdTermToWeight() {
        ConfigException none = assertThrows(ConfigException.class, () -> config("m", "domain_adaptation.mmd_weighting=composition"));
        assertTrue(none.getMessage().startsWith("--set: domain_adaptation.mmd_weighting: composition weights the MMD term, but mode is none"), none.getMessage());
        ConfigException authors = assertThrows(ConfigException.class, () -> config("m", "domain_adaptation.mode=mmd",
                "domain_adaptation.mmd_weighting=composition", "domain_adaptation.variant=authors"));
        assertTrue(authors.getMessage().startsWith("--set: domain_adaptation.mmd_weighting: composition does not apply to variant authors"), authors.getMessage());
        ConfigException cap = assertThrows(ConfigException.class, () -> config("m", "domain_adaptation.weighting_max=0.5"));
        assertTrue(cap.getMessage().startsWith("--set: domain_adaptation.weighting_max: must be >= 1"), cap.getMessage());
        assertThrows(ConfigException.class, () -> config("m", "domain_adaptation.weighting_start=1"));
        assertThrows(ConfigException.class, () -> config("m", "domain_adaptation.weighting_every=0"));
    }

    @Test
    void compositionWeightingPredictsALabelShiftedSlideBetterThanMarginalMmd() throws Exception {
        String[] common = {"domain_adaptation.mode=mmd", "domain_adaptation.mmd_weight=1", "optimization.epochs=25",
                "optimization.batch_size=64", "optimization.annealing=cosine"};
        double none = targetRmse(TrainRun.run(config("none", "optimization.epochs=25", "optimization.batch_size=64", "optimization.annealing=cosine")).modelDir());
        double marginal = targetRmse(TrainRun.run(config("marginal", common)).modelDir());
        String[] weighted = Arrays.copyOf(common, common.length + 1);
        weighted[common.length] = "domain_adaptation.mmd_weighting=composition";
        double composition = targetRmse(TrainRun.run(config("composition", weighted)).modelDir());
        System.out.printf("label-shifted slide RMSE: no adaptation %.4f, marginal MMD %.4f, composition-weighted MMD %.4f%n", none, marginal, composition);
        assertTrue(composition < marginal, "composition-weighted " + composition + " vs marginal " + marginal);
    }

    private static double targetRmse(Path model) throws Exception {
        ProportionTable truth = ProportionTable.fromTruthColumns(targetData, target);
        try (ProportionModel m = ModelStore.load(model)) {
            float[][] p = m.predict(m.transform().apply(targetData.alignGenes(m.genes()).counts()), null);
            double sum = 0;
            int n = 0;
            for (int i = 0; i < p.length; i++) {
                for (int k = 0; k < p[i].length; k++) {
                    sum += Math.pow(p[i][k] - truth.values()[i][truth.types().indexOf(m.cellTypes().get(k))], 2);
                    n++;
                }
            }
            return Math.sqrt(sum / n);
        }
    }
}
