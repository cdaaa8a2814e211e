package org.stdeconv.stats;

import java.util.Arrays;
import java.util.Comparator;

/** Benjamini-Hochberg false discovery rate adjustment (q-values), as R's p.adjust(method = "BH"). */
public final class BenjaminiHochberg {
    private BenjaminiHochberg() {
    }

    /** q_(i) = min over j >= i of p_(j) * m / j on the ascending p-values, capped at 1; NaN p-values count as 1. */
    public static double[] adjust(double[] p) {
        int m = p.length;
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) order[i] = i;
        // stable sort on (p, index): ties keep their input order, so the result never depends on sort internals
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> clean(p[i])).thenComparingInt(i -> i));
        double[] q = new double[m];
        double running = 1.0;
        for (int rank = m; rank >= 1; rank--) {
            int i = order[rank - 1];
            running = Math.min(running, clean(p[i]) * m / rank);
            q[i] = running;
        }
        return q;
    }

    private static double clean(double p) {
        return Double.isNaN(p) ? 1.0 : Math.max(0.0, Math.min(1.0, p));
    }
}
