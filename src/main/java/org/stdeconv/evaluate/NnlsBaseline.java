package org.stdeconv.evaluate;

import org.stdeconv.data.CsrMatrix;
import org.stdeconv.data.InputTransform;
import org.stdeconv.stats.Nnls;

/**
 * The simple method every report compares against: each spot's transformed expression as a non-negative
 * combination of the reference's per-type mean profiles (same genes, same transform), the coefficients normalised
 * to sum 1. A spot whose fit is all zero (no expression of the shared genes) gets equal proportions.
 */
public final class NnlsBaseline {
    private final ReferenceProfiles profiles;
    private final Nnls nnls;

    public NnlsBaseline(ReferenceProfiles profiles) {
        this.profiles = profiles;
        int g = profiles.genes().size(), k = profiles.types().size();
        double[][] design = new double[g][k];
        for (int t = 0; t < k; t++) for (int j = 0; j < g; j++) design[j][t] = profiles.mean()[t][j];
        this.nnls = new Nnls(design);
    }

    /** Proportions (rows sum to 1, columns in {@code profiles.types()} order) for spots already in profile gene order. */
    public double[][] deconvolve(CsrMatrix spotsInProfileGenes, InputTransform transform) {
        if (spotsInProfileGenes.cols() != profiles.genes().size()) throw new IllegalArgumentException("spots not aligned to the profile genes");
        int k = profiles.types().size();
        double[][] out = new double[spotsInProfileGenes.rows()][];
        float[] row = new float[spotsInProfileGenes.cols()];
        double[] b = new double[row.length];
        for (int i = 0; i < out.length; i++) {
            transform.apply(spotsInProfileGenes, i, row);
            for (int j = 0; j < row.length; j++) b[j] = row[j];
            out[i] = normalise(nnls.solve(b), k);
        }
        return out;
    }

    static double[] normalise(double[] x, int k) {
        double s = 0;
        for (double v : x) s += v;
        double[] p = new double[k];
        for (int t = 0; t < k; t++) p[t] = s > 0 ? x[t] / s : 1.0 / k;
        return p;
    }
}
