package org.stdeconv.stats;

import org.apache.commons.math3.stat.ranking.NaNStrategy;
import org.apache.commons.math3.stat.ranking.NaturalRanking;
import org.apache.commons.math3.stat.ranking.TiesStrategy;

/**
 * Pearson and Spearman correlation with the conventions evaluate reports: a column without variance (e.g. a type
 * predicted as 0 everywhere) or fewer than two pairs has no correlation, returned as NaN (written "NA"), never an
 * exception. Spearman is Pearson on ranks, tied values sharing their average rank.
 */
public final class Correlation {
    private static final NaturalRanking RANKING = new NaturalRanking(NaNStrategy.FAILED, TiesStrategy.AVERAGE);

    private Correlation() {
    }

    public static double pearson(double[] x, double[] y) {
        check(x, y);
        int n = x.length;
        if (n < 2 || constant(x) || constant(y)) return Double.NaN;
        double mx = 0, my = 0;
        for (int i = 0; i < n; i++) { mx += x[i]; my += y[i]; }
        mx /= n;
        my /= n;
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < n; i++) {
            double dx = x[i] - mx, dy = y[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        if (!(sxx > 0) || !(syy > 0)) return Double.NaN;
        double r = sxy / Math.sqrt(sxx * syy);
        return Math.max(-1, Math.min(1, r));
    }

    public static double spearman(double[] x, double[] y) {
        check(x, y);
        if (x.length < 2) return Double.NaN;
        return pearson(ranks(x), ranks(y));
    }

    /** 1-based ranks, ties averaged. */
    public static double[] ranks(double[] v) {
        return RANKING.rank(v);
    }

    /** Exactly equal values: tested directly, since rounding in the mean can leave a spurious tiny variance. */
    static boolean constant(double[] v) {
        for (double a : v) if (a != v[0]) return false;
        return true;
    }

    private static void check(double[] x, double[] y) {
        if (x.length != y.length) throw new IllegalArgumentException("lengths differ: " + x.length + " vs " + y.length);
    }
}
