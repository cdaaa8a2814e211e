package org.stdeconv.simulate;

import org.stdeconv.data.CsrMatrix;

/** Arithmetic on rows of a sparse count matrix scaled per gene, without making the rows dense. */
final class ScaledRows {
    private ScaledRows() {
    }

    /** Squared norm of the scaled row. */
    static double rowNorm(CsrMatrix m, int r, double[] scale) {
        double s = 0;
        for (int q = m.rowStart(r); q < m.rowEnd(r); q++) {
            double y = m.data()[q] * scale[m.indices()[q]];
            s += y * y;
        }
        return s;
    }

    static double[] denseScaledRow(CsrMatrix m, int r, double[] scale, int genes) {
        double[] out = new double[genes];
        for (int q = m.rowStart(r); q < m.rowEnd(r); q++) out[m.indices()[q]] = m.data()[q] * scale[m.indices()[q]];
        return out;
    }

    static double rowDot(CsrMatrix m, int r, double[] scale, double[] v) {
        double s = 0;
        int[] idx = m.indices();
        float[] val = m.data();
        for (int q = m.rowStart(r), e = m.rowEnd(r); q < e; q++) s += val[q] * scale[idx[q]] * v[idx[q]];
        return s;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }
}
