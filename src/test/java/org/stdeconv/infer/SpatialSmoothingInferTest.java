package org.stdeconv.infer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stdeconv.ConfigException;
import org.stdeconv.config.Configs;
import org.stdeconv.data.ExpressionData;
import org.stdeconv.data.ProportionTable;
import org.stdeconv.spatial.SpotGraph;

import java.nio.file.Path;
import java.util.List;

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
            ProportionTable t = ProportionTable.readTsv(tmp.resolve("out" + run).resolve(InferOutputs.PROPORTIONS_TSV));
            spread[run] = neighbourDifference(t.values(), SpotGraph.unweighted(slide.spatial()));
        }
        assertTrue(spread[1] < 0.5 * spread[0], "neighbour differences " + spread[0] + " -> " + spread[1]);
        ConfigException e = assertThrows(ConfigException.class, () -> Configs.load(InferConfig.class, null,
                List.of("model_dir=" + modelDir, "slide=" + file, "output_dir=" + tmp.resolve("x"), "spatial_smoothing=1", "chunk=1/2")));
        assertTrue(e.getMessage().contains("spatial_smoothing"), e.getMessage());
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
