package org.stdeconv.spatial;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpotSpacingTest {
    @Test
    void squareLatticeOfSpacingTwo() {
        double[][] xy = new double[12][];
        for (int i = 0; i < 12; i++) xy[i] = new double[]{2 * (i % 4), 2 * (i / 4)};
        assertEquals(2.0, SpotSpacing.medianNearestNeighbourDistance(xy), 1e-12);
        assertEquals(3.0, SpotSpacing.defaultRadius(xy), 1e-12);
    }

    @Test
    void medianIgnoresAnIsolatedSpotAndDuplicates() {
        // three spots 1 apart, one far away (its nearest is 10), one duplicate location (distance 0 is skipped)
        double[][] xy = {{0, 0}, {1, 0}, {2, 0}, {12, 0}, {0, 0}};
        // nearest: 1, 1, 1, 10, 1 -> median 1
        assertEquals(1.0, SpotSpacing.medianNearestNeighbourDistance(xy), 1e-12);
        assertTrue(Double.isNaN(SpotSpacing.defaultRadius(new double[][]{{3, 3}, {3, 3}})));
    }

    @Test
    void aSampleOfAnchorsStillMeasuresTheWholeSlidesSpacingWhateverTheRowOrder() {
        // 100 x 100 grid of spacing 3 in shuffled rows: 500 of its spots alone lie about twice as far apart
        List<double[]> spots = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) spots.add(new double[]{3.0 * (i % 100), 3.0 * (i / 100)});
        Collections.shuffle(spots, new Random(4));
        double[][] xy = spots.toArray(double[][]::new);
        assertEquals(3.0, SpotSpacing.medianNearestNeighbourDistance(xy, 500), 1e-12);
        assertTrue(SpotSpacing.medianNearestNeighbourDistance(java.util.Arrays.copyOf(xy, 500)) > 4.5, "a sample of spots overstates it");
    }
}
