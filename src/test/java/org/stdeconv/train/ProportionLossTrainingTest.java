package org.stdeconv.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stdeconv.config.Configs;
import org.stdeconv.data.ExpressionData;
import org.stdeconv.data.ProportionTable;
import org.stdeconv.demo.DemoData;
import org.stdeconv.io.h5ad.H5adWriter;
import org.stdeconv.model.ProportionLoss;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** optimization.proportion_loss end to end on the demo slide: what each loss learns and what the metrics table records. */
class ProportionLossTrainingTest {
    @TempDir
    Path dir;

    private TrainRun.Result train(Path slide, String name, String loss) {
        return TrainRun.run(Configs.load(TrainConfig.class, null, List.of("training_data=" + slide, "model_dir=" + dir.resolve(name),
                "network.encoder_widths=[256, 128]", "network.head_width=64", "optimization.epochs=60", "seed=5",
                "optimization.proportion_loss=" + loss)));
    }

    /** Column {@code name} of the last row of training_metrics.tsv. */
    private static String lastRow(TrainRun.Result r, String name) throws Exception {
        List<String> rows = Files.readAllLines(r.modelDir().resolve("training_metrics.tsv"));
        int c = List.of(rows.get(0).split("\t")).indexOf(name);
        assertTrue(c >= 0, name + " in " + rows.get(0));
        return rows.get(rows.size() - 1).split("\t")[c];
    }

    @Test
    void bothLossesLearnAndTheTableSaysWhichWasMinimised() throws Exception {
        ExpressionData spots = DemoData.generate(7).slide();
        Path slide = dir.resolve("slide.h5ad");
        H5adWriter.write(spots, slide);
        double baseline = TrainRunTest.meanBaselineRmse(ProportionTable.fromTruthColumns(spots, slide).values(), FoldSplit.of(spots.nObs(), 5, 0, 42));
        TrainRun.Result kl = train(slide, "kl", "kl");
        TrainRun.Result l1 = train(slide, "l1", "l1");
        for (TrainRun.Result r : List.of(kl, l1)) {
            double rmse = r.outcome().validationRmse();
            assertTrue(rmse < 0.5 * baseline, r.modelDir() + ": validation RMSE " + rmse + " vs mean-proportion baseline " + baseline);
            // the mean absolute error is logged whichever loss was minimised
            assertTrue(Double.parseDouble(lastRow(r, "loss_l1")) > 0);
        }
        double klValue = Double.parseDouble(lastRow(kl, "loss_kl"));
        assertTrue(klValue > 0, "KL is positive away from a perfect fit: " + klValue);
        assertEquals("NA", lastRow(l1, "loss_kl"), "the L1 run minimised no KL");
        assertTrue(Files.readString(kl.modelDir().resolve("train.config.yaml")).contains("proportion_loss: kl"));
        assertTrue(Files.readString(l1.modelDir().resolve("train.config.yaml")).contains("proportion_loss: l1"));
        assertEquals(ProportionLoss.L1, Configs.load(TrainConfig.class, null, List.of("training_data=" + slide, "model_dir=" + dir.resolve("unused"),
                "preset=paper")).optimization.proportionLoss, "the paper preset keeps the paper's L1");
        assertEquals(ProportionLoss.KL, Configs.load(TrainConfig.class, null, List.of("training_data=" + slide, "model_dir=" + dir.resolve("unused"))).optimization.proportionLoss,
                "fast minimises the KL divergence");
    }
}
