import org.stdeconv.data.CsrMatrix;
import org.stdeconv.data.ExpressionData;
import org.stdeconv.data.ObsTable;
import org.stdeconv.io.h5ad.H5adWriter;
import org.stdeconv.io.h5ad.StreamingH5adWriter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * bench/io-write driver: writes a simulate-like output (SPOTS x GENES, PER_ROW non-zeros per spot, 20 true_<type>
 * columns, n_cells, paper_cluster, obsm spatial, uns) in one of three ways and prints the times:
 * {@code stream} draws the rows block by block into StreamingH5adWriter (never holding the matrix);
 * {@code whole} builds the matrix in memory, then H5adWriter.write (the same streaming writer fed at once);
 * {@code jhdf} builds the matrix in memory, then the previous jhdf 0.13 writer.
 * Usage: WriteBench MODE FILE SPOTS GENES PER_ROW
 */
public final class WriteBench {
    private static final int TYPES = 20, BLOCK = 256;

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        Path file = Path.of(args[1]);
        int spots = Integer.parseInt(args[2]), genes = Integer.parseInt(args[3]), perRow = Integer.parseInt(args[4]);
        List<String> geneNames = names("gene_", genes), spotNames = names("spot_", spots);
        ObsTable obs = obs(spots);
        double[][] xy = new double[spots][];
        for (int i = 0; i < spots; i++) xy[i] = new double[]{i % 317, i / 317};
        Map<String, String> uns = new LinkedHashMap<>();
        uns.put("simulate_config", "n_spots: " + spots + "\nseed: 1\n");
        uns.put("simulate_seed", "1");
        long t0 = System.nanoTime();
        if (mode.equals("stream")) {
            try (StreamingH5adWriter w = StreamingH5adWriter.create(file, geneNames, (long) spots * perRow)) {
                for (int from = 0; from < spots; from += BLOCK) w.appendRows(rows(from, Math.min(spots, from + BLOCK), genes, perRow));
                w.finish(spotNames, obs, xy, Map.of(), uns);
            }
            report(mode, file, 0, System.nanoTime() - t0);
            return;
        }
        CsrMatrix m = rows(0, spots, genes, perRow);
        long built = System.nanoTime() - t0;
        ExpressionData d = new ExpressionData(m, spotNames, geneNames, obs, xy, uns);
        long t1 = System.nanoTime();
        switch (mode) {
            case "whole" -> H5adWriter.write(d, file);
            case "jhdf" -> JhdfH5adWriter.write(d, file);
            default -> throw new IllegalArgumentException("mode stream | whole | jhdf");
        }
        report(mode, file, built, System.nanoTime() - t1);
    }

    private static void report(String mode, Path file, long buildNanos, long writeNanos) throws Exception {
        System.out.printf("WriteBench %s: build_s=%.1f write_s=%.1f file_gb=%.2f%n", mode, buildNanos / 1e9, writeNanos / 1e9, Files.size(file) / 1e9);
    }

    /** Rows [from, to): PER_ROW distinct ascending genes per row, spread over all genes, small integer counts. */
    static CsrMatrix rows(int from, int to, int genes, int perRow) {
        int n = to - from, stride = genes / perRow;
        long[] ptr = new long[n + 1];
        int[] idx = new int[Math.toIntExact((long) n * perRow)];
        float[] val = new float[idx.length];
        int k = 0;
        for (int r = from; r < to; r++) {
            for (int j = 0; j < perRow; j++) {
                idx[k] = (int) ((long) j * genes / perRow) + (r + j) % stride;
                val[k] = 1 + (r * 31 + j * 7) % 97;
                k++;
            }
            ptr[r - from + 1] = k;
        }
        return new CsrMatrix(n, genes, ptr, idx, val);
    }

    private static ObsTable obs(int spots) {
        ObsTable t = new ObsTable(spots);
        for (int c = 0; c < TYPES; c++) {
            double[] v = new double[spots];
            for (int i = 0; i < spots; i++) v[i] = ((i + c) % 10) / 10.0;
            t.putNumeric("true_type" + c, v);
        }
        double[] cells = new double[spots], cluster = new double[spots];
        for (int i = 0; i < spots; i++) {
            cells[i] = 10;
            cluster[i] = i % 5;
        }
        return t.putNumeric("n_cells", cells).putNumeric("paper_cluster", cluster);
    }

    private static List<String> names(String prefix, int n) {
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) out.add(prefix + i);
        return out;
    }
}
