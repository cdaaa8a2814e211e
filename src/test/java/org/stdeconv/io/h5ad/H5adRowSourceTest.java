package org.stdeconv.io.h5ad;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stdeconv.data.CsrMatrix;
import org.stdeconv.data.ExpressionData;
import org.stdeconv.data.ObsTable;
import org.stdeconv.io.SpotSource;
import org.stdeconv.testing.Prerequisites;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class H5adRowSourceTest {
    @TempDir
    Path tmp;

    private static ExpressionData sample(int rows, int cols) {
        Random r = new Random(3);
        CsrMatrix.Builder b = new CsrMatrix.Builder(cols);
        float[] row = new float[cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) row[j] = r.nextInt(4) == 0 ? r.nextInt(20) : 0;
            if (i == 7) java.util.Arrays.fill(row, 0);
            b.addDenseRow(row);
        }
        List<String> obs = new java.util.ArrayList<>(), var = new java.util.ArrayList<>();
        double[][] xy = new double[rows][];
        for (int i = 0; i < rows; i++) { obs.add("cell" + i); xy[i] = new double[]{i, -i}; }
        for (int j = 0; j < cols; j++) var.add("gene" + j);
        return new ExpressionData(b.build(), obs, var, new ObsTable(rows).putText("kind", obs.stream().map(s -> s.length() > 5 ? "long" : "short").toArray(String[]::new)), xy, Map.of("a", "b"));
    }

    private static void assertBlocksMatch(ExpressionData whole, SpotSource src, int block) {
        assertEquals(whole.obsNames(), src.obsNames());
        assertEquals(whole.varNames(), src.varNames());
        for (int start = 0; start < whole.nObs(); start += block) {
            int n = Math.min(block, whole.nObs() - start);
            CsrMatrix m = src.readRows(start, n);
            assertEquals(n, m.rows());
            for (int i = 0; i < n; i++) assertArrayEquals(whole.counts().denseRow(start + i), m.denseRow(i), "row " + (start + i));
        }
    }

    @Test
    void csrBlocksEqualTheWholeMatrix() {
        ExpressionData d = sample(53, 17);
        Path f = tmp.resolve("s.h5ad");
        H5adWriter.write(d, f);
        try (H5adRowSource src = H5adRowSource.open(f)) {
            assertBlocksMatch(d, src, 10);
            assertEquals(d.counts().nnz(), src.storedEntries());
            assertArrayEquals(d.spatial()[52], src.spatial()[52]);
            assertArrayEquals(d.obs().text("kind"), src.obs().text("kind"));
            assertEquals("b", src.uns().get("a"));
            assertEquals(0, src.readRows(7, 1).nnz());
            assertThrows(IndexOutOfBoundsException.class, () -> src.readRows(50, 4));
        }
    }

    @Test
    void anndataDenseAndCscFilesReadBlockwise() throws Exception {
        Path py = Prerequisites.pythonWithAnndata();
        ExpressionData d = sample(31, 9);
        Path csr = tmp.resolve("csr.h5ad");
        H5adWriter.write(d, csr);
        String script = String.join("\n",
                "import anndata, sys, scipy.sparse as sp, numpy as np",
                "a = anndata.read_h5ad(sys.argv[1])",
                "d = a.copy(); d.X = a.X.toarray().astype(np.int32); d.write_h5ad(sys.argv[2])",
                "c = a.copy(); c.X = sp.csc_matrix(a.X); c.write_h5ad(sys.argv[3], compression='gzip')");
        Process p = new ProcessBuilder(py.toString(), "-c", script, csr.toString(), tmp.resolve("dense.h5ad").toString(), tmp.resolve("csc.h5ad").toString())
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), log);
        try (H5adRowSource dense = H5adRowSource.open(tmp.resolve("dense.h5ad"))) {
            assertBlocksMatch(d, dense, 8);
            assertEquals(31L * 9, dense.storedEntries());
        }
        try (H5adRowSource csc = H5adRowSource.open(tmp.resolve("csc.h5ad"))) {
            assertBlocksMatch(d, csc, 8);
        }
    }

    @Test
    void anndataReadsFilesWithoutX() throws Exception {
        Path py = Prerequisites.pythonWithAnndata();
        ExpressionData d = sample(12, 5);
        Path f = tmp.resolve("nox.h5ad");
        H5adWriter.writeDirect(d, f, false);
        Process p = new ProcessBuilder(py.toString(), "-c",
                "import anndata, sys; a = anndata.read_h5ad(sys.argv[1]); print(a.shape, a.X is None, list(a.obs['kind'])[:1], a.obsm['spatial'].shape)", f.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        assertEquals(0, p.waitFor(), out);
        assertTrue(out.endsWith("(12, 5) True ['short'] (12, 2)"), out);
    }
}
