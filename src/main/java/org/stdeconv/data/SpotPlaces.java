package org.stdeconv.data;

/**
 * Whether spots have a place on their slide: two finite coordinates. A NaN in obsm['spatial'] leaves a spot
 * unplaced; the spatial prior gives it no neighbours, the maps leave it out, and the steps that need every spot's
 * position refuse it. One definition, so that all of them agree on which spots those are.
 */
public final class SpotPlaces {
    private SpotPlaces() {
    }

    /** Whether {@code p} (x, y) is a place: present, with two finite coordinates. */
    public static boolean isPlaced(double[] p) {
        return p != null && p.length >= 2 && Double.isFinite(p[0]) && Double.isFinite(p[1]);
    }

    /** The index of the first unplaced spot of {@code xy}, or -1 when every spot is placed. */
    public static int firstUnplaced(double[][] xy) {
        for (int i = 0; i < xy.length; i++) if (!isPlaced(xy[i])) return i;
        return -1;
    }

    /** How many spots of {@code xy} are unplaced. */
    public static int countUnplaced(double[][] xy) {
        int n = 0;
        for (double[] p : xy) if (!isPlaced(p)) n++;
        return n;
    }

    /**
     * Whether the placed spots of {@code xy}, two or more, all share one position: coordinates that carry no layout
     * (a table whose positions were all written as 0, say), on which neighbours, smoothing and maps mean nothing.
     */
    public static boolean allAtOnePlace(double[][] xy) {
        double[] first = null;
        int placed = 0;
        for (double[] p : xy) {
            if (!isPlaced(p)) continue;
            if (first == null) first = p;
            else if (p[0] != first[0] || p[1] != first[1]) return false;
            placed++;
        }
        return placed >= 2;
    }
}
