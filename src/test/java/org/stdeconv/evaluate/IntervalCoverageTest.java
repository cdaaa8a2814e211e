package org.stdeconv.evaluate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stdeconv.InputDataException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** evaluate scores infer's 90% intervals against the truth: the share of (spot, type) pairs they hold. */
class IntervalCoverageTest {
    @TempDir
    Path dir;

    private static final String PREDICTIONS = "spot\tA\tB\tdominant_type\tentropy\n"
            + "s1\t0.2\t0.8\tB\t0.5\ns2\t0.5\t0.5\tA\t0.69\ns3\t0.9\t0.1\tA\t0.3\ns4\tNaN\tNaN\tNA\tNaN\ns5\t0.4\t0.6\tB\t0.67\n";
    private static final String TRUTH = "spot\tA\tB\ns1\t0.25\t0.75\ns2\t0.1\t0.9\ns3\t1\t0\ns4\t0.5\t0.5\ns5\t0.4\t0.6\n";
    // s1: both inside; s2: both outside; s3: A outside (1 > 0.95), B inside (0 = bound); s4: no prediction; s5: inside
    private static final String INTERVALS = "spot\tA_q05\tA_q95\tB_q05\tB_q95\n"
            + "s1\t0.1\t0.3\t0.7\t0.9\ns2\t0.3\t0.7\t0.3\t0.7\ns3\t0.8\t0.95\t0\t0.2\ns4\tNaN\tNaN\tNaN\tNaN\ns5\t0.3\t0.5\t0.5\t0.7\n";

    private EvaluateConfig config() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("infer"));
        EvaluateConfig c = new EvaluateConfig();
        c.predictions = Files.writeString(folder.resolve("proportions.tsv"), PREDICTIONS).toString();
        c.truth = Files.writeString(dir.resolve("truth.tsv"), TRUTH).toString();
        return c;
    }

    @Test
    void intervalsBesideThePredictionsAreScoredPerTypeAndOverall() throws Exception {
        EvaluateConfig c = config();
        Files.writeString(dir.resolve("infer").resolve(PredictionIntervals.FILE), INTERVALS);
        PredictionIntervals.Coverage cov = Evaluator.run(c).primary().coverage();
        assertEquals(5 / 8.0, cov.overall(), 1e-12);
        assertEquals(2 / 4.0, cov.perType().get("A"), 1e-12);
        assertEquals(3 / 4.0, cov.perType().get("B"), 1e-12);
        assertEquals((0.2 + 0.2 + 0.4 + 0.4 + 0.15 + 0.2 + 0.2 + 0.2) / 8, cov.meanWidth(), 1e-12);
    }

    @Test
    void metricsTsvHasTheCoverageRowsAndTheBaselineNone() throws Exception {
        EvaluateConfig c = config();
        Files.writeString(dir.resolve("infer").resolve(PredictionIntervals.FILE), INTERVALS);
        List<MetricsFiles.Row> rows = MetricsFiles.rows(Evaluator.run(c));
        MetricsFiles.Row all = rows.stream().filter(r -> r.metric().equals("interval_coverage") && r.cellType().equals("all")).findFirst().orElseThrow();
        assertEquals(0.625, all.values()[0], 1e-12);
        assertTrue(rows.stream().anyMatch(r -> r.metric().equals("interval_mean_width")));
    }

    @Test
    void withoutIntervalsOrTruthThereIsNoCoverage() throws Exception {
        EvaluateConfig c = config();
        assertNull(Evaluator.run(c).primary().coverage(), "no intervals.tsv beside the predictions");
        Files.writeString(dir.resolve("infer").resolve(PredictionIntervals.FILE), INTERVALS);
        c.truth = null;
        assertNull(Evaluator.run(c).primary().coverage(), "nothing to score against");
    }

    @Test
    void aConfiguredFileMustHoldEveryPredictedSpotAndType() throws Exception {
        EvaluateConfig c = config();
        c.intervals = Files.writeString(dir.resolve("short.tsv"), "spot\tA_q05\tA_q95\tB_q05\tB_q95\ns1\t0\t1\t0\t1\n").toString();
        InputDataException spot = assertThrows(InputDataException.class, () -> Evaluator.run(c));
        assertTrue(spot.getMessage().startsWith(c.intervals + ": spot: no interval for predicted spot s2"), spot.getMessage());
        c.intervals = Files.writeString(dir.resolve("types.tsv"), "spot\tA_q05\tA_q95\ns1\t0\t1\n").toString();
        InputDataException type = assertThrows(InputDataException.class, () -> Evaluator.run(c));
        assertTrue(type.getMessage().contains("no columns B_q05 and B_q95"), type.getMessage());
        // bounds the wrong way round were scored (coverage 0) without a word
        c.intervals = Files.writeString(dir.resolve("swapped.tsv"), "spot\tA_q05\tA_q95\tB_q05\tB_q95\ns1\t0\t1\t0.9\t0.1\ns2\t0\t1\t0\t1\n").toString();
        InputDataException swapped = assertThrows(InputDataException.class, () -> Evaluator.run(c));
        assertTrue(swapped.getMessage().startsWith(c.intervals + ": line 2: B_q05 0.9 is above B_q95 0.1"), swapped.getMessage());
        // bounds outside a proportion's range "covered" every truth: coverage 1.0
        c.intervals = Files.writeString(dir.resolve("units.tsv"), "spot\tA_q05\tA_q95\tB_q05\tB_q95\ns1\t0\t1\t-5\t7\ns2\t0\t1\t0\t1\n").toString();
        InputDataException units = assertThrows(InputDataException.class, () -> Evaluator.run(c));
        assertEquals(c.intervals + ": line 2, column B_q05: bound -5 is outside [0, 1], the range of a proportion; give the intervals.tsv infer wrote with these predictions",
                units.getMessage());
    }
}
