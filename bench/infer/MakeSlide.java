import org.stdeconv.data.CsrMatrix;
import org.stdeconv.data.ExpressionData;
import org.stdeconv.data.ObsTable;
import org.stdeconv.io.h5ad.H5adWriter;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a synthetic Visium-HD-like slide: SPOTS bins x GENES genes, CSR float32 raw counts drawn by ZipfBins.
 * Needs the whole file in memory once (jhdf writes that way).
 *   java -cp ... MakeSlide.java OUT.h5ad SPOTS GENES DEPTH SEED [NAMES_FROM.h5ad]
 * With NAMES_FROM, the genes are named after that file's first GENES genes (the reference a model was trained on),
 * so that a trained model aligns to the slide; otherwise GENE0, GENE1, ...
 */
public final class MakeSlide {
    public static void main(String[] args) {
        Path out = Path.of(args[0]);
        int spots = Integer.parseInt(args[1]), genes = Integer.parseInt(args[2]);
        double depth = Double.parseDouble(args[3]);
        ZipfBins bins = new ZipfBins(genes, depth, Long.parseLong(args[4]));
        CsrMatrix.Builder b = new CsrMatrix.Builder(genes);
        int[] cols = new int[genes];
        float[] vals = new float[genes];
        for (int i = 0; i < spots; i++) b.addSparseRow(cols, vals, bins.next(cols, vals));
        long total = bins.umis;
        CsrMatrix x = b.build();
        List<String> obs = new ArrayList<>(spots), var = new ArrayList<>(genes);
        double[][] xy = new double[spots][];
        int side = (int) Math.ceil(Math.sqrt(spots));
        for (int i = 0; i < spots; i++) {
            obs.add(String.format("s_008um_%05d_%05d-1", i / side, i % side));
            xy[i] = new double[]{(i % side) * 8.0, (i / side) * 8.0};
        }
        if (args.length > 5) {
            List<String> names = org.stdeconv.io.ExpressionReaders.read(Path.of(args[5])).varNames();
            if (names.size() < genes) throw new IllegalArgumentException(args[5] + " has only " + names.size() + " genes");
            var.addAll(names.subList(0, genes));
        } else {
            for (int j = 0; j < genes; j++) var.add("GENE" + j);
        }
        System.err.printf("MakeSlide: %d bins x %d genes, %d stored counts (%.1f per bin), %.1f UMIs per bin%n",
                spots, genes, x.nnz(), x.nnz() / (double) spots, total / (double) spots);
        H5adWriter.write(new ExpressionData(x, obs, var, new ObsTable(spots), xy, Map.of("source", "stdeconv bench/infer synthetic Visium-HD-like slide")), out);
    }
}
