package org.stdeconv.simulate;

import org.stdeconv.ConfigException;
import org.stdeconv.data.CsrMatrix;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Mixes reference cells into pseudo-spots. Every spot draws from its own random stream (master seed + spot index),
 * so the result is the same for any thread count, and a spot can be drawn twice with the same outcome: a first pass
 * only counts each spot's non-zero genes, then the output arrays are allocated at their exact size and a second pass
 * writes every spot straight into its slice. The output is thus held once, compactly, with no growing buffers or
 * concatenation copies, at the price of mixing twice (cheap next to reading and writing the files).
 */
public final class PseudoSpotSimulator {
    /** jhdf 0.13 serialises a 1-D dataset through one ByteBuffer, so a 4-byte column holds at most this many values. */
    public static final long MAX_NON_ZEROS = (Integer.MAX_VALUE - 8) / 4;
    private static final int BLOCK = 1024;

    private final CsrMatrix reference;
    private final CellPool pool;
    private final SimulateConfig config;
    private final double[][] fixedProportions;
    private final DepthThinning thinning;

    /**
     * @param fixedProportions per-spot target proportions (template layout) or null to draw them per spot
     * @param thinning         depth target or null for no thinning
     */
    public PseudoSpotSimulator(CsrMatrix reference, CellPool pool, SimulateConfig config, double[][] fixedProportions, DepthThinning thinning) {
        this.reference = reference;
        this.pool = pool;
        this.config = config;
        this.fixedProportions = fixedProportions;
        this.thinning = thinning;
    }

    /** The simulated spots: counts, realised proportions (true_<type>), cells per spot and, if asked, cell ids. */
    public record Result(CsrMatrix counts, double[][] truthByType, int[] nCells, int[][] cellIds) {
    }

    public Result run(int nSpots, int threads) {
        int k = pool.nTypes();
        double[][] truth = new double[k][nSpots];
        int[] nCells = new int[nSpots];
        int[][] cellIds = config.recordCells ? new int[nSpots][] : null;
        int[] rowNnz = new int[nSpots];
        ExecutorService executor = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "simulate-worker");
            t.setDaemon(true);
            return t;
        });
        try {
            forEachBlock(executor, nSpots, (worker, spot) -> {
                int n = worker.draw(spot);
                nCells[spot] = n;
                for (int t = 0; t < k; t++) truth[t][spot] = (double) worker.cellsPerType[t] / n;
                if (cellIds != null) cellIds[spot] = java.util.Arrays.copyOf(worker.cells, n);
                rowNnz[spot] = worker.mixer.nonZeros();
            });
            long[] indptr = new long[nSpots + 1];
            for (int i = 0; i < nSpots; i++) indptr[i + 1] = indptr[i] + rowNnz[i];
            long nnz = indptr[nSpots];
            if (nnz > MAX_NON_ZEROS) {
                throw new ConfigException(null, "n_spots", String.format(java.util.Locale.ROOT,
                        "the %d spots hold %,d non-zero counts, more than the %,d one .h5ad can take with stdeconv's HDF5 writer",
                        nSpots, nnz, MAX_NON_ZEROS), "lower n_spots to about " + (long) (nSpots * (double) MAX_NON_ZEROS / nnz)
                        + " or restrict the reference to fewer genes");
            }
            int[] indices = new int[(int) nnz];
            float[] data = new float[(int) nnz];
            forEachBlock(executor, nSpots, (worker, spot) -> {
                worker.draw(spot);
                int written = worker.mixer.emit(indices, data, (int) indptr[spot]);
                if (written != rowNnz[spot]) throw new IllegalStateException("spot " + spot + " drew differently in the second pass");
            });
            return new Result(new CsrMatrix(nSpots, reference.cols(), indptr, indices, data), truth, nCells, cellIds);
        } finally {
            executor.shutdownNow();
        }
    }

    private interface SpotTask {
        void apply(Worker worker, int spot);
    }

    /** Fixed blocks of spots, each on a fresh worker: which thread runs a block never changes what it draws. */
    private void forEachBlock(ExecutorService executor, int nSpots, SpotTask task) {
        List<Future<?>> futures = new ArrayList<>();
        for (int start = 0; start < nSpots; start += BLOCK) {
            int from = start, to = Math.min(nSpots, start + BLOCK);
            futures.add(executor.submit(() -> {
                Worker w = new Worker();
                for (int s = from; s < to; s++) task.apply(w, s);
            }));
        }
        try {
            for (Future<?> f : futures) f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Per-thread state: the random stream, samplers over it and the mixing buffers. */
    private final class Worker {
        final SpotRandom random = new SpotRandom(config.seed, SpotRandom.SPOTS, 0);
        final CellCounts cellCounts = new CellCounts(config.cells, random);
        final ProportionSampler sampler = ProportionSampler.of(config.proportions, pool.nTypes(), random);
        final SpotMixer mixer = new SpotMixer(reference);
        final double[] proportions = new double[pool.nTypes()];
        final int[] cellsPerType = new int[pool.nTypes()];
        int[] cells = new int[64];

        /** Draws spot {@code spot} into the mixer; returns its number of cells. */
        int draw(int spot) {
            random.reseed(config.seed, SpotRandom.SPOTS, spot);
            int n = cellCounts.next();
            if (fixedProportions != null) System.arraycopy(fixedProportions[spot], 0, proportions, 0, proportions.length);
            else sampler.sample(proportions);
            CellAllocation.allocate(proportions, n, config.cells.rounding, random, cellsPerType);
            if (cells.length < n) cells = new int[Math.max(n, cells.length * 2)];
            int c = 0;
            for (int t = 0; t < cellsPerType.length; t++) {
                int[] ofType = pool.cells(t);
                for (int j = 0; j < cellsPerType[t]; j++) cells[c++] = ofType[random.nextInt(ofType.length)];
            }
            mixer.clear();
            for (int j = 0; j < n; j++) mixer.addCell(cells[j]);
            if (thinning != null) {
                double target = thinning.drawTarget(random);
                double depth = mixer.depth(thinning);
                if (depth > target) mixer.thin(target / depth, random);
            }
            return n;
        }
    }
}
