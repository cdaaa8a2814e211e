package org.stdeconv.infer;

import org.stdeconv.data.CsrMatrix;
import org.stdeconv.data.ExpressionData;
import org.stdeconv.data.ObsTable;
import org.stdeconv.io.h5ad.H5adWriter;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Small sparse count slides for infer tests: spots on a grid, a text and a numeric obs column, uns entries. */
final class SyntheticSlides {
    private SyntheticSlides() {
    }

    static ExpressionData slide(int spots, List<String> genes, long seed) {
        Random r = new Random(seed);
        CsrMatrix.Builder b = new CsrMatrix.Builder(genes.size());
        float[] row = new float[genes.size()];
        for (int i = 0; i < spots; i++) {
            for (int j = 0; j < row.length; j++) row[j] = r.nextDouble() < 0.3 ? 1 + r.nextInt(9) : 0;
            b.addDenseRow(row);
        }
        List<String> names = new ArrayList<>();
        double[][] xy = new double[spots][];
        String[] region = new String[spots];
        double[] depth = new double[spots];
        CsrMatrix counts = b.build();
        for (int i = 0; i < spots; i++) {
            names.add("spot_" + i);
            xy[i] = new double[]{i % 20 * 1.5, i / 20 * 2.25};
            region[i] = i % 3 == 0 ? "tumour" : "stroma";
            depth[i] = counts.rowSum(i);
        }
        ObsTable obs = new ObsTable(spots).putText("region", region).putNumeric("depth", depth);
        return new ExpressionData(counts, names, genes, obs, xy, Map.of("source", "synthetic test slide"));
    }

    static Path write(ExpressionData data, Path file) {
        H5adWriter.write(data, file);
        return file;
    }
}
