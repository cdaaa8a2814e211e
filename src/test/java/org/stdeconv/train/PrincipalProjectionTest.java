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

    private static double dot(float[] w, int rowA, float[] v, int rowB, int inputs) {
        double s = 0;
        for (int g = 0; g < inputs; g++) s += w[rowA * inputs + g] * (double) v[rowB * inputs + g];
        return s;
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
        TrainConfig cfg = SmallTraining.config(slide, dir.resolve("model"), java.util.List.of("network.projection=16",
                "optimization.epochs=30", "optimization.early_stopping_patience=0", "seed=3"));
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
            // fast's default basis: the cell types' directions, then principal components
            assertEquals(ProjectionBasis.CELL_TYPES_FIRST, cfg.network.projectionBasis);
            int[] rows = data.split().train();
            double[][] proportions = new double[rows.length][];
            for (int i = 0; i < rows.length; i++) proportions[i] = data.y()[rows[i]];
            PrincipalProjection fitted = PrincipalProjection.fit(m, data.x(), proportions, rows, 16, data.genes().size(), 3);
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
    /**
     * 4,000 spots over 60 genes: three common types with broad profiles, and a rare one (in 1 spot of 10, at a share
     * up to 0.14) that differs from the others on 3 genes only; every gene carries noise (sd 0.6) of more variance
     * than the rare type adds along its direction. Returns {x, proportions}.
     */
    private static Object[] withRareType(long seed) {
        Random r = new Random(seed);
        int genes = 60, spots = 4000;
        double[][] profiles = new double[4][genes];
        for (int t = 0; t < 3; t++) for (int g = 0; g < genes; g++) profiles[t][g] = 3 * r.nextDouble();
        for (int g = 0; g < genes; g++) profiles[3][g] = (profiles[0][g] + profiles[1][g] + profiles[2][g]) / 3;
        for (int g = 0; g < 3; g++) profiles[3][g] += 4;
        float[][] x = new float[spots][genes];
        double[][] y = new double[spots][4];
        for (int i = 0; i < spots; i++) {
            double rare = i % 10 == 0 ? 0.14 * r.nextDouble() : 0;
            double a = r.nextDouble(), b = r.nextDouble() * (1 - a), c = 1 - a - b;
            y[i] = new double[]{a * (1 - rare), b * (1 - rare), c * (1 - rare), rare};
            for (int g = 0; g < genes; g++) {
                double v = 0;
                for (int t = 0; t < 4; t++) v += y[i][t] * profiles[t][g];
                x[i][g] = (float) (v + 0.6 * r.nextGaussian());
            }
        }
        return new Object[]{x, y};
    }

    /** Share of the unit vector u's length that the layer's component rows (their span) keep. */
    private static double keptShare(PrincipalProjection p, int components, int inputs, double[] u) {
        float[] w = p.weight();
        // Gram-Schmidt over the component rows, then the squared length of u's projection onto their span
        double[][] basis = new double[components][];
        int n = 0;
        for (int c = 0; c < components; c++) {
            double[] v = new double[u.length];
            for (int g = 0; g < u.length; g++) v[g] = w[c * inputs + g];
            for (int b = 0; b < n; b++) {
                double d = 0;
                for (int g = 0; g < u.length; g++) d += v[g] * basis[b][g];
                for (int g = 0; g < u.length; g++) v[g] -= d * basis[b][g];
            }
            double norm = 0;
            for (double e : v) norm += e * e;
            if (norm < 1e-12) continue;
            for (int g = 0; g < u.length; g++) v[g] /= Math.sqrt(norm);
            basis[n++] = v;
        }
        double kept = 0;
        for (int b = 0; b < n; b++) {
            double d = 0;
            for (int g = 0; g < u.length; g++) d += u[g] * basis[b][g];
            kept += d * d;
        }
        return kept;
    }

    @Test
    void cellTypesFirstKeepsARareTypesDirectionThatThePrincipalComponentsMiss() {
        Object[] data = withRareType(14);
        float[][] x = (float[][]) data[0];
        double[][] y = (double[][]) data[1];
        // the rare type's direction: its profile minus the mean of the others = +4 on genes 0-2
        double[] rare = new double[60];
        for (int g = 0; g < 3; g++) rare[g] = 1 / Math.sqrt(3);
        EngineSetup.startSeeded(1, 1);
        try (NDManager m = NDManager.newBaseManager(ai.djl.Device.cpu(), "PyTorch")) {
            int components = 6;
            PrincipalProjection principal = PrincipalProjection.fit(m, x, all(x.length), components, 60, 5);
            PrincipalProjection typesFirst = PrincipalProjection.fit(m, x, y, all(x.length), components, 60, 5);
            double missed = keptShare(principal, components, 60, rare), kept = keptShare(typesFirst, components, 60, rare);
            assertTrue(missed < 0.3, "principal components alone keep " + missed + " of the rare type's direction");
            assertTrue(kept > 0.75, "cell types first keeps " + kept + " of it");

            // the output rows are orthogonal, the scores centred with unit variance on average
            float[] w = typesFirst.weight(), b = typesFirst.bias();
            double[] mean = new double[components], square = new double[components];
            for (float[] row : x) {
                for (int c = 0; c < components; c++) {
                    double s = b[c];
                    for (int g = 0; g < 60; g++) s += w[c * 60 + g] * row[g];
                    mean[c] += s / x.length;
                    square[c] += s * s / x.length;
                }
            }
            double total = 0;
            int zero = 0;
            for (int c = 0; c < components; c++) {
                assertEquals(0, mean[c], 1e-3, "output " + c + " is centred");
                total += square[c] / components * x.length / (x.length - 1);
                if (dot(w, c, w, c, 60) == 0) {
                    zero++;
                    continue;
                }
                for (int d = 0; d < c; d++) {
                    if (dot(w, d, w, d, 60) == 0) continue;
                    double dot = 0, nc = 0, nd = 0;
                    for (int g = 0; g < 60; g++) {
                        dot += w[c * 60 + g] * (double) w[d * 60 + g];
                        nc += w[c * 60 + g] * (double) w[c * 60 + g];
                        nd += w[d * 60 + g] * (double) w[d * 60 + g];
                    }
                    assertEquals(0, dot / Math.sqrt(nc * nd), 1e-3, "rows " + d + " and " + c + " are orthogonal");
                }
            }
            assertEquals(1, total, 1e-3, "unit variance on average");
            // proportions sum to 1, so the centred type profiles span K - 1 directions: one type output stays 0
            assertEquals(1, zero, "outputs that read nothing");
            assertArrayEquals(w, PrincipalProjection.fit(m, x, y, all(x.length), components, 60, 5).weight(), "the same inputs and seed give the same layer");
        }
    }
}
