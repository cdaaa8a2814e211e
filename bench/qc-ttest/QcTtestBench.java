import org.stdeconv.data.CsrMatrix;
import org.stdeconv.qc.MarkerSelection;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Times qc's informative-gene selection (MarkerSelection.select: one sparse pass for per-type moments, Welch
 * t-tests of every type against the rest, BH) on synthetic counts: CELLS x GENES at DENSITY, 20 cell types,
 * values 1 + geometric (mean 2); each type's 100 marker genes are detected in half its cells with mean 8,
 * the other non-zero positions are uniform. The matrix is built
 * in place (two passes with per-row seeds) so memory is the CSR itself, as if read from a file.
 *   java -cp ... QcTtestBench CELLS GENES DENSITY
 */
public final class QcTtestBench {
    private static final int TYPES = 20, MARKERS = 100;
    private static final double MARKER_DENSITY = 0.5;

    public static void main(String[] args) {
        int cells = Integer.parseInt(args[0]), genes = Integer.parseInt(args[1]);
        double density = Double.parseDouble(args[2]);
        long t0 = System.nanoTime();
        String[] labels = new String[cells];
        SplittableRandom lr = new SplittableRandom(1);
        for (int i = 0; i < cells; i++) labels[i] = String.format("type%02d", lr.nextInt(TYPES));
        long[] indptr = new long[cells + 1];
        for (int i = 0; i < cells; i++) indptr[i + 1] = indptr[i] + row(i, genes, density, labels[i], null, null, 0);
        int nnz = Math.toIntExact(indptr[cells]);
        int[] indices = new int[nnz];
        float[] data = new float[nnz];
        for (int i = 0; i < cells; i++) row(i, genes, density, labels[i], indices, data, (int) indptr[i]);
        CsrMatrix x = new CsrMatrix(cells, genes, indptr, indices, data);
        List<String> names = new ArrayList<>(genes);
        for (int j = 0; j < genes; j++) names.add("gene" + j);
        System.out.printf("QcTtestBench: %d cells x %d genes, %d non-zeros (%.2f%% dense), generated in %.1f s%n",
                cells, genes, (long) nnz, 100.0 * nnz / ((double) cells * genes), (System.nanoTime() - t0) / 1e9);

        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long c1 = os.getProcessCpuTime(), t1 = System.nanoTime();
        MarkerSelection.Result r = MarkerSelection.select(x, names, labels, MarkerSelection.Params.defaults());
        double seconds = (System.nanoTime() - t1) / 1e9, cpu = (os.getProcessCpuTime() - c1) / 1e9;
        Map<String, List<String>> markers = r.markersPerType();
        int recovered = 0;
        for (int t = 0; t < TYPES; t++) {
            List<String> m = markers.get(String.format("type%02d", t));
            for (int k = 0; k < MARKERS; k++) if (m.contains("gene" + markerGene(t, k, genes))) recovered++;
        }
        System.out.printf("QcTtestBench: selection %.2f s wall, %.2f s CPU on %d cores; %d genes significant, %d selected; planted markers recovered %d/%d%n",
                seconds, cpu, Runtime.getRuntime().availableProcessors(), r.significantCount(), r.selectedGenes().size(), recovered, TYPES * MARKERS);
    }

    /** Zero-based geometric gap: the number of empty positions before the next non-zero at density p. */
    private static int gap(SplittableRandom rnd, double p) {
        return (int) (Math.log(1 - rnd.nextDouble()) / Math.log(1 - p));
    }

    private static int markerGene(int type, int k, int genes) {
        return (type * MARKERS + k) % genes;
    }

    /** Fills (or, with null arrays, only counts) row i's entries: geometric gaps give uniform positions at the density. */
    private static int row(int i, int genes, double density, String label, int[] idx, float[] val, int at) {
        SplittableRandom rnd = new SplittableRandom(1000003L * i + 7);
        int type = Integer.parseInt(label.substring(4));
        int lo = markerGene(type, 0, genes), hi = lo + MARKERS;
        // marker genes are detected in half the cells of their type; the other genes at a density that keeps the
        // whole matrix at DENSITY
        double base = (density * genes - MARKER_DENSITY * MARKERS) / (genes - MARKERS);
        int n = 0;
        int[][] segments = {{0, lo, 0}, {lo, hi, 1}, {hi, genes, 0}};
        for (int[] seg : segments) {
            double p = seg[2] == 1 ? MARKER_DENSITY : base, mean = seg[2] == 1 ? 8 : 2;
            // gaps are memoryless, so restarting them at each segment's start keeps every position's density exact
            for (int j = seg[0] + gap(rnd, p); j < seg[1]; j += 1 + gap(rnd, p)) {
                float v = 1 + (int) (Math.log(1 - rnd.nextDouble()) / Math.log(1 - 1 / mean));
                if (idx != null) { idx[at + n] = j; val[at + n] = v; }
                n++;
            }
        }
        return n;
    }
}
