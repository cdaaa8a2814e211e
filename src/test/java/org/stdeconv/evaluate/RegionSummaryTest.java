package org.stdeconv.evaluate;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RegionSummaryTest {
    @Test
    void meansPerRegionLeaveOutUnannotatedSpots() {
        double[][] p = {{0.9, 0.1}, {0.8, 0.2}, {0.1, 0.9}, {0.5, 0.5}};
        RegionSummary r = RegionSummary.compute(p, new String[]{"x", "x", "y", null}, 1, 5);
        assertEquals(List.of("x", "y"), r.regions());
        assertArrayEquals(new int[]{2, 1}, r.spotsPerRegion());
        assertArrayEquals(new double[]{0.85, 0.15}, r.meanByRegion()[0], 1e-12);
        assertArrayEquals(new double[]{0.1, 0.9}, r.meanByRegion()[1], 1e-12);
        assertEquals(1.0, r.purity(), 1e-12);
        assertEquals(1.0, r.adjustedRandIndex(), 1e-12);
        assertEquals(-1, r.clusterPerSpot()[3]);
    }

    @Test
    void purityAndAriWhenClustersMixRegions() {
        // clusters {1, 2} and {3, 4}; labels x y | y y: purity 3/4; contingency [[1,1],[0,2]] -> ARI (1 - 1) / (2.5 - 1) = 0
        double[][] p = {{0.9, 0.1}, {0.85, 0.15}, {0.1, 0.9}, {0.15, 0.85}};
        RegionSummary r = RegionSummary.compute(p, new String[]{"x", "y", "y", "y"}, 1, 5);
        assertEquals(0.75, r.purity(), 1e-12);
        assertEquals(0.0, r.adjustedRandIndex(), 1e-12);
    }

    @Test
    void oneRegionGivesNaNAndANote() {
        RegionSummary r = RegionSummary.compute(new double[][]{{1, 0}, {0, 1}}, new String[]{"x", "x"}, 1, 5);
        assertTrue(Double.isNaN(r.purity()));
        assertTrue(r.note().contains("at least 2"), r.note());
    }

    @Test
    void identicalProportionsCannotFormKClustersAndSayWhy() {
        RegionSummary r = RegionSummary.compute(new double[][]{{0.5, 0.5}, {0.5, 0.5}, {0.5, 0.5}}, new String[]{"x", "y", "y"}, 1, 5);
        assertTrue(Double.isNaN(r.adjustedRandIndex()));
        assertTrue(r.note().contains("distinct"), r.note());
    }

    @Test
    void aRegionPerSpotScoresPerfectlyAndIsSaidToMeanLittle() {
        // a per-spot id (or a continuous column) as the region: k = spots, purity and ARI 1.0 whatever the proportions
        double[][] p = {{0.9, 0.1}, {0.8, 0.2}, {0.1, 0.9}, {0.5, 0.5}, {0.3, 0.7}, {0.6, 0.4}};
        RegionSummary r = RegionSummary.compute(p, new String[]{"a", "b", "c", "d", "e", "f"}, 1, 5);
        assertEquals(1.0, r.purity(), 1e-12);
        assertTrue(r.note().startsWith("6 regions for 6 annotated spots (fewer than 2 spots a region): cluster purity and ARI mean little here"), r.note());
        assertEquals("", RegionSummary.compute(p, new String[]{"x", "x", "y", "y", "x", "y"}, 1, 5).note());
    }
}
