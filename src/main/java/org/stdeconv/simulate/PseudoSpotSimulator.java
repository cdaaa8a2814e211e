package org.stdeconv.simulate;

import org.stdeconv.ThreadResults;
import org.stdeconv.data.CsrMatrix;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Mixes reference cells into pseudo-spots. Every spot draws from its own random stream (master seed + spot index),
 * so the result is the same for any thread count, and a spot can be drawn twice with the same outcome. That is
 * used twice over: a first pass ({@link #census}) draws every spot for its annotations and non-zero count only, then
 * a second pass ({@link #emit}) draws the spots again block by block, hands each block on in spot order and forgets
 * it. The counts are thus never held in full: memory is a few blocks plus the per-spot annotations, whatever the
 * number of spots, and the writer can be told the exact number of non-zeros before the first one arrives.
 */
public final class PseudoSpotSimulator {
    /**
     * stdeconv reads a matrix back into Java arrays (train reads the whole simulated file), so one file holds at most
     * this many non-zeros.
     */
    public static final long MAX_NON_ZEROS = Integer.MAX_VALUE - 8;
    /** Spots per task of the counting pass. */
    private static final int BLOCK = 1024;
    /** Spots per emitted block: a few MB of counts each, so a window of them stays small. */
    private static final int EMIT_BLOCK = 256;

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

    /**
     * Everything about the spots but their counts: realised proportions (true_<type>, by type then spot), cells per
     * spot, the cells' reference rows if asked, and the non-zeros per spot.
     */
    public record Census(double[][] truthByType, int[] nCells, int[][] cellIds, int[] rowNonZeros) {
        public long nonZeros() {
            long n = 0;
            for (int r : rowNonZeros) n += r;
            return n;
        }
    }

    /** Called with consecutive spots {@code [firstSpot, firstSpot + block.rows())}. */
    public interface BlockSink {
        void accept(int firstSpot, CsrMatrix block);
    }

    /** First pass: draws every spot for its annotations and non-zero count. */
    public Census census(int nSpots, int threads) {
        int k = pool.nTypes();
        double[][] truth = new double[k][nSpots];
        int[] nCells = new int[nSpots];
        int[][] cellIds = config.recordCells ? new int[nSpots][] : null;
        int[] rowNnz = new int[nSpots];
        drawAll(nSpots, threads, (w, spot, n) -> {
            nCells[spot] = n;
            for (int t = 0; t < k; t++) truth[t][spot] = (double) w.cellsPerType[t] / n;
            if (cellIds != null) cellIds[spot] = java.util.Arrays.copyOf(w.cells, n);
            rowNnz[spot] = w.mixer.nonZeros();
        });
        return new Census(truth, nCells, cellIds, rowNnz);
    }

    /**
     * Second pass: draws spots {@code [from, to)} again in blocks on {@code threads} workers. {@code onWorker} (may be
     * null) sees each block on the worker that drew it, for per-spot work into disjoint slots; {@code inOrder} then
     * gets the blocks one after another in spot order, on the calling thread. At most about two blocks per thread
     * are held at any time. {@code census} is the first pass's, checked against the redrawn spots.
     */
    public void emit(int from, int to, int threads, Census census, BlockSink onWorker, BlockSink inOrder) {
        ExecutorService executor = executor(threads);
        try {
            Deque<Future<CsrMatrix>> window = new ArrayDeque<>();
            int windowSize = 2 * threads + 1;
            int next = from, delivered = from;
            while (delivered < to) {
                while (next < to && window.size() < windowSize) {
                    int first = next, last = Math.min(to, next + EMIT_BLOCK);
                    window.add(executor.submit(() -> {
                        CsrMatrix block = drawBlock(first, last, census);
                        if (onWorker != null) onWorker.accept(first, block);
                        return block;
                    }));
                    next = last;
                }
                CsrMatrix block = ThreadResults.await(window.poll());
                inOrder.accept(delivered, block);
                delivered += block.rows();
            }
        } finally {
            executor.shutdownNow();
        }
    }

    /**
     * The depths (over the genes {@code genes} counts) of spots {@code [0, n)} before any thinning: the same cells
     * the spots get when simulated with thinning, since thinning is their last draw.
     */
    public double[] unthinnedDepths(int n, int threads, DepthThinning genes) {
        PseudoSpotSimulator plain = new PseudoSpotSimulator(reference, pool, config, fixedProportions, null);
        double[] depths = new double[n];
        plain.drawAll(n, threads, (w, spot, cells) -> depths[spot] = w.mixer.depth(genes));
        return depths;
    }

    /** What to record of a drawn spot, on the worker that drew it (write only the spot's own slots). */
    private interface DrawnSpot {
        void accept(Worker worker, int spot, int nCells);
    }

    /** Draws spots {@code [0, n)} in blocks on {@code threads} workers and hands each to {@code record}. */
    private void drawAll(int n, int threads, DrawnSpot record) {
        ExecutorService executor = executor(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int start = 0; start < n; start += BLOCK) {
                int from = start, to = Math.min(n, start + BLOCK);
                futures.add(executor.submit(() -> {
                    Worker w = new Worker();
                    for (int spot = from; spot < to; spot++) record.accept(w, spot, w.draw(spot));
                    return null;
                }));
            }
            for (Future<?> f : futures) ThreadResults.await(f);
        } finally {
            executor.shutdownNow();
        }
    }

    /** Spots {@code [from, to)} as one matrix (e.g. the rows a layout is fitted on). */
    public CsrMatrix spots(int from, int to, int threads, Census census) {
        List<CsrMatrix> blocks = new ArrayList<>();
        emit(from, to, threads, census, null, (first, block) -> blocks.add(block));
        return blocks.isEmpty() ? new CsrMatrix(0, reference.cols(), new long[1], new int[0], new float[0]) : CsrMatrix.vstack(blocks);
    }

    private CsrMatrix drawBlock(int from, int to, Census census) {
        Worker w = new Worker();
        int[] idx = new int[reference.cols()];
        float[] val = new float[reference.cols()];
        CsrMatrix.Builder b = new CsrMatrix.Builder(reference.cols());
        for (int spot = from; spot < to; spot++) {
            w.draw(spot);
            int n = w.mixer.emit(idx, val, 0);
            if (n != census.rowNonZeros()[spot]) throw new IllegalStateException("spot " + spot + " drew differently in the second pass");
            b.addSparseRow(idx, val, n);
        }
        return b.build();
    }

    private static ExecutorService executor(int threads) {
        return Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "simulate-worker");
            t.setDaemon(true);
            return t;
        });
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
                double depth = mixer.depth(thinning);
                double target = thinning.target(depth, random);
                if (depth > target) mixer.thin(target / depth, random);
            }
            return n;
        }
    }
}
