package org.stdeconv.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.stdeconv.model.PyTorchTestBase;
import org.stdeconv.spatial.SpotGraph;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class SlideSmoothnessTest extends PyTorchTestBase {
    /** Four spots on a line (spacing 1): 0-1, 1-2 and 2-3 are neighbours; the "proportions" are the inputs themselves. */
    @Test
    void isTheWeightedMeanSquaredDifferenceOfEachSpotAndOneOfItsNeighbours() {
        double[][] xy = {{0, 0}, {1, 0}, {2, 0}, {3, 0}};
        float[][] p = {{1, 0}, {0.8f, 0.2f}, {0.2f, 0.8f}, {0, 1}};
        SpotGraph graph = SpotGraph.of(xy, p);
        try (NDManager sm = manager.newSubManager()) {
            NDArray inputs = sm.create(new float[]{1, 0, 0.8f, 0.2f, 0.2f, 0.8f, 0, 1}, new Shape(4, 2));
            long seed = 5;
            SlideSmoothness loss = new SlideSmoothness(graph, inputs, 4, seed);
            int[] rows = {0, 1, 2, 3};
            float value = loss.evaluate(sm, rows, x -> x).getFloat();

            // the same draws by hand: the partner of each spot from the loss's own stream
            Random r = new Random(seed ^ 0x736d6f6f74L);
            double num = 0, den = 0;
            for (int i : rows) {
                int e = r.nextInt(graph.neighbours(i).length);
                int j = graph.neighbours(i)[e];
                double w = graph.weights(i)[e], d = 0;
                for (int k = 0; k < 2; k++) d += Math.pow(p[i][k] - p[j][k], 2);
                num += w * d;
                den += w;
            }
            assertEquals(num / den, value, 1e-6);
        }
    }

    @Test
    void givesNoLossWhenNoSpotOfTheBatchHasANeighbour() {
        double[][] xy = {{0, 0}, {Double.NaN, 0}, {50, 50}};
        // spacing from the two finite spots is 70.7, so spot 0 and 2 are neighbours; spot 1 has none
        try (NDManager sm = manager.newSubManager()) {
            SlideSmoothness loss = new SlideSmoothness(SpotGraph.of(xy, new float[3][1]), sm.zeros(new Shape(3, 1)), 4, 1);
            assertNull(loss.evaluate(sm, new int[]{1}, x -> x));
        }
    }

    /** Two slides on the same coordinates: every pair the loss compares lies within one slide. */
    @Test
    void pairsOnlySpotsOfOneSlide() {
        double[][] xy = new double[16][];
        float[][] rows = new float[32][];
        for (int i = 0; i < 16; i++) xy[i] = new double[]{i % 4, i / 4};
        for (int r = 0; r < 32; r++) rows[r] = new float[]{r};
        List<TargetSlide> slides = List.of(new TargetSlide("target[0]", Path.of("a"), 0, 16, xy), new TargetSlide("target[1]", Path.of("b"), 16, 16, xy));
        try (NDManager sm = manager.newSubManager()) {
            float[] ids = new float[32];
            for (int r = 0; r < 32; r++) ids[r] = r;
            SlideSmoothness loss = new SlideSmoothness(TargetNeighbours.of(slides, rows), sm.create(ids, new Shape(32, 1)), 32, 3);
            int[] batch = new int[32];
            for (int r = 0; r < 32; r++) batch[r] = r;
            List<float[]> compared = new ArrayList<>();
            loss.evaluate(sm, batch, x -> {
                compared.add(x.toFloatArray());
                return x;
            });
            float[] pairs = compared.get(0);
            int m = pairs.length / 2;
            assertEquals(32, m, "every spot of a 4 x 4 grid has a neighbour");
            for (int e = 0; e < m; e++) {
                assertEquals(pairs[e] < 16, pairs[m + e] < 16, "pair " + pairs[e] + " - " + pairs[m + e]);
                assertNotEquals(pairs[e], pairs[m + e]);
            }
        }
    }
}
