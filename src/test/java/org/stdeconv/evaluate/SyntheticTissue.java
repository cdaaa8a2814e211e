package org.stdeconv.evaluate;

import org.stdeconv.data.CsrMatrix;
import org.stdeconv.data.ExpressionData;
import org.stdeconv.data.ObsTable;
import org.stdeconv.data.ProportionTable;
import org.stdeconv.io.h5ad.H5adWriter;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A tiny labelled reference (3 types with 5 marker genes each) and a 6 x 6 slide whose spots are sums of 10 reference
 * cells drawn by known proportions: A on the left, B in the middle, C on the right, with a matching region column and
 * some unannotated spots.
 */
final class SyntheticTissue {
    static final List<String> TYPES = List.of("A", "B", "C");
    static final int GENES = 20, CELLS_PER_TYPE = 12, SIDE = 6, CELLS_PER_SPOT = 10;

    final ExpressionData reference;
    final ExpressionData slide;
    final double[][] truth;

    SyntheticTissue(long seed) {
        Random rnd = new Random(seed);
        List<String> genes = new ArrayList<>();
        for (int g = 0; g < GENES; g++) genes.add("g" + g);
        float[][] cells = new float[TYPES.size() * CELLS_PER_TYPE][GENES];
        String[] labels = new String[cells.length];
        List<String> cellNames = new ArrayList<>();
        for (int c = 0; c < cells.length; c++) {
            int t = c / CELLS_PER_TYPE;
            labels[c] = TYPES.get(t);
            cellNames.add("cell" + c);
            for (int g = 0; g < GENES; g++) {
                boolean marker = g / 5 == t;
                cells[c][g] = rnd.nextInt(marker ? 30 : 3) + (marker ? 20 : 0);
            }
        }
        reference = new ExpressionData(CsrMatrix.fromDense(cells, GENES), cellNames, genes,
                new ObsTable(cells.length).putText("cell_type", labels), null, Map.of());

        int n = SIDE * SIDE;
        float[][] spots = new float[n][GENES];
        truth = new double[n][TYPES.size()];
        double[][] xy = new double[n][];
        String[] region = new String[n];
        List<String> spotNames = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int x = i % SIDE, y = i / SIDE;
            xy[i] = new double[]{x, y};
            spotNames.add("s" + x + "_" + y);
            int[] counts = x < 2 ? new int[]{7, 2, 1} : x < 4 ? new int[]{2, 6, 2} : new int[]{1, 2, 7};
            region[i] = (x + y) % 7 == 3 ? "unannotated" : x < 2 ? "left" : x < 4 ? "middle" : "right";
            for (int t = 0; t < TYPES.size(); t++) {
                truth[i][t] = counts[t] / (double) CELLS_PER_SPOT;
                for (int k = 0; k < counts[t]; k++) {
                    float[] cell = cells[t * CELLS_PER_TYPE + rnd.nextInt(CELLS_PER_TYPE)];
                    for (int g = 0; g < GENES; g++) spots[i][g] += cell[g];
                }
            }
        }
        ObsTable obs = new ObsTable(n).putText("region", region);
        new ProportionTable(spotNames, TYPES, truth, xy).putInto(obs, ProportionTable.TRUTH_PREFIX);
        slide = new ExpressionData(CsrMatrix.fromDense(spots, GENES), spotNames, genes, obs, xy, Map.of());
    }

    /** Truth moved by a fixed, known amount: +d on A and -d on C in every spot (rows still sum to 1). */
    double[][] perturbedTruth(double d) {
        double[][] p = new double[truth.length][];
        for (int i = 0; i < p.length; i++) {
            p[i] = truth[i].clone();
            double shift = Math.min(d, p[i][2]);
            p[i][0] += shift;
            p[i][2] -= shift;
        }
        return p;
    }

    void write(Path referenceFile, Path slideFile) {
        H5adWriter.write(reference, referenceFile);
        H5adWriter.write(slide, slideFile);
    }

    void writePredictions(double[][] values, Path file) {
        new ProportionTable(slide.obsNames(), TYPES, values, slide.spatial()).writeTsv(file);
    }
}
