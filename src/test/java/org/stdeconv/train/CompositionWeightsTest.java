package org.stdeconv.train;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The weights of domain_adaptation.mmd_weighting: composition, and when they are estimated. */
class CompositionWeightsTest {
    private static double mean(double[] w) {
        return Arrays.stream(w).average().orElseThrow();
    }

    @Test
    void capKeepsTheMeanAtOneAndTheOrderOfTheWeights() {
        double[] w = CompositionWeights.capped(new double[]{10, 1, 1, 0, 2, 6}, 2);
        assertEquals(1, mean(w), 1e-12);
        for (double v : w) assertTrue(v <= 2 + 1e-12, Arrays.toString(w));
        assertEquals(2, w[0], 1e-12);
        assertEquals(2, w[5], 1e-12);
        // the uncapped ones keep their ratios: 1 : 1 : 0 : 2 scaled to fill the mean (6 - 2 x 2 = 2 over 4 units)
        assertEquals(0.5, w[1], 1e-12);
        assertEquals(0, w[3], 1e-12);
        assertEquals(1, w[4], 1e-12);
        // below the cap it is only scaled
        assertEquals(List.of(0.5, 1.5), Arrays.stream(CompositionWeights.capped(new double[]{1, 3}, 5)).boxed().toList());
    }

    @Test
    void trainingSpotsWithTheSlidesCompositionsGetTheWeight() {
        // a batch of half pure-A spots and half A/B mixtures; the slide (as predicted) is all nearly pure A
        float[][] batch = new float[8][];
        for (int i = 0; i < 8; i++) batch[i] = i < 4 ? new float[]{1, 0} : new float[]{0.5f, 0.5f};
        float[][] slide = new float[40][];
        for (int j = 0; j < 40; j++) slide[j] = new float[]{0.95f + 0.001f * (j % 5), 0.05f - 0.001f * (j % 5)};
        double[] w = CompositionWeights.of(batch, slide, 5);
        assertEquals(1, mean(w), 1e-9);
        for (int i = 0; i < 4; i++) assertTrue(w[i] > 1.99, "pure spot " + i + ": " + Arrays.toString(w));
        for (int i = 4; i < 8; i++) assertTrue(w[i] < 0.01, "mixed spot " + i + ": " + Arrays.toString(w));

        // a slide with the batch's own mix of compositions leaves the weights about equal
        float[][] same = new float[80][];
        for (int j = 0; j < 80; j++) same[j] = batch[j % 8];
        for (double v : CompositionWeights.of(batch, same, 5)) assertEquals(1, v, 1e-9);
    }

    @Test
    void noTrainingSpotWeighsMoreThanTheCap() {
        float[][] batch = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {0.3f, 0.3f, 0.4f}, {0.2f, 0.4f, 0.4f}, {0.4f, 0.2f, 0.4f}};
        float[][] slide = new float[30][];
        for (int j = 0; j < 30; j++) slide[j] = new float[]{0, 0, 1};
        double[] w = CompositionWeights.of(batch, slide, 3);
        assertEquals(3, w[2], 1e-9, Arrays.toString(w));
        assertEquals(1, mean(w), 1e-9);
        // every slide spot sits on spot 2 and no other spot is near any: the remaining mass is shared evenly
        for (int i : new int[]{0, 1, 3, 4, 5}) assertEquals(0.6, w[i], 1e-9, Arrays.toString(w));
    }

    @Test
    void estimatesFirstAfterTheStartShareThenEveryShareAndNotBefore() {
        AdaptationSection cfg = new AdaptationSection();
        cfg.weightingStart = 0.25;
        cfg.weightingEvery = 0.1;
        List<Integer> estimatedAt = new ArrayList<>();
        int[] step = {0};
        CompositionWeights w = new CompositionWeights(cfg, 100, 7, 1, rows -> {
            estimatedAt.add(step[0]);
            assertEquals(7, rows.length, "a small slide is estimated whole");
            return new float[rows.length][2];
        });
        for (step[0] = 0; step[0] < 60; step[0]++) assertEquals(step[0] >= 25, w.beforeStep(), "step " + step[0]);
        assertEquals(List.of(25, 35, 45, 55), estimatedAt);
    }

    @Test
    void aLargeSlideIsEstimatedOnAFreshSubsetOfDistinctSpots() {
        AdaptationSection cfg = new AdaptationSection();
        cfg.weightingStart = 0;
        cfg.weightingEvery = 0.5;
        List<int[]> subsets = new ArrayList<>();
        CompositionWeights w = new CompositionWeights(cfg, 2, 5000, 1, rows -> {
            subsets.add(rows.clone());
            return new float[rows.length][2];
        });
        w.beforeStep();
        w.beforeStep();
        assertEquals(2, subsets.size());
        for (int[] s : subsets) {
            assertEquals(CompositionWeights.MAX_TARGETS, s.length);
            Set<Integer> distinct = new HashSet<>();
            for (int r : s) {
                assertTrue(r >= 0 && r < 5000);
                distinct.add(r);
            }
            assertEquals(s.length, distinct.size());
        }
        assertFalse(Arrays.equals(subsets.get(0), subsets.get(1)));
    }
}
