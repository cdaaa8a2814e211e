package org.stdeconv.stats;

import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.apache.commons.math3.stat.inference.TTest;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class WelchTestTest {
    private static WelchTest.Result fromSamples(double[] a, double[] b) {
        SummaryStatistics sa = stats(a), sb = stats(b);
        return WelchTest.test(sa.getMean(), sa.getVariance(), sa.getN(), sb.getMean(), sb.getVariance(), sb.getN());
    }

    private static SummaryStatistics stats(double[] x) {
        SummaryStatistics s = new SummaryStatistics();
        for (double v : x) s.addValue(v);
        return s;
    }

    @Test
    void matchesValuesWorkedOutByHand() {
        // a: mean 2.5, var 5/3; b: mean 6, var 10. se^2 = 5/12 + 2, t = -3.5 / sqrt(29/12),
        // df = (29/12)^2 / ((5/12)^2 / 3 + 2^2 / 4); p from scipy.stats.ttest_ind(a, b, equal_var=False)
        WelchTest.Result r = fromSamples(new double[]{1, 2, 3, 4}, new double[]{2, 4, 6, 8, 10});
        assertEquals(-3.5 / Math.sqrt(29.0 / 12), r.t(), 1e-12);
        assertEquals(-2.2514363231593695, r.t(), 1e-12);
        double se2 = 29.0 / 12;
        assertEquals(se2 * se2 / (Math.pow(5.0 / 12, 2) / 3 + 1.0), r.df(), 1e-12);
        assertEquals(5.520787746170677, r.df(), 1e-9);
        assertEquals(0.06913359319239236, r.p(), 1e-9);
    }

    @Test
    void smallPValuesMatchScipy() {
        WelchTest.Result r = fromSamples(new double[]{5.1, 4.9, 5.3, 5.0, 5.2, 4.8}, new double[]{1.0, 1.2, 0.9, 1.1, 1.3, 0.8, 1.0});
        assertEquals(1.1332077388525559e-12, r.p(), 1e-12 * 1e-6);
        WelchTest.Result flat = fromSamples(new double[]{0.5, 0.7, 0.2}, new double[]{0.4, 0.6, 0.3, 0.9, 0.1, 0.5, 0.5, 0.45});
        assertEquals(-0.012494562701550447, flat.t(), 1e-12);
        assertEquals(0.9907343019856846, flat.p(), 1e-9);
    }

    @Test
    void agreesWithCommonsMathTTestOnRandomSamples() {
        TTest reference = new TTest();
        Random rnd = new Random(7);
        for (int trial = 0; trial < 200; trial++) {
            double[] a = new double[2 + rnd.nextInt(30)], b = new double[2 + rnd.nextInt(300)];
            double shift = rnd.nextGaussian();
            for (int i = 0; i < a.length; i++) a[i] = rnd.nextGaussian() * (0.2 + rnd.nextDouble()) + shift;
            for (int i = 0; i < b.length; i++) b[i] = rnd.nextGaussian() * 2;
            WelchTest.Result r = fromSamples(a, b);
            assertEquals(reference.t(a, b), r.t(), 1e-9 * Math.max(1, Math.abs(r.t())));
            assertEquals(reference.tTest(a, b), r.p(), 1e-9);
        }
    }

    @Test
    void degenerateGroupsAreUntestableOrSeparated() {
        assertEquals(1.0, WelchTest.test(1, 0.5, 1, 0, 0.5, 10).p(), "one cell gives no variance");
        assertEquals(1.0, WelchTest.test(0, 0, 5, 0, 0, 10).p(), "all zero on both sides");
        assertEquals(0.0, WelchTest.test(2, 0, 5, 0, 0, 10).p(), "constant groups with different means");
    }
}
