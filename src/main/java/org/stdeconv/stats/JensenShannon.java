package org.stdeconv.stats;

/**
 * Jensen-Shannon divergence between two discrete distributions in bits (log base 2), so it lies in [0, 1]: 0 for
 * identical distributions, 1 for disjoint supports. Inputs are normalised to sum 1 first; a vector with no mass
 * gives NaN.
 */
public final class JensenShannon {
    private JensenShannon() {
    }

    public static double divergence(double[] p, double[] q) {
        if (p.length != q.length) throw new IllegalArgumentException("lengths differ");
        double sp = 0, sq = 0;
        for (int i = 0; i < p.length; i++) {
            if (p[i] < 0 || q[i] < 0) throw new IllegalArgumentException("negative probability");
            sp += p[i];
            sq += q[i];
        }
        if (!(sp > 0) || !(sq > 0)) return Double.NaN;
        double js = 0;
        for (int i = 0; i < p.length; i++) {
            double a = p[i] / sp, b = q[i] / sq, m = 0.5 * (a + b);
            if (a > 0) js += 0.5 * a * log2(a / m);
            if (b > 0) js += 0.5 * b * log2(b / m);
        }
        return Math.max(0, Math.min(1, js));
    }

    private static double log2(double v) {
        return Math.log(v) / Math.log(2);
    }
}
