package org.stdeconv.spatial;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpotGraphTest {
    /** A 5 x 5 square grid, spacing 100 (units must not matter), row-major. */
    static double[][] grid() {
        double[][] xy = new double[25][];
        for (int i = 0; i < 25; i++) xy[i] = new double[]{100.0 * (i % 5), 100.0 * (i / 5)};
        return xy;
    }

    @Test
    void joinsEachSpotToTheSpotsAroundItOnTheGrid() {
        float[][] x = new float[25][3];
        SpotGraph g = SpotGraph.of(grid(), x);
        assertArrayEquals(new int[]{1, 5, 6}, g.neighbours(0));                      // corner: 3
        assertArrayEquals(new int[]{6, 7, 8, 11, 13, 16, 17, 18}, g.neighbours(12)); // interior: 8
        assertEquals(5, g.neighbours(2).length);                                     // edge: 5
        int directed = 0;
        for (int i = 0; i < 25; i++) {
            directed += g.neighbours(i).length;
            for (int j : g.neighbours(i)) assertTrue(contains(g.neighbours(j), i), "edge " + i + "-" + j + " not symmetric");
        }
        assertEquals(directed / 2, g.edges());
        // identical expression everywhere: every pair is held together fully
        for (float w : g.weights(12)) assertEquals(1f, w);
    }

    @Test
    void weighsNeighboursByHowAlikeTheirExpressionIs() {
        float[][] x = new float[25][];
        // left two columns express gene 0, the rest gene 1: a boundary between columns 1 and 2
        for (int i = 0; i < 25; i++) x[i] = i % 5 < 2 ? new float[]{3, 0} : new float[]{0, 3};
        x[12] = new float[]{0, 3.2f};
        SpotGraph g = SpotGraph.of(grid(), x);
        int[] nb = g.neighbours(12);
        float[] w = g.weights(12);
        float across = 0, within = 0;
        for (int e = 0; e < nb.length; e++) {
            if (nb[e] % 5 < 2) across = Math.max(across, w[e]);
            else within = Math.max(within, w[e]);
        }
        assertTrue(within > 0.9f, "alike neighbours: " + within);
        assertTrue(across < 0.01f, "neighbours across the boundary: " + across);
    }

    @Test
    void spotsWithoutCoordinatesHaveNoNeighbours() {
        double[][] xy = grid();
        xy[7] = new double[]{Double.NaN, Double.NaN};
        SpotGraph g = SpotGraph.of(xy, new float[25][2]);
        assertEquals(0, g.neighbours(7).length);
        for (int i = 0; i < 25; i++) assertTrue(!contains(g.neighbours(i), 7));
    }

    private static boolean contains(int[] a, int v) {
        for (int x : a) if (x == v) return true;
        return false;
    }
}
