package org.stdeconv.demo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stdeconv.cli.Main;
import org.stdeconv.data.CsrMatrix;
import org.stdeconv.data.ExpressionData;
import org.stdeconv.data.ProportionTable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class DemoDataTest {
    private static final DemoData.Params SMALL = new DemoData.Params(20, 300, 10, 6, 8, 2000, 12, 2.0);

    @Test
    void sameSeedSameDataOtherSeedOtherData() {
        DemoData a = DemoData.generate(3, SMALL), b = DemoData.generate(3, SMALL), c = DemoData.generate(4, SMALL);
        assertArrayEquals(a.reference().counts().data(), b.reference().counts().data());
        assertArrayEquals(a.slide().counts().data(), b.slide().counts().data());
        assertFalse(java.util.Arrays.equals(a.slide().counts().data(), c.slide().counts().data()));
    }

    @Test
    void truthIsAProportionPerSpotAndSlideHasCoordinates() {
        DemoData d = DemoData.generate(5, SMALL);
        ProportionTable truth = ProportionTable.fromTruthColumns(d.slide(), Path.of("demo"));
        assertEquals(DemoData.TYPES, truth.types());
        for (double[] row : truth.values()) {
            double s = 0;
            for (double v : row) { assertTrue(v >= 0); s += v; }
            assertEquals(1.0, s, 1e-9);
        }
        assertEquals(36, d.slide().nObs());
        assertTrue(d.slide().hasSpatial());
    }

    @Test
    void markersAreOverExpressedInTheirOwnType() {
        DemoData d = DemoData.generate(9, SMALL);
        ExpressionData ref = d.reference();
        String[] types = ref.obs().text("cell_type");
        var index = ref.varIndex();
        CsrMatrix x = ref.counts();
        for (String type : DemoData.TYPES) {
            for (String marker : d.markers().get(type)) {
                int g = index.get(marker);
                double in = 0, out = 0;
                int nIn = 0, nOut = 0;
                for (int c = 0; c < x.rows(); c++) {
                    double cp = x.get(c, g) / x.rowSum(c);
                    if (types[c].equals(type)) { in += cp; nIn++; } else { out += cp; nOut++; }
                }
                assertTrue(in / nIn > 3 * (out / nOut), marker + " should be up in " + type);
            }
        }
    }

    @Test
    void commandWritesThreeFilesAndIsByteDeterministic(@TempDir Path dir) throws Exception {
        assertEquals(0, Main.execute("demo-data", "--out", dir.resolve("a").toString(), "--seed", "2", "--cells-per-type", "10", "--genes", "200", "--grid", "5"));
        assertEquals(0, Main.execute("demo-data", "--out", dir.resolve("b").toString(), "--seed", "2", "--cells-per-type", "10", "--genes", "200", "--grid", "5"));
        for (String f : List.of("reference.h5ad", "slide.h5ad", "markers.tsv")) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(f)), Files.readAllBytes(dir.resolve("b").resolve(f)), f);
        }
        try (var s = Files.list(dir.resolve("a"))) {
            assertEquals(3, s.count(), "no staging leftovers");
        }
        assertEquals(2, Main.execute("demo-data", "--out", dir.resolve("c").toString(), "--genes", "10"));
        assertFalse(Files.exists(dir.resolve("c").resolve("slide.h5ad")));
    }
}
