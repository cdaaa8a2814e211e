package org.stdeconv.train;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stdeconv.config.Configs;
import org.stdeconv.data.ProportionTable;
import org.stdeconv.demo.DemoData;
import org.stdeconv.io.h5ad.H5adWriter;
import org.stdeconv.model.DeconvNetwork;
import org.stdeconv.model.EngineSetup;
import org.stdeconv.model.ModelManifest;
import org.stdeconv.model.ModelStore;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** network.projection: the fixed principal-component first layer. */
class PrincipalProjectionTest {
    @TempDir
    Path dir;

    /** 300 spots over 40 genes that mix 3 profiles, plus a little noise. */
    private static float[][] lowRank(long seed) {
        Random r = new Random(seed);
        double[][] profiles = new double[3][40];
        for (double[] p : profiles) for (int g = 0; g < 40; g++) p[g] = 3 * r.nextDouble();
        float[][] x = new float[300][40];
        for (float[] row : x) {
            double a = r.nextDouble(), b = r.nextDouble() * (1 - a), c = 1 - a - b;
            for (int g = 0; g < 40; g++) row[g] = (float) (a * profiles[0][g] + b * profiles[1][g] + c * profiles[2][g] + 0.01 * r.nextGaussian());
        }
        return x;
    }

    private static int[] all(int n) {
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) rows[i] = i;
        return rows;
    }

    @Test
    void keepsTheDataOwnDirectionsCentredAndScaledAndPassesCoordinatesThrough() {
        float[][] x = lowRank(1);
        EngineSetup.startSeeded(1, 1);
        try (NDManager m = NDManager.newBaseManager(ai.djl.Device.cpu(), "PyTorch")) {
            PrincipalProjection p = PrincipalProjection.fit(m, x, all(x.length), 2, 42, 5);
            assertEquals(4, p.outputs(), "2 components and 2 coordinates");
            float[] w = p.weight(), b = p.bias();
            // the two component rows are orthogonal, of one common length, and read no coordinate column
            double n0 = dot(w, 0, w, 0), n1 = dot(w, 1, w, 1);
            assertEquals(n0, n1, 1e-4 * n0);
            assertEquals(0, dot(w, 0, w, 1), 1e-4 * n0);
            for (int c = 0; c < 2; c++) {
                assertEquals(0f, w[c * 42 + 40]);
                assertEquals(0f, w[c * 42 + 41]);
            }
            // coordinate rows are the identity on their columns
            assertEquals(1f, w[2 * 42 + 40]);
            assertEquals(1f, w[3 * 42 + 41]);
            assertEquals(0f, b[2] + b[3]);
            // scores: mean 0, mean variance 1, and they hold nearly all of the data's variance (3 profiles mixed
            // with weights summing to 1 span a 2-dimensional affine plane)
            double[] mean = new double[2], square = new double[2];
            for (float[] row : x) {
                for (int c = 0; c < 2; c++) {
                    double s = b[c];
                    for (int g = 0; g < 40; g++) s += w[c * 42 + g] * row[g];
                    mean[c] += s / x.length;
                    square[c] += s * s / x.length;
                }
            }
            assertEquals(0, mean[0], 1e-3);
            assertEquals(0, mean[1], 1e-3);
            assertEquals(1, (square[0] + square[1]) / 2 * x.length / (x.length - 1), 1e-3);
            double kept = (square[0] + square[1]) / n0, total = 0;
            for (int g = 0; g < 40; g++) {
                double mu = 0, sq = 0;
                for (float[] row : x) {
                    mu += row[g] / (double) x.length;
                    sq += row[g] * (double) row[g] / x.length;
                }
                total += sq - mu * mu;
            }
            assertTrue(kept > 0.99 * total, "kept " + kept + " of " + total);

            PrincipalProjection again = PrincipalProjection.fit(m, x, all(x.length), 2, 42, 5);
            assertArrayEquals(w, again.weight(), "the same inputs and seed give the same layer");
        }
    }

    private static double dot(float[] w, int rowA, float[] v, int rowB) {
        double s = 0;
        for (int g = 0; g < 40; g++) s += w[rowA * 42 + g] * (double) v[rowB * 42 + g];
        return s;
    }

    @Test
    void trainingLeavesTheLayerAsFittedAndInferenceUsesIt() throws Exception {
        Path slide = dir.resolve("slide.h5ad");
        H5adWriter.write(DemoData.generate(7).slide(), slide);
        TrainConfig cfg = Configs.load(TrainConfig.class, null, java.util.List.of("training_data=" + slide, "model_dir=" + dir.resolve("model"),
                "network.encoder_widths=[64, 32]", "network.head_width=32", "network.domain_width=16", "network.projection=16",
                "optimization.epochs=30", "optimization.early_stopping_patience=0", "optimization.min_steps=0", "seed=3"));
        TrainRun.Result r = TrainRun.run(cfg);
        ModelManifest manifest = ModelStore.readManifest(r.modelDir());
        assertEquals(16, manifest.network.projection);
        FoldSplit split = FoldSplit.of(400, 5, 0, 42);
        double[][] y = ProportionTable.fromTruthColumns(DemoData.generate(7).slide(), slide).values();
        double rmse = r.outcome().validationRmse();
        assertTrue(rmse < 0.5 * TrainRunTest.meanBaselineRmse(y, split), "it learns through the projection: validation RMSE " + rmse);

        TrainingData data = TrainingData.load(cfg);
        EngineSetup.startSeeded(1, 3);
        try (NDManager m = NDManager.newBaseManager(ai.djl.Device.cpu(), "PyTorch")) {
            PrincipalProjection fitted = PrincipalProjection.fit(m, data.x(), data.split().train(), 16, data.genes().size(), 3);
            DeconvNetwork saved = new DeconvNetwork(manifest.network);
            saved.initialize(m);
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(r.modelDir().resolve("parameters.bin"))))) {
                saved.loadParameters(m, in);
            }
            for (Parameter p : saved.projection().getParameters().values()) {
                float[] expected = p.getType() == Parameter.Type.WEIGHT ? fitted.weight() : fitted.bias();
                assertArrayEquals(expected, p.getArray().toFloatArray(), "the saved " + p.getName() + " is the fitted one: training did not move it");
            }
        }
        // 320 training spots span 319 directions: a projection onto 320 is not made, every gene is read
        TrainConfig wide = Configs.load(TrainConfig.class, null, java.util.List.of("training_data=" + slide, "model_dir=" + dir.resolve("wide"),
                "network.encoder_widths=[16, 8]", "network.head_width=8", "network.domain_width=8", "network.projection=320",
                "optimization.epochs=1", "optimization.min_steps=0", "seed=3"));
        assertEquals(0, ModelStore.readManifest(TrainRun.run(wide).modelDir()).network.projection);
    }
}
