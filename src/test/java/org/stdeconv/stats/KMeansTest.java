package org.stdeconv.stats;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class KMeansTest {
    @Test
    void handExampleInOneDimension() {
        KMeans.Result r = KMeans.fit(new double[][]{{0}, {0.1}, {10}, {10.1}}, 2, 1, 5, 100);
        assertArrayEquals(new int[]{0, 0, 1, 1}, r.labels());
        assertEquals(0.05, r.centres()[0][0], 1e-12);
        assertEquals(10.05, r.centres()[1][0], 1e-12);
        assertEquals(4 * 0.05 * 0.05, r.inertia(), 1e-12);
    }

    @Test
    void recoversSeparatedBlobsAndIsReproducible() {
        Random rnd = new Random(3);
        double[][] centres = {{0, 0}, {5, 5}, {0, 5}};
        double[][] pts = new double[60][];
        for (int i = 0; i < pts.length; i++) {
            double[] c = centres[i % 3];
            pts[i] = new double[]{c[0] + 0.3 * rnd.nextGaussian(), c[1] + 0.3 * rnd.nextGaussian()};
        }
        KMeans.Result r = KMeans.fit(pts, 3, 42, 10, 300);
        // points 0, 1, 2 come from blobs 0, 1, 2: renumbering by first appearance makes the labels i % 3
        for (int i = 0; i < pts.length; i++) assertEquals(i % 3, r.labels()[i], "point " + i);
        assertArrayEquals(r.labels(), KMeans.fit(pts, 3, 42, 10, 300).labels());
        assertEquals(r.inertia(), KMeans.fit(pts, 3, 42, 10, 300).inertia(), 0);
    }

    @Test
    void tooFewDistinctPointsIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> KMeans.fit(new double[][]{{1}, {1}, {1}}, 2, 1, 1, 10));
        assertThrows(IllegalArgumentException.class, () -> KMeans.fit(new double[][]{{1}}, 2, 1, 1, 10));
    }
}
