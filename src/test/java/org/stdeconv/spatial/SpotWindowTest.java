package org.stdeconv.spatial;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpotWindowTest {
    @Test
    void aSmallSlideIsSeenWholeWithoutItsUnplacedSpots() {
        double[][] xy = {{0, 0}, {1, 0}, {Double.NaN, 2}, {2, 2}};
        assertArrayEquals(new int[]{0, 1, 3}, SpotWindow.central(xy, 10));
    }

    @Test
    void aLargeSlideGivesTheSquareOfSpotsAroundItsCentre() {
        int side = 100;
        double[][] xy = new double[side * side][];
        for (int i = 0; i < xy.length; i++) xy[i] = new double[]{i % side, i / side};
        int[] window = SpotWindow.central(xy, 400);
        assertEquals(400, window.length);
        for (int k = 1; k < window.length; k++) assertTrue(window[k] > window[k - 1], "ascending");
        for (int i : window) {
            // the 20 x 20 square around (49.5, 49.5)
            assertTrue(Math.abs(xy[i][0] - 49.5) <= 10 && Math.abs(xy[i][1] - 49.5) <= 10, "spot at " + xy[i][0] + ", " + xy[i][1]);
        }
    }
}
