package org.stdeconv.simulate;

import org.stdeconv.ConfigException;
import org.stdeconv.StdeconvException;

import java.util.Locale;

/**
 * What a simulation will hold, estimated before the work from the first spots: the counts stream to the file, but
 * every spot keeps its annotations (true proportions, cell numbers, name, coordinates) on the heap until the file is
 * finished, and the output can hold at most {@link PseudoSpotSimulator#MAX_NON_ZEROS} non-zeros. A request that
 * cannot fit is refused in a second with the figures, rather than an OutOfMemoryError after minutes of drawing.
 */
final class SimulationFootprint {
    /** Spots drawn for the estimate; spot i draws the same with or without the estimate, so nothing else changes. */
    static final int SAMPLE_SPOTS = 2000;
    /** A Java String of a spot name ("spot_000000123": object, byte array, list slot), in bytes. */
    private static final long NAME_BYTES = 64;
    /**
     * Live data a collector can hold in a heap of a given size is less than the size (ParallelGC keeps a young
     * generation beside it): 1 M spots of 6 types (estimate 210 MB) wrote their file at -Xmx280m, 4.5 M spots
     * (estimate 990 MB) ran out of -Xmx1g after drawing.
     */
    static final double GC_HEADROOM = 1.2;
    /** A coordinate pair: double[2] and its slot. */
    private static final long XY_BYTES = 40;

    private final long spots;
    private final double nonZerosPerSpot;
    private final long heapBytes;

    private SimulationFootprint(long spots, double nonZerosPerSpot, long heapBytes) {
        this.spots = spots;
        this.nonZerosPerSpot = nonZerosPerSpot;
        this.heapBytes = heapBytes;
    }

    /** Draws the first spots of {@code simulator} for their non-zeros and cells, and scales up to {@code nSpots}. */
    static SimulationFootprint estimate(PseudoSpotSimulator simulator, SimulateConfig config, int nTypes, int nSpots, int threads) {
        int sample = Math.min(nSpots, SAMPLE_SPOTS);
        PseudoSpotSimulator.Census census = simulator.census(sample, threads);
        double cellsPerSpot = 0;
        for (int c : census.nCells()) cellsPerSpot += c;
        cellsPerSpot /= sample;
        double nonZerosPerSpot = census.nonZeros() / (double) sample;
        return new SimulationFootprint(nSpots, nonZerosPerSpot, (long) Math.ceil(nSpots * bytesPerSpot(config, nTypes, cellsPerSpot)
                + paperFitBytes(config, nSpots, nonZerosPerSpot)));
    }

    /**
     * A lower bound known before anything is drawn (no recorded cells, no paper fit, no counts): checked before the
     * template layout allocates its per-spot coordinates and proportions.
     */
    static SimulationFootprint annotationsOnly(SimulateConfig config, int nTypes, int nSpots) {
        return new SimulationFootprint(nSpots, 0, (long) Math.ceil(nSpots * bytesPerSpot(config, nTypes, 0)));
    }

    /**
     * Heap per spot: the census (true proportions by type, cells, non-zeros per spot) and, while the file is finished,
     * a second copy of the proportions in the obs writer, the cell counts as float64, the spot name, and the layout's
     * coordinates and proportions or the recorded cells.
     */
    static double bytesPerSpot(SimulateConfig config, int nTypes, double cellsPerSpot) {
        double bytes = 16.0 * nTypes + 4 + 4 + 8 + NAME_BYTES;
        if (config.layout.mode != SimulateConfig.LayoutMode.NONE) bytes += XY_BYTES + 4;
        if (config.layout.mode == SimulateConfig.LayoutMode.TEMPLATE) bytes += 8.0 * nTypes + 24;
        // the reference rows (int) and, in obs, the cells' names joined: about 24 characters each, as UTF-16 then UTF-8
        if (config.recordCells) bytes += 24 + cellsPerSpot * (4 + 3 * 24);
        return bytes;
    }

    /** Mode paper holds the counts of the spots its PCA and k-means are fitted on (float value + int column each). */
    private static double paperFitBytes(SimulateConfig config, int nSpots, double nonZerosPerSpot) {
        if (config.layout.mode != SimulateConfig.LayoutMode.PAPER) return 0;
        int fit = config.layout.fitSpots <= 0 ? nSpots : Math.min(config.layout.fitSpots, nSpots);
        return fit * (nonZerosPerSpot * 8 + 8);
    }

    long nonZeros() {
        return Math.round(spots * nonZerosPerSpot);
    }

    /**
     * Refuses a simulation whose output would exceed the non-zeros a file may hold (exit 2: no heap helps), or whose
     * annotations cannot fit beside what the heap already holds (exit 144, the out-of-memory status the pipeline
     * retries with more memory), each with the figures and both ways out.
     */
    void check(long freeHeapBytes, long maxHeapBytes) {
        if (nonZeros() > PseudoSpotSimulator.MAX_NON_ZEROS) {
            throw new ConfigException(null, "n_spots", String.format(Locale.ROOT,
                    "%d spots would hold about %,d non-zero counts (%.0f per spot in the first %d), more than the %,d stdeconv can read back from one .h5ad",
                    spots, nonZeros(), nonZerosPerSpot, Math.min(spots, SAMPLE_SPOTS), PseudoSpotSimulator.MAX_NON_ZEROS),
                    "lower n_spots to about " + (long) (PseudoSpotSimulator.MAX_NON_ZEROS / nonZerosPerSpot) + " or restrict the reference to fewer genes");
        }
        long needed = (long) (heapBytes * GC_HEADROOM);
        if (needed > freeHeapBytes) {
            long used = maxHeapBytes - freeHeapBytes;
            throw new StdeconvException(StdeconvException.OUT_OF_MEMORY, String.format(Locale.ROOT,
                    "n_spots: %d spots need about %s of Java heap for their annotations, and this JVM has %s left of its %s "
                            + "(exit %d: out of memory, foreseen before the work); give it -Xmx%s (STDECONV_OPTS=-Xmx%s; pipeline: "
                            + "more task memory, which a retry does) or lower n_spots to about %d",
                    spots, size(needed), size(freeHeapBytes), size(maxHeapBytes), StdeconvException.OUT_OF_MEMORY,
                    gigabytesFor(needed + used), gigabytesFor(needed + used), (long) (spots * (freeHeapBytes / (double) needed))));
        }
    }

    /** The -Xmx value for {@code bytes}, in whole GB rounded up, e.g. "12g". */
    static String gigabytesFor(long bytes) {
        return (long) Math.ceil(bytes / (double) (1L << 30)) + "g";
    }

    private static String size(long bytes) {
        return bytes >= 1L << 30 ? String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30))
                : String.format(Locale.ROOT, "%d MB", bytes >> 20);
    }
}
