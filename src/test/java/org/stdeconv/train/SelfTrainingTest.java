package org.stdeconv.train;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stdeconv.ConfigException;
import org.stdeconv.model.ModelStore;
import org.stdeconv.model.ProportionModel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** self_training: the soft labels' schedule and sharpening, and the term acting in real training, sharded or not. */
class SelfTrainingTest {
    @TempDir
    static Path dir;
    static DemoSlides slides;

    @BeforeAll
    static void data() {
        slides = DemoSlides.write(dir);
    }

    private static TrainConfig config(String modelDir, String... extra) {
        return SmallTraining.config(slides.training(), dir.resolve(modelDir), List.of("target=" + slides.target(), "optimization.early_stopping_patience=0", "seed=3",
                "optimization.epochs=20", "optimization.batch_size=64", "optimization.annealing=cosine"), extra);
    }

    @Test
    void theLabelsAreTakenAfterTheStartShareAndAgainAtEachInterval() {
        SelfTrainingSection cfg = new SelfTrainingSection();
        cfg.start = 0.5;
        cfg.every = 0.1;
        List<Integer> takes = new ArrayList<>();
        int[] step = {0};
        PseudoLabels labels = new PseudoLabels(cfg, 100, 3, rows -> {
            takes.add(step[0]);
            assertEquals(3, rows.length, "every target spot is labelled");
            return new float[][]{{0.5f, 0.5f}, {1, 0}, {0.2f, 0.8f}};
        });
        for (step[0] = 0; step[0] < 100; step[0]++) assertEquals(step[0] >= 50, labels.beforeStep(), "labels exist from step 50 on, step " + step[0]);
        assertEquals(List.of(50, 60, 70, 80, 90), takes);
    }

    @Test
    void sharpeningRaisesToOneOverTheTemperatureAndRenormalises() {
        float[] row = {0.5f, 0.3f, 0.2f};
        PseudoLabels.sharpen(row, 1);
        assertArrayEquals(new float[]{0.5f, 0.3f, 0.2f}, row, "temperature 1 keeps the prediction");
        PseudoLabels.sharpen(row, 0.5);
        assertArrayEquals(new float[]{0.25f / 0.38f, 0.09f / 0.38f, 0.04f / 0.38f}, row, 1e-6f);
    }

    @Test
    void sharpenedSelfTrainingMakesTheSlidesPredictionsPurerOnBothStepPaths() throws Exception {
        double without = meanLargestShare(TrainRun.run(config("st-off")).modelDir());
        for (String shards : new String[]{"1", "2"}) {
            TrainRun.Result with = TrainRun.run(config("st-on-" + shards, "self_training.weight=1", "self_training.temperature=0.3",
                    "self_training.start=0.3", "optimization.batch_shards=" + shards));
            double purer = meanLargestShare(with.modelDir());
            assertTrue(purer > without + 0.02, "mean largest proportion on the slide " + purer + " with self-training (shards " + shards + "), " + without + " without");
            List<String> rows = Files.readAllLines(with.modelDir().resolve("training_metrics.tsv"));
            int column = List.of(rows.get(0).split("\t")).indexOf("loss_self_training");
            assertTrue(column > 0, rows.get(0));
            assertEquals("NA", rows.get(1).split("\t")[column], "no labels in the first epoch (start 0.3)");
            String last = rows.get(rows.size() - 1).split("\t")[column];
            assertTrue(!last.equals("NA") && Double.parseDouble(last) >= 0, "the term's value in the last epoch: " + last);
        }
    }

    @Test
    void selfTrainingWithoutATargetIsRefused() {
        ConfigException e = assertThrows(ConfigException.class, () -> SmallTraining.config(slides.training(), dir.resolve("refused"), List.of(), "self_training.weight=0.3"));
        assertTrue(e.getMessage().contains("self_training.weight: self-training learns from the target slide's spots, but no target is given"), e.getMessage());
        ConfigException start = assertThrows(ConfigException.class, () -> config("refused", "self_training.start=1"));
        assertTrue(start.getMessage().contains("self_training.start: must be in [0, 1)"), start.getMessage());
    }

    /** The mean over the target slide's spots of the largest predicted proportion. */
    private static double meanLargestShare(Path model) throws Exception {
        try (ProportionModel m = ModelStore.load(model)) {
            float[][] p = m.predict(m.transform().apply(slides.targetData().alignGenes(m.genes()).counts()), null);
            double sum = 0;
            for (float[] row : p) {
                float max = 0;
                for (float v : row) max = Math.max(max, v);
                sum += max;
            }
            return sum / p.length;
        }
    }
}
