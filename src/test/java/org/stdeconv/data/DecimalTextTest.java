package org.stdeconv.data;

import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DecimalTextTest {
    private static void same(double v) {
        StringBuilder f = new StringBuilder(), g = new StringBuilder();
        DecimalText.fixed6(f, v);
        DecimalText.general6(g, v);
        assertEquals(String.format(Locale.ROOT, "%.6f", v), f.toString(), "%.6f of " + v);
        assertEquals(String.format(Locale.ROOT, "%.6g", v), g.toString(), "%.6g of " + v);
    }

    @Test
    void matchesFormatterOnEdgeCases() {
        double[] edge = {0, -0.0, 1, 0.5, 0.0000005, 0.0000015, 0.0000025, 0.1234565, 0.9999995, 0.99999949, 1e-4, 9.99995e-5, 0.09999996,
                0.000123456, 999999.5, 99999.95, 7992, 123456.7, -3.25, 1e-300, 1e300, 2.5e-7, 12345.6785, Double.NaN,
                Double.POSITIVE_INFINITY, Double.MIN_VALUE, Math.log(6), 1.0 / 3, 2.0 / 3};
        for (double v : edge) same(v);
    }

    @Test
    void matchesFormatterOnManyValues() {
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < 300_000; i++) {
            same(r.nextDouble());                                         // proportions
            same(r.nextInt(2_000_000) / 1e6 + 0.0000005 * r.nextInt(3));  // at and near half-way points
            same(r.nextInt(100_000) * 0.25);                              // grid coordinates
            same(Math.pow(10, r.nextDouble(-6, 7)) * (r.nextBoolean() ? 1 : -1));
        }
    }
}
