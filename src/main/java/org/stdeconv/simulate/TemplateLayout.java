package org.stdeconv.simulate;

import java.util.Arrays;

/**
 * Pseudo-spots on a real slide's coordinates with spatially smooth proportions. Copies of the slide are placed side
 * by side (a gap between them) until n spots are placed; in each copy every cell type gets its own Gaussian random
 * field and a spot's proportions are softmax(contrast * fields), optionally kept to the strongest {@code maxTypes}
 * types. A long length scale gives large patches of similar composition (high Moran's I), a short one salt and
 * pepper.
 */
public final class TemplateLayout {
    private final double[][] xy;
    private final double[][] proportions;
    private final double spotDistance;

    private TemplateLayout(double[][] xy, double[][] proportions, double spotDistance) {
        this.xy = xy;
        this.proportions = proportions;
        this.spotDistance = spotDistance;
    }

    /**
     * @param slideXy     the template's coordinates
     * @param lengthScale field correlation length in median nearest-neighbour distances
     * @param maxTypes    types kept per spot (0 or >= nTypes = all)
     */
    public static TemplateLayout build(double[][] slideXy, int nSpots, int nTypes, double lengthScale, double contrast,
                                       int maxTypes, long seed) {
        double unit = medianNearestNeighbourDistance(slideXy);
        double minX = Double.POSITIVE_INFINITY, maxX = Double.NEGATIVE_INFINITY;
        for (double[] p : slideXy) {
            minX = Math.min(minX, p[0]);
            maxX = Math.max(maxX, p[0]);
        }
        // copies further apart than any neighbourhood radius anyone would use, so copies never look adjacent
        double shift = maxX - minX + 10 * unit + 6 * lengthScale * unit;
        int perCopy = slideXy.length;
        int copies = (nSpots + perCopy - 1) / perCopy;
        double[][] xy = new double[nSpots][];
        double[][] p = new double[nSpots][nTypes];
        SpotRandom random = new SpotRandom(seed, SpotRandom.FIELDS, 0);
        int keep = maxTypes <= 0 || maxTypes >= nTypes ? nTypes : maxTypes;
        Integer[] order = new Integer[nTypes];
        for (int c = 0; c < copies; c++) {
            double[][] fields = new double[nTypes][];
            for (int t = 0; t < nTypes; t++) {
                random.reseed(seed, SpotRandom.FIELDS, (long) c * nTypes + t);
                fields[t] = GaussianRandomField.sample(slideXy, lengthScale * unit, random);
            }
            for (int s = 0; s < perCopy && c * perCopy + s < nSpots; s++) {
                int i = c * perCopy + s;
                xy[i] = new double[]{slideXy[s][0] + c * shift, slideXy[s][1]};
                double[] z = new double[nTypes];
                double max = Double.NEGATIVE_INFINITY;
                for (int t = 0; t < nTypes; t++) {
                    z[t] = contrast * fields[t][s];
                    max = Math.max(max, z[t]);
                }
                if (keep < nTypes) {
                    for (int t = 0; t < nTypes; t++) order[t] = t;
                    final double[] zz = z;
                    Arrays.sort(order, (a, b) -> a.equals(b) ? 0 : (zz[b] != zz[a] ? Double.compare(zz[b], zz[a]) : Integer.compare(a, b)));
                    for (int r = keep; r < nTypes; r++) z[order[r]] = Double.NEGATIVE_INFINITY;
                }
                double sum = 0;
                for (int t = 0; t < nTypes; t++) {
                    p[i][t] = Math.exp(z[t] - max);
                    sum += p[i][t];
                }
                for (int t = 0; t < nTypes; t++) p[i][t] /= sum;
            }
        }
        return new TemplateLayout(xy, p, unit);
    }

    public double[][] xy() { return xy; }
    /** Target proportions per spot (rows sum to 1). */
    public double[][] proportions() { return proportions; }
    /** The template's median nearest-neighbour distance (the unit of length_scale). */
    public double spotDistance() { return spotDistance; }

    /** Median distance from a spot to its nearest other spot (a sample of 2000 spots on large slides). */
    static double medianNearestNeighbourDistance(double[][] xy) {
        int n = xy.length;
        if (n < 2) return 1;
        int step = Math.max(1, n / 2000);
        double[] nearest = new double[(n + step - 1) / step];
        int m = 0;
        for (int i = 0; i < n; i += step) {
            double best = Double.POSITIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                if (j == i) continue;
                double dx = xy[i][0] - xy[j][0], dy = xy[i][1] - xy[j][1];
                double d = dx * dx + dy * dy;
                if (d > 0 && d < best) best = d;
            }
            if (best < Double.POSITIVE_INFINITY) nearest[m++] = Math.sqrt(best);
        }
        if (m == 0) return 1;
        double[] d = Arrays.copyOf(nearest, m);
        Arrays.sort(d);
        return d[m / 2];
    }
}
