package org.stdeconv.train;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stdeconv.data.ExpressionData;
import org.stdeconv.model.ModelStore;
import org.stdeconv.model.ProportionModel;
import org.stdeconv.spatial.SpotGraph;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The session-6 schedule keys (annealing, min_steps) and the slide smoothness loss, trained for real on the demo slides. */
class ScheduleTrainingTest {
    @TempDir
    static Path dir;
    static Path slide, target;
    static ExpressionData targetData;

    @BeforeAll
    static void data() {
        DemoSlides slides = DemoSlides.write(dir);
        slide = slides.training();
        target = slides.target();
        targetData = slides.targetData();
    }

    private static TrainConfig config(String modelDir, String... extra) {
        return SmallTraining.config(slide, dir.resolve(modelDir), List.of("optimization.early_stopping_patience=0", "seed=3"), extra);
    }

    @Test
    void minStepsRaisesTheEpochsOfASmallTrainingSet() throws Exception {
        // 400 spots, fold 0 held out: 320 training spots = 5 batches of 64 per epoch; 2 epochs would be 10 steps
        TrainRun.Result r = TrainRun.run(config("min-steps", "optimization.epochs=2", "optimization.min_steps=28", "optimization.batch_size=64",
                "optimization.annealing=cosine"));
        assertEquals(6, r.outcome().unitsRun(), "ceil(28 / 5) epochs");
        assertEquals(7, Files.readAllLines(r.modelDir().resolve("training_metrics.tsv")).size());
        TrainRun.Result plain = TrainRun.run(config("no-min-steps", "optimization.epochs=2", "optimization.batch_size=64"));
        assertEquals(2, plain.outcome().unitsRun());
    }

    @Test
    void slideSmoothnessBringsNeighbouringTargetSpotsCloserThanTrainingWithoutIt() throws Exception {
        String[] common = {"target=" + target, "optimization.epochs=25", "optimization.batch_size=64", "optimization.annealing=cosine"};
        TrainRun.Result without = TrainRun.run(config("smooth-off", concat(common, "slide_smoothness.weight=0")));
        TrainRun.Result with = TrainRun.run(config("smooth-on", concat(common, "slide_smoothness.weight=5")));
        SpotGraph graph = SpotGraph.of(targetData.spatial(), new float[targetData.nObs()][1]);
        double off = neighbourDifference(without.modelDir(), graph), on = neighbourDifference(with.modelDir(), graph);
        System.out.printf("neighbour difference %.5f -> %.5f, validation %.4f -> %.4f%n", off, on, without.outcome().validationRmse(), with.outcome().validationRmse());
        assertTrue(on < 0.7 * off, "mean squared difference of neighbours' proportions: " + on + " with the loss, " + off + " without");
        // it stays a deconvolution: the held-out pseudo-spots are predicted about as well as without the loss
        double rmseOn = with.outcome().validationRmse(), rmseOff = without.outcome().validationRmse();
        assertTrue(rmseOn < 1.5 * rmseOff, "validation RMSE " + rmseOn + " with smoothness, " + rmseOff + " without");
        List<String> rows = Files.readAllLines(with.modelDir().resolve("training_metrics.tsv"));
        int column = List.of(rows.get(0).split("\t")).indexOf("loss_smoothness");
        assertTrue(column > 0 && rows.stream().skip(1).noneMatch(l -> l.split("\t")[column].equals("NA")), "loss_smoothness recorded every epoch");
    }

    private static double neighbourDifference(Path model, SpotGraph graph) throws Exception {
        try (ProportionModel m = ModelStore.load(model)) {
            ExpressionData aligned = targetData.alignGenes(m.genes());
            float[][] p = m.predict(m.transform().apply(aligned.counts()), null);
            double sum = 0;
            int n = 0;
            for (int i = 0; i < p.length; i++) {
                for (int j : graph.neighbours(i)) {
                    for (int k = 0; k < p[i].length; k++) sum += Math.pow(p[i][k] - p[j][k], 2);
                    n++;
                }
            }
            return sum / n;
        }
    }

    private static String[] concat(String[] a, String b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + 1);
        out[a.length] = b;
        return out;
    }
}
