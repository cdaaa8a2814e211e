package org.stdeconv.stats;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * Welch's unequal-variance t-test from group summaries (mean, sample variance with n - 1, size), two-sided. The
 * summaries come from one sparse pass over the data, so the test never needs the values themselves.
 */
public final class WelchTest {
    /** t statistic, Welch-Satterthwaite degrees of freedom and two-sided p-value. */
    public record Result(double t, double df, double p) {
    }

    private static final Result UNTESTABLE = new Result(0, Double.NaN, 1.0);

    private WelchTest() {
    }

    /**
     * Groups with fewer than two members have no variance estimate, and two constant groups have no spread to
     * test against: both give p = 1 (no evidence), except two constant groups with different means, which are
     * perfectly separated and give p = 0.
     */
    public static Result test(double mean1, double var1, long n1, double mean2, double var2, long n2) {
        if (n1 < 2 || n2 < 2) return UNTESTABLE;
        double a = Math.max(var1, 0) / n1, b = Math.max(var2, 0) / n2;
        double se2 = a + b;
        double diff = mean1 - mean2;
        if (!(se2 > 0)) {
            return diff == 0 ? UNTESTABLE : new Result(Math.copySign(Double.POSITIVE_INFINITY, diff), Double.NaN, 0.0);
        }
        double t = diff / Math.sqrt(se2);
        double df = se2 * se2 / (a * a / (n1 - 1) + b * b / (n2 - 1));
        return new Result(t, df, twoSidedP(t, df));
    }

    /** 2 P(T_df <= -|t|); the random generator is left out because no samples are ever drawn. */
    static double twoSidedP(double t, double df) {
        double p = 2 * new TDistribution(null, df).cumulativeProbability(-Math.abs(t));
        return Math.min(1.0, p);
    }
}
