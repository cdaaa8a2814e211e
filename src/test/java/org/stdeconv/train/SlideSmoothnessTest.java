package org.stdeconv.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.stdeconv.model.PyTorchTestBase;
import org.stdeconv.spatial.SpotGraph;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
}
