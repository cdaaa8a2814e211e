package org.stdeconv.data;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class CsrMatrixTest {
    private final CsrMatrix m = CsrMatrix.fromDense(new float[][]{{1, 0, 2}, {0, 0, 0}, {3, 4, 0}}, 3);

    @Test
    void denseRoundTripAndSums() {
        assertEquals(4, m.nnz());
        assertArrayEquals(new float[]{3, 4, 0}, m.denseRow(2));
        assertArrayEquals(new double[]{3, 0, 7}, m.rowSums());
        assertArrayEquals(new int[]{2, 1, 1}, m.columnNonZeroCounts());
    }

    @Test
    void transposeTwiceIsIdentity() {
        CsrMatrix t = m.transpose();
        assertEquals(4f, t.get(1, 2));
        CsrMatrix back = t.transpose();
        for (int r = 0; r < 3; r++) assertArrayEquals(m.denseRow(r), back.denseRow(r));
    }

    @Test
    void remapColumnsReordersAndFillsMissingWithZero() {
        GeneAlignment a = GeneAlignment.of(List.of("g1", "g2", "g3"), List.of("g3", "gX", "g1"));
        assertEquals(1, a.missing());
        CsrMatrix r = m.remapColumns(a.sourceColumns());
        assertArrayEquals(new float[]{2, 0, 1}, r.denseRow(0));
        assertArrayEquals(new float[]{0, 0, 3}, r.denseRow(2));
    }

    @Test
    void selectAndStackRows() {
        CsrMatrix s = m.selectRows(new int[]{2, 0});
        assertArrayEquals(new float[]{3, 4, 0}, s.denseRow(0));
        CsrMatrix v = CsrMatrix.vstack(List.of(s, m.sliceRows(1, 1)));
        assertEquals(3, v.rows());
        assertArrayEquals(new float[]{1, 0, 2}, v.denseRow(1));
        assertArrayEquals(new float[]{0, 0, 0}, v.denseRow(2));
    }

    @Test
    void log1pCp10kTransform() {
        float[][] x = InputTransform.log1pCp10k().apply(m);
        assertEquals((float) Math.log1p(1e4 / 3), x[0][0], 1e-5);
        assertEquals(0f, x[1][0]);
        assertEquals((float) Math.log1p(4e4 / 7), x[2][1], 1e-5);
    }
}
