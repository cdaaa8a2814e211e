import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Synthetic Visium-HD-like bins, one at a time: each bin draws a total depth from a geometric-like spread around
 * DEPTH, then that many UMIs from a Zipf-like gene distribution (a few genes carry most counts, as in real panels),
 * with the gene order scrambled so that highly expressed genes are not all at the start. Shared by MakeSlide (.h5ad)
 * and MakeHdFolder (Space Ranger bin folder), so both describe the same counts for the same seed.
 */
final class ZipfBins {
    private final SplittableRandom random;
    private final int genes;
    private final double depth;
    private final double[] cdf;
    private final int[] perm;
    private final float[] row;
    long umis;

    ZipfBins(int genes, double depth, long seed) {
        this.random = new SplittableRandom(seed);
        this.genes = genes;
        this.depth = depth;
        this.cdf = new double[genes];
        double s = 0;
        for (int j = 0; j < genes; j++) cdf[j] = s += 1.0 / Math.pow(j + 10, 1.1);
        for (int j = 0; j < genes; j++) cdf[j] /= s;
        this.perm = new int[genes];
        for (int j = 0; j < genes; j++) perm[j] = j;
        for (int j = genes - 1; j > 0; j--) { int k = random.nextInt(j + 1); int t = perm[j]; perm[j] = perm[k]; perm[k] = t; }
        this.row = new float[genes];
    }

    /** The next bin's non-zero genes (ascending) and counts into cols/vals; returns how many. */
    int next(int[] cols, float[] vals) {
        Arrays.fill(row, 0);
        int n = (int) Math.max(1, Math.round(-depth * Math.log(1 - random.nextDouble()) * 0.5 + depth * 0.5));
        for (int u = 0; u < n; u++) {
            int g = Arrays.binarySearch(cdf, random.nextDouble());
            row[perm[g < 0 ? Math.min(-g - 1, genes - 1) : g]]++;
        }
        umis += n;
        int k = 0;
        for (int j = 0; j < genes; j++) if (row[j] != 0) { cols[k] = j; vals[k] = row[j]; k++; }
        return k;
    }
}
