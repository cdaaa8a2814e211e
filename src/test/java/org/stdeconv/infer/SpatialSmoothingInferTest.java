package org.stdeconv.infer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stdeconv.ConfigException;
import org.stdeconv.config.Configs;
import org.stdeconv.data.CsrMatrix;
import org.stdeconv.data.ExpressionData;
import org.stdeconv.data.ObsTable;
import org.stdeconv.data.ProportionTable;
import org.stdeconv.io.anndata.AnnDataParts;
import org.stdeconv.io.text.ProportionTableReader;
import org.stdeconv.spatial.SpotGraph;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpatialSmoothingInferTest {
    @TempDir
    Path tmp;

    @Test
    void smoothingMakesNeighbouringSpotsAgreeMoreAndIsRefusedForAChunk() throws Exception {
        ExpressionData slide = SyntheticSlides.slide(200, LinearSoftmaxModel.genes("g", 0, 40), 4);
        Path file = SyntheticSlides.write(slide, tmp.resolve("slide.h5ad"));
        LinearSoftmaxModel model = LinearSoftmaxModel.of(LinearSoftmaxModel.genes("g", 0, 40), 3);
        Path modelDir = java.nio.file.Files.createDirectories(tmp.resolve("model"));
        double[] spread = new double[2];
        for (int run = 0; run < 2; run++) {
            InferConfig c = Configs.load(InferConfig.class, null, List.of("model_dir=" + modelDir, "slide=" + file,
                    "output_dir=" + tmp.resolve("out" + run), "spatial_smoothing=" + (run == 0 ? 0 : 1)));
            InferenceTest.run(c, model);
            ProportionTable t = ProportionTableReader.read(tmp.resolve("out" + run).resolve(InferOutputs.PROPORTIONS_TSV));
            spread[run] = neighbourDifference(t.values(), SpotGraph.unweighted(slide.spatial()));
        }
        assertTrue(spread[1] < 0.5 * spread[0], "neighbour differences " + spread[0] + " -> " + spread[1]);
        ConfigException e = assertThrows(ConfigException.class, () -> Configs.load(InferConfig.class, null,
                List.of("model_dir=" + modelDir, "slide=" + file, "output_dir=" + tmp.resolve("x"), "spatial_smoothing=1", "chunk=1/2")));
        assertTrue(e.getMessage().contains("spatial_smoothing"), e.getMessage());
    }

    /**
     * Spots on a grid, each with counts drawn around an expression profile: its own random one ({@code ownProfiles})
     * or one shared by all, at {@code depth} counts per spot.
     */
    private static ExpressionData profiled(List<String> genes, boolean ownProfiles, double depth, long seed) {
        Random r = new Random(seed);
        int spots = 400;
        double[] shared = profile(genes.size(), r);
        CsrMatrix.Builder b = new CsrMatrix.Builder(genes.size());
        float[] row = new float[genes.size()];
        List<String> names = new ArrayList<>();
        double[][] xy = new double[spots][];
        for (int i = 0; i < spots; i++) {
            double[] mu = ownProfiles ? profile(genes.size(), r) : shared;
            for (int j = 0; j < row.length; j++) row[j] = poisson(depth * mu[j], r);
            b.addDenseRow(row);
            names.add("spot_" + i);
            xy[i] = new double[]{i % 20, i / 20};
        }
        return new ExpressionData(b.build(), names, genes, new ObsTable(spots), xy, Map.of());
    }

    private static double[] profile(int genes, Random r) {
        double[] mu = new double[genes];
        double sum = 0;
        for (int j = 0; j < genes; j++) sum += mu[j] = Math.pow(r.nextDouble(), 3);
        for (int j = 0; j < genes; j++) mu[j] /= sum;
        return mu;
    }

    private static int poisson(double mean, Random r) {
        if (mean > 50) return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * r.nextGaussian()));
        int k = 0;
        for (double p = Math.exp(-mean), u = r.nextDouble(); u > p; u -= p, p *= mean / ++k) {
        }
        return k;
    }

    @Test
    void autoSmoothsWhereTheSpotsDifferByCountingNoiseAloneAndLeavesRealDifferencesAlone() throws Exception {
        List<String> genes = LinearSoftmaxModel.genes("g", 0, 40);
        LinearSoftmaxModel model = LinearSoftmaxModel.of(genes, 3);
        Path modelDir = java.nio.file.Files.createDirectories(tmp.resolve("model"));
        // every spot its own profile, deeply sequenced: the differences between neighbours are real
        Path distinct = SyntheticSlides.write(profiled(genes, true, 1e6, 1), tmp.resolve("distinct.h5ad"));
        assertArrayEquals(flat(inferred(modelDir, distinct, "0", model, "distinct-off")), flat(inferred(modelDir, distinct, "auto", model, "distinct")));
        assertTrue(unsNote("distinct").startsWith("auto: lambda 0, "), unsNote("distinct"));
        // one profile everywhere at 30 counts a spot: the differences are counting noise, and the truth is the
        // network's answer to the profile itself
        ExpressionData sameSlide = profiled(genes, false, 30, 2);
        Path same = SyntheticSlides.write(sameSlide, tmp.resolve("same.h5ad"));
        double[][] off = inferred(modelDir, same, "0", model, "same-off");
        double[][] auto = inferred(modelDir, same, "auto", model, "same");
        float[] truth = model.predict(model.transform().apply(profiled(genes, false, 1e9, 2).counts().sliceRows(0, 1)), null)[0];
        assertTrue(unsNote("same").matches("auto: lambda (0\\.[1-9]\\d*|1|1\\.5|2), .*"), unsNote("same"));
        assertTrue(error(auto, truth) < 0.9 * error(off, truth), "RMSE " + error(off, truth) + " -> " + error(auto, truth));
        assertEquals("off", unsNote("same-off"));
        // without coordinates auto has nothing to work with: the network's answers, and uns says why
        ExpressionData placeless = profiled(genes, false, 30, 2);
        placeless = new ExpressionData(placeless.counts(), placeless.obsNames(), placeless.varNames(), new ObsTable(placeless.counts().rows()), null, Map.of());
        Path noXy = SyntheticSlides.write(placeless, tmp.resolve("no-xy.h5ad"));
        assertArrayEquals(flat(off), flat(inferred(modelDir, noXy, "auto", model, "no-xy")));
        assertEquals("auto: not applied (the slide has no coordinates)", unsNote("no-xy"));
        // the default is auto; on a chunk it does nothing and says why
        InferConfig chunk = Configs.load(InferConfig.class, null, List.of("model_dir=" + modelDir, "slide=" + same, "output_dir=" + tmp.resolve("chunk"), "chunk=1/2", "batch_size=100"));
        assertTrue(chunk.spatialSmoothing.isAuto());
        InferenceTest.run(chunk, model);
        assertTrue(unsNote("chunk").startsWith("auto: not applied (this run is one chunk"), unsNote("chunk"));
        InferConfig second = Configs.load(InferConfig.class, null, List.of("model_dir=" + modelDir, "slide=" + same, "output_dir=" + tmp.resolve("chunk2"), "chunk=2/2", "batch_size=100"));
        InferenceTest.run(second, model);
        ChunkMerger.merge(List.of(tmp.resolve("chunk"), tmp.resolve("chunk2")), tmp.resolve("merged"));
        assertTrue(unsNote("merged").startsWith("auto: not applied (the slide was inferred in chunks and merged"), unsNote("merged"));
        assertArrayEquals(flat(off), flat(ProportionTableReader.read(tmp.resolve("merged").resolve(InferOutputs.PROPORTIONS_TSV)).values()));
    }

    @Test
    void aWrongValueIsOneLineNamingTheKey() {
        for (String bad : List.of("fast", "-0.5", "[1, 2]", "1e308")) {
            ConfigException e = assertThrows(ConfigException.class, () -> Configs.load(InferConfig.class, null,
                    List.of("model_dir=" + tmp, "slide=" + tmp, "output_dir=" + tmp.resolve("x"), "spatial_smoothing=" + bad)));
            assertTrue(e.getMessage().contains("spatial_smoothing") && e.getMessage().contains("auto") && !e.getMessage().contains("\n"), e.getMessage());
        }
        InferConfig auto = Configs.load(InferConfig.class, null, List.of("model_dir=" + tmp, "slide=" + tmp, "output_dir=" + tmp.resolve("x"), "spatial_smoothing=auto"));
        assertTrue(auto.spatialSmoothing.isAuto());
        assertTrue(Configs.toYaml(auto).contains("spatial_smoothing: auto"), Configs.toYaml(auto));
        assertTrue(Configs.toYaml(new InferConfig()).contains("spatial_smoothing: auto"));
        InferConfig fixed = Configs.load(InferConfig.class, null, List.of("model_dir=" + tmp, "slide=" + tmp, "output_dir=" + tmp.resolve("x"), "spatial_smoothing=0.5"));
        assertEquals(0.5, fixed.spatialSmoothing.lambda());
        assertTrue(Configs.toYaml(fixed).contains("spatial_smoothing: 0.5"), Configs.toYaml(fixed));
    }

    private double[][] inferred(Path modelDir, Path slideFile, String setting, LinearSoftmaxModel model, String name) throws Exception {
        InferConfig c = Configs.load(InferConfig.class, null, List.of("model_dir=" + modelDir, "slide=" + slideFile,
                "output_dir=" + tmp.resolve(name), "spatial_smoothing=" + setting, "maps=false"));
        InferenceTest.run(c, model);
        return ProportionTableReader.read(tmp.resolve(name).resolve(InferOutputs.PROPORTIONS_TSV)).values();
    }

    private String unsNote(String name) throws Exception {
        return InferOutputs.unsString(AnnDataParts.read(tmp.resolve(name).resolve(InferOutputs.ANNOTATED_H5AD)), InferOutputs.UNS_SPATIAL_SMOOTHING);
    }

    private static double error(double[][] p, float[] truth) {
        double s = 0;
        for (double[] row : p) for (int k = 0; k < row.length; k++) s += Math.pow(row[k] - truth[k], 2);
        return Math.sqrt(s / (p.length * truth.length));
    }

    private static double[] flat(double[][] p) {
        return java.util.Arrays.stream(p).flatMapToDouble(java.util.Arrays::stream).toArray();
    }

    private static double neighbourDifference(double[][] p, SpotGraph g) {
        double s = 0;
        int n = 0;
        for (int i = 0; i < p.length; i++) {
            for (int j : g.neighbours(i)) {
                for (int k = 0; k < p[i].length; k++) s += Math.pow(p[i][k] - p[j][k], 2);
                n++;
            }
        }
        return s / n;
    }
}
