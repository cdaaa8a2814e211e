package org.stdeconv.qc;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Checks a reported min/quartiles/max/mean block against values recomputed in the test. */
final class MetricCheck {
    private MetricCheck() {
    }

    static void assertSummary(JsonNode reported, double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        assertEquals(s[0], reported.get("min").asDouble(), 1e-9);
        assertEquals(s[s.length - 1], reported.get("max").asDouble(), 1e-9);
        assertEquals(Arrays.stream(s).average().orElseThrow(), reported.get("mean").asDouble(), 1e-6);
        // numpy's default (linear) quantile: position p * (n - 1)
        assertEquals(linear(s, 0.5), reported.get("median").asDouble(), 1e-9);
        assertEquals(linear(s, 0.25), reported.get("q25").asDouble(), 1e-9);
        assertEquals(linear(s, 0.75), reported.get("q75").asDouble(), 1e-9);
    }

    private static double linear(double[] s, double p) {
        double pos = p * (s.length - 1);
        int lo = (int) pos;
        return lo + 1 < s.length ? s[lo] + (pos - lo) * (s[lo + 1] - s[lo]) : s[lo];
    }
}
