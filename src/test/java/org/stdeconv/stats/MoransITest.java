package org.stdeconv.stats;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MoransITest {
    private static final double[][] LINE = {{0, 0}, {1, 0}, {2, 0}, {3, 0}};

    @Test
    void neighboursOnALineIncludeTies() {
        int[][] nb = MoransI.neighbours(LINE, 1);
        assertArrayEquals(new int[]{1}, nb[0]);
        assertArrayEquals(new int[]{0, 2}, nb[1]);
        assertArrayEquals(new int[]{1, 3}, nb[2]);
        assertArrayEquals(new int[]{2}, nb[3]);
    }

    @Test
    void handValues() {
        // z = (-1.5, -0.5, 0.5, 1.5), edges 0-1, 1-2, 2-3 both ways: Σwzz = 2 (0.75 - 0.25 + 0.75) = 2.5, W = 6, Σz² = 5
        assertEquals(4.0 / 6 * 2.5 / 5, MoransI.of(new double[]{1, 2, 3, 4}, LINE, 1), 1e-12);
        // alternating: every product is -0.25 -> 4/6 * (-1.5) / 1
        assertEquals(-1.0, MoransI.of(new double[]{1, 0, 1, 0}, LINE, 1), 1e-12);
    }

    @Test
    void squareGridInnerSpotHasFourNeighbours() {
        double[][] grid = new double[25][];
        for (int i = 0; i < 25; i++) grid[i] = new double[]{i % 5, i / 5};
        int[][] nb = MoransI.neighbours(grid, 4);
        assertArrayEquals(new int[]{7, 11, 13, 17}, nb[12]);
        // a corner's 4th-nearest distance is 2, which takes in the diagonal spot too
        assertArrayEquals(new int[]{1, 2, 5, 6, 10}, nb[0]);
    }

    @Test
    void constantValueIsNaN() {
        assertTrue(Double.isNaN(MoransI.of(new double[]{0.1, 0.1, 0.1, 0.1}, LINE, 1)));
        double[] tenths = new double[10];
        java.util.Arrays.fill(tenths, 0.1);
        double[][] line10 = new double[10][];
        for (int i = 0; i < 10; i++) line10[i] = new double[]{i, 0};
        assertTrue(Double.isNaN(MoransI.of(tenths, line10, 2)));
    }
}
