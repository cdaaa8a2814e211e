package org.stdeconv.simulate;

import org.stdeconv.data.CsrMatrix;
import org.stdeconv.data.ExpressionData;
import org.stdeconv.data.ObsTable;
import org.stdeconv.io.h5ad.H5adWriter;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Small labelled references and slides written to temporary files for the simulate tests. */
final class SyntheticData {
    private SyntheticData() {
    }

    /**
     * {@code cellsPerType} cells of each type over {@code genes} genes: every gene has a small background count, and
     * each type's block of 5 marker genes is strongly expressed in its cells only.
     */
    static ExpressionData reference(List<String> types, int cellsPerType, int genes, long seed) {
        return reference(types, cellsPerType, genes, seed, (t, g) -> g >= 5 * t && g < 5 * t + 5, 40);
    }

    /**
     * As above, with the genes type t expresses strongly ({@code high.test(t, g)}, up to {@code highMax} counts) given
     * by the caller: types that share genes, say.
     */
    static ExpressionData reference(List<String> types, int cellsPerType, int genes, long seed, java.util.function.BiPredicate<Integer, Integer> high, int highMax) {
        Random r = new Random(seed);
        CsrMatrix.Builder b = new CsrMatrix.Builder(genes);
        List<String> names = new ArrayList<>();
        String[] labels = new String[types.size() * cellsPerType];
        float[] row = new float[genes];
        int i = 0;
        for (int t = 0; t < types.size(); t++) {
            for (int c = 0; c < cellsPerType; c++, i++) {
                for (int g = 0; g < genes; g++) {
                    boolean marker = high.test(t, g);
                    row[g] = r.nextDouble() < (marker ? 0.95 : 0.2) ? 1 + r.nextInt(marker ? highMax : 4) : 0;
                }
                b.addDenseRow(row);
                names.add("cell" + i);
                labels[i] = types.get(t);
            }
        }
        List<String> geneNames = new ArrayList<>();
        for (int g = 0; g < genes; g++) geneNames.add("G" + g);
        ObsTable obs = new ObsTable(labels.length).putText("cell_type", labels);
        return new ExpressionData(b.build(), names, geneNames, obs, null, null);
    }

    /** A square-grid slide (side x side spots, spacing 1) whose genes are the first {@code genes} of the reference. */
    static ExpressionData gridSlide(int side, int genes, int countPerGene) {
        return gridSlide(side, genes, countPerGene, 0);
    }

    /** As above, spot i holding {@code countPerGene + i * step} counts on every gene: graded depths. */
    static ExpressionData gridSlide(int side, int genes, int countPerGene, int step) {
        int n = side * side;
        CsrMatrix.Builder b = new CsrMatrix.Builder(genes);
        float[] row = new float[genes];
        double[][] xy = new double[n][];
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            java.util.Arrays.fill(row, countPerGene + (float) i * step);
            b.addDenseRow(row);
            xy[i] = new double[]{i % side, i / side};
            names.add("s" + i);
        }
        List<String> geneNames = new ArrayList<>();
        for (int g = 0; g < genes; g++) geneNames.add("G" + g);
        return new ExpressionData(b.build(), names, geneNames, null, xy, null);
    }

    static Path write(ExpressionData data, Path file) {
        H5adWriter.write(data, file);
        return file;
    }
}
