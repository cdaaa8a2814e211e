package org.stdeconv.qc;

import org.apache.commons.math3.stat.inference.TTest;
import org.junit.jupiter.api.Test;
import org.stdeconv.data.CsrMatrix;
import org.stdeconv.stats.BenjaminiHochberg;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class MarkerSelectionTest {

    @Test
    void sparsePassGivesTheSameStatisticsAsDenseTTests() {
        Random rnd = new Random(3);
        int cells = 60, genes = 25;
        float[][] dense = new float[cells][genes];
        String[] labels = new String[cells];
        String[] types = {"B", "A", "C"};
        for (int i = 0; i < cells; i++) {
            labels[i] = types[i % 3];
            for (int j = 0; j < genes; j++) {
                // sparse like real counts, but every gene is expressed somewhere in every group
                boolean on = rnd.nextDouble() < 0.4 || i < 9;
                dense[i][j] = on ? 1 + rnd.nextInt(5 + (j % 3 == i % 3 ? 20 : 0)) : 0;
            }
        }
        List<String> names = new ArrayList<>();
        for (int j = 0; j < genes; j++) names.add("g" + j);
        MarkerSelection.Result r = MarkerSelection.select(CsrMatrix.fromDense(dense, genes), names, labels, MarkerSelection.Params.defaults());
        assertEquals(List.of("A", "B", "C"), r.types(), "types are sorted");

        double[][] x = new double[cells][genes];
        for (int i = 0; i < cells; i++) {
            double total = 0;
            for (float v : dense[i]) total += v;
            for (int j = 0; j < genes; j++) x[i][j] = Math.log1p(dense[i][j] * 1e4 / total);
        }
        TTest tTest = new TTest();
        for (int t = 0; t < 3; t++) {
            String type = r.types().get(t);
            double[] p = new double[genes];
            double[] lfc = new double[genes];
            for (int j = 0; j < genes; j++) {
                List<Double> in = new ArrayList<>(), rest = new ArrayList<>();
                for (int i = 0; i < cells; i++) (labels[i].equals(type) ? in : rest).add(x[i][j]);
                double[] a = in.stream().mapToDouble(Double::doubleValue).toArray();
                double[] b = rest.stream().mapToDouble(Double::doubleValue).toArray();
                p[j] = tTest.tTest(a, b);
                double ma = java.util.Arrays.stream(a).average().orElseThrow(), mb = java.util.Arrays.stream(b).average().orElseThrow();
                lfc[j] = Math.log((Math.expm1(ma) + 1e-9) / (Math.expm1(mb) + 1e-9)) / Math.log(2);
            }
            double[] q = BenjaminiHochberg.adjust(p);
            for (int j = 0; j < genes; j++) {
                assertEquals(q[j], r.q(t, j), 1e-9, "q of " + type + "/g" + j);
                assertEquals(lfc[j], r.logFoldChange(t, j), 1e-9, "lfc of " + type + "/g" + j);
            }
        }
    }

    @Test
    void findsThePlantedMarkersOfEverySyntheticType() {
        SyntheticCounts data = new SyntheticCounts(11, 6, 40, 300, 10, 6.0);
        MarkerSelection.Result r = MarkerSelection.select(data.reference, "cell_type", MarkerSelection.Params.defaults());
        Map<String, List<String>> found = r.markersPerType();
        assertEquals(data.markers.keySet(), found.keySet());
        data.markers.forEach((type, planted) -> {
            assertTrue(found.get(type).containsAll(planted), type + ": planted " + planted + ", found " + found.get(type));
            for (String g : planted) {
                MarkerSelection.GeneStat s = r.stat(r.genes().indexOf(g));
                assertEquals(type, s.type(), g);
                assertTrue(s.logFoldChange() > 1.5, g + " log2 fold change " + s.logFoldChange());
                assertTrue(s.q() < 0.01, g + " q " + s.q());
            }
        });
        assertTrue(r.selectedGenes().containsAll(data.markers.values().stream().flatMap(List::stream).toList()));
    }

    @Test
    void topNPerTypeKeepsTheLargestFoldChanges() {
        SyntheticCounts data = new SyntheticCounts(12, 4, 30, 120, 8, 8.0);
        MarkerSelection.Result r = MarkerSelection.select(data.reference, "cell_type", new MarkerSelection.Params(0.01, 3));
        Map<String, List<String>> found = r.markersPerType();
        int total = 0;
        for (String type : r.types()) {
            List<String> m = found.get(type);
            assertFalse(m.isEmpty(), type);
            assertTrue(m.size() <= 3, type + " has " + m);
            assertTrue(data.markers.get(type).containsAll(m), type + ": " + m + " are not all planted markers " + data.markers.get(type));
            total += m.size();
        }
        assertTrue(r.selectedGenes().size() <= 3 * r.types().size());
        assertTrue(r.selectedGenes().size() >= total);
    }

    @Test
    void unlabelledCellsTakeNoPart() {
        float[][] dense = {{5, 1}, {6, 1}, {5, 2}, {1, 5}, {1, 6}, {2, 5}, {100, 0}};
        String[] labels = {"x", "x", "x", "y", "y", "y", ""};
        MarkerSelection.Result with = MarkerSelection.select(CsrMatrix.fromDense(dense, 2), List.of("a", "b"), labels, MarkerSelection.Params.defaults());
        float[][] six = java.util.Arrays.copyOf(dense, 6);
        MarkerSelection.Result without = MarkerSelection.select(CsrMatrix.fromDense(six, 2), List.of("a", "b"),
                java.util.Arrays.copyOf(labels, 6), MarkerSelection.Params.defaults());
        assertEquals(List.of("x", "y"), with.types());
        for (int t = 0; t < 2; t++) for (int j = 0; j < 2; j++) assertEquals(without.q(t, j), with.q(t, j), 0.0);
    }
}
