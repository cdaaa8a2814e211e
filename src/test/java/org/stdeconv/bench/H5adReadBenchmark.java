package org.stdeconv.bench;

import org.stdeconv.data.CsrMatrix;
import org.stdeconv.data.ExpressionData;
import org.stdeconv.data.ObsTable;
import org.stdeconv.io.h5ad.H5adReader;
import org.stdeconv.io.h5ad.H5adWriter;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The h5ad read benchmark behind bench/io-read.sh (not a test):
 * {@code generate FILE ROWS COLS DENSITY} writes a seeded random CSR h5ad with our writer;
 * {@code read FILE REPEATS [WARMUP]} reads it REPEATS times in this JVM and prints one line of key=value figures:
 * first read (cold JIT), best read, heap used after the read and peak heap during the first read, and the size
 * of the CSR arrays for comparison.
 */
public final class H5adReadBenchmark {
    private H5adReadBenchmark() {
    }

    public static void main(String[] args) {
        switch (args[0]) {
            case "generate" -> generate(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]), Double.parseDouble(args[4]));
            case "read" -> read(Path.of(args[1]), Integer.parseInt(args[2]), args.length > 3 ? Path.of(args[3]) : null);
            default -> throw new IllegalArgumentException("usage: generate FILE ROWS COLS DENSITY | read FILE REPEATS [WARMUP_FILE]");
        }
    }

    static void generate(Path file, int rows, int cols, double density) {
        SplittableRandom rnd = new SplittableRandom(42);
        int perRow = (int) Math.round(cols * density);
        long nnz = (long) rows * perRow;
        long[] indptr = new long[rows + 1];
        int[] indices = new int[Math.toIntExact(nnz)];
        float[] data = new float[indices.length];
        int k = 0;
        for (int r = 0; r < rows; r++) {
            // Floyd's sampling of perRow distinct columns, then sorted: a CSR row as scipy stores it
            java.util.BitSet chosen = new java.util.BitSet(cols);
            for (int j = cols - perRow; j < cols; j++) {
                int t = rnd.nextInt(j + 1);
                chosen.set(chosen.get(t) ? j : t);
            }
            for (int c = chosen.nextSetBit(0); c >= 0; c = chosen.nextSetBit(c + 1)) {
                indices[k] = c;
                data[k] = 1 + rnd.nextInt(20);
                k++;
            }
            indptr[r + 1] = k;
        }
        List<String> obs = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) obs.add("cell" + r);
        List<String> var = new ArrayList<>(cols);
        for (int c = 0; c < cols; c++) var.add("gene" + c);
        ObsTable t = new ObsTable(rows);
        String[] type = new String[rows];
        for (int r = 0; r < rows; r++) type[r] = "type" + (r % 12);
        t.putText("cell_type", type);
        CsrMatrix m = new CsrMatrix(rows, cols, indptr, indices, data);
        H5adWriter.write(new ExpressionData(m, obs, var, t, null, null), file);
        System.out.printf(Locale.ROOT, "wrote %s: %d x %d, %d non-zeros%n", file, rows, cols, nnz);
    }

    /** With a warm-up file, that small file is read first (loading classes, as 'import anndata' does for Python). */
    static void read(Path file, int repeats, Path warmup) {
        if (warmup != null) H5adReader.read(warmup);
        resetPeaks();
        long t0 = System.nanoTime();
        ExpressionData d = H5adReader.read(file);
        double first = (System.nanoTime() - t0) / 1e9;
        long peak = heapPeak();
        CsrMatrix x = d.counts();
        long csrBytes = x.nnz() * 8L + x.indptr().length * 8L;
        System.gc();
        long retained = heapUsed();
        d = null;
        x = null;
        double best = first;
        for (int i = 1; i < repeats; i++) {
            System.gc();
            long t = System.nanoTime();
            ExpressionData e = H5adReader.read(file);
            best = Math.min(best, (System.nanoTime() - t) / 1e9);
            if (e.nObs() < 0) throw new AssertionError();
        }
        System.out.printf(Locale.ROOT, "java first_s=%.3f best_s=%.3f csr_mb=%.1f peak_heap_mb=%.1f retained_heap_mb=%.1f file_mb=%.1f%n",
                first, best, csrBytes / 1e6, peak / 1e6, retained / 1e6, fileSize(file) / 1e6);
    }

    private static long fileSize(Path f) {
        try {
            return Files.size(f);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) if (p.getType() == MemoryType.HEAP) p.resetPeakUsage();
    }

    /** Sum of the heap pools' peaks: an upper bound on the live heap during the read (garbage counts too). */
    private static long heapPeak() {
        long s = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) if (p.getType() == MemoryType.HEAP) s += p.getPeakUsage().getUsed();
        return s;
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
