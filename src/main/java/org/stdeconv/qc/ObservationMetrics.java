package org.stdeconv.qc;

import org.stdeconv.data.CsrMatrix;

import java.util.List;

/** Per cell or spot: total counts, detected genes and the fraction of counts in mitochondrial genes. */
public record ObservationMetrics(double[] totalCounts, int[] detectedGenes, double[] mitoFraction, int mitoGenes) {

    public static ObservationMetrics of(CsrMatrix counts, List<String> genes, List<String> mitoPrefixes) {
        boolean[] mito = new boolean[genes.size()];
        int nMito = 0;
        for (int j = 0; j < mito.length; j++) {
            for (String prefix : mitoPrefixes) {
                if (!prefix.isEmpty() && genes.get(j).startsWith(prefix)) { mito[j] = true; nMito++; break; }
            }
        }
        int n = counts.rows();
        double[] total = new double[n], mt = new double[n];
        int[] detected = new int[n];
        int[] idx = counts.indices();
        float[] val = counts.data();
        for (int r = 0; r < n; r++) {
            double t = 0, m = 0;
            int d = 0;
            for (int k = counts.rowStart(r), e = counts.rowEnd(r); k < e; k++) {
                float v = val[k];
                if (v == 0f) continue;
                t += v;
                d++;
                if (mito[idx[k]]) m += v;
            }
            total[r] = t;
            detected[r] = d;
            mt[r] = t > 0 ? m / t : 0;
        }
        return new ObservationMetrics(total, detected, mt, nMito);
    }

    public int size() {
        return totalCounts.length;
    }

    public double[] detectedGenesAsDouble() {
        double[] out = new double[detectedGenes.length];
        for (int i = 0; i < out.length; i++) out[i] = detectedGenes[i];
        return out;
    }
}
