package org.stdeconv.spatial;

import org.stdeconv.data.SpotPlaces;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * A square window of a large slide: the spots nearest (in the larger of the x and y distances) to the centre of the
 * slide's extent. Choosing the spatial prior's strength looks at such a window only, so its cost stays that of a
 * Visium slide on a million-bin Visium HD slide; the strength chosen there is applied to every spot.
 */
public final class SpotWindow {
    /** Spots the strength is chosen on: a Visium slide (at most about 5,000 spots) is always seen whole. */
    public static final int MAX_SPOTS = 20_000;

    private SpotWindow() {
    }

    /** Ascending indices of the at most {@code max} spots with coordinates nearest the slide's centre. */
    public static int[] central(double[][] xy, int max) {
        double[] lo = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY}, hi = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        int placed = 0;
        for (double[] c : xy) {
            if (!SpotPlaces.isPlaced(c)) continue;
            placed++;
            for (int d = 0; d < 2; d++) {
                lo[d] = Math.min(lo[d], c[d]);
                hi[d] = Math.max(hi[d], c[d]);
            }
        }
        double cx = (lo[0] + hi[0]) / 2, cy = (lo[1] + hi[1]) / 2;
        int[] withXy = IntStream.range(0, xy.length).filter(i -> SpotPlaces.isPlaced(xy[i])).toArray();
        if (placed <= max) return withXy;
        double[] distance = new double[xy.length];
        for (int i : withXy) distance[i] = Math.max(Math.abs(xy[i][0] - cx), Math.abs(xy[i][1] - cy));
        int[] nearest = Arrays.stream(withXy).boxed().sorted(Comparator.comparingDouble((Integer i) -> distance[i]).thenComparingInt(i -> i))
                .limit(max).mapToInt(Integer::intValue).toArray();
        Arrays.sort(nearest);
        return nearest;
    }
}
