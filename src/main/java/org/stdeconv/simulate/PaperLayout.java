package org.stdeconv.simulate;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.stdeconv.data.CsrMatrix;

import static org.stdeconv.simulate.ScaledRows.dot;
import static org.stdeconv.simulate.ScaledRows.rowDot;
import static org.stdeconv.simulate.ScaledRows.rowNorm;

/**
 * The ST-deconv authors' pseudo-coordinates (generate_ref_matrix_location_info): genes scaled to unit variance
 * without centring (StandardScaler(with_mean=False)), the first two principal components as x and y, shifted and
 * rounded to an integer grid as x = round(pc - min + 1 - floor(min)), plus k-means with 5 clusters on the scaled
 * spots, which the authors keep as a label column. Differences, for scale: PCA and k-means are fitted on the first
 * {@code fitSpots} spots (spots are independent draws, so these are a random sample) and applied to all; the
 * components come from subspace iteration and each is signed so its largest loading is positive.
 */
public final class PaperLayout {
    public static final int CLUSTERS = 5;
    private static final int SUBSPACE = 12;
    private static final int POWER_ITERATIONS = 7;
    /** Row blocks whose partial sums are added in block order: parallel, yet the same result for any thread count. */
    private static final int BLOCKS = 16;

    private final double[][] xy;
    private final int[] clusters;

    private PaperLayout(double[][] xy, int[] clusters) {
        this.xy = xy;
        this.clusters = clusters;
    }

    public double[][] xy() { return xy; }
    public int[] clusters() { return clusters; }

    /** Fits the scaling, the two components and the k-means centres on {@code fitRows}. */
    public static Model fit(CsrMatrix fitRows, long seed) {
        int fit = fitRows.rows(), genes = fitRows.cols();
        double[] scale = unitVarianceScale(fitRows, fit);
        double[] mean = new double[genes];
        for (int k = 0; k < fitRows.rowStart(fit); k++) mean[fitRows.indices()[k]] += fitRows.data()[k] * scale[fitRows.indices()[k]];
        for (int g = 0; g < genes; g++) mean[g] /= fit;
        double[][] components = topTwoComponents(fitRows, fit, scale, mean, new SpotRandom(seed, SpotRandom.LAYOUT, 0));
        double[][] centres = LayoutKMeans.centres(fitRows, fit, scale, new SpotRandom(seed, SpotRandom.LAYOUT, 1));
        return new Model(scale, components, new double[]{dot(mean, components[0]), dot(mean, components[1])}, centres);
    }

    /** A fitted layout: projects rows onto the two components and labels them with their nearest k-means centre. */
    public static final class Model {
        private final double[] scale;
        private final double[][] components;
        private final double[] offsets;
        private final double[][] centres;
        private final double[] centreNorms;

        private Model(double[] scale, double[][] components, double[] offsets, double[][] centres) {
            this.scale = scale;
            this.components = components;
            this.offsets = offsets;
            this.centres = centres;
            this.centreNorms = new double[centres.length];
            for (int c = 0; c < centres.length; c++) centreNorms[c] = dot(centres[c], centres[c]);
        }

        /** Records rows {@code [firstRow, firstRow + block.rows())} in {@code placement}; safe on disjoint rows in parallel. */
        public void apply(CsrMatrix block, int firstRow, Placement placement) {
            for (int r = 0; r < block.rows(); r++) {
                for (int c = 0; c < 2; c++) placement.pcs[c][firstRow + r] = rowDot(block, r, scale, components[c]) - offsets[c];
                placement.clusters[firstRow + r] = LayoutKMeans.nearest(block, r, scale, rowNorm(block, r, scale), centres, centreNorms);
            }
        }
    }

    /** Per-row principal components and clusters, collected as rows pass; {@link #finish} puts them on the grid. */
    public static final class Placement {
        private final double[][] pcs;
        private final int[] clusters;

        public Placement(int rows) {
            this.pcs = new double[2][rows];
            this.clusters = new int[rows];
        }

        public PaperLayout finish() {
            int n = clusters.length;
            double[][] xy = new double[n][2];
            for (int c = 0; c < 2; c++) {
                double min = Double.POSITIVE_INFINITY;
                for (double v : pcs[c]) min = Math.min(min, v);
                double shift = 1 - Math.floor(min);
                for (int r = 0; r < n; r++) xy[r][c] = Math.rint(pcs[c][r] - min + shift);
            }
            return new PaperLayout(xy, clusters.clone());
        }
    }

    /** 1 / population standard deviation per gene over the first {@code fit} rows; 1 for constant genes (as sklearn). */
    static double[] unitVarianceScale(CsrMatrix m, int fit) {
        int genes = m.cols();
        double[] s1 = new double[genes], s2 = new double[genes];
        for (int k = 0; k < m.rowStart(fit); k++) {
            double v = m.data()[k];
            s1[m.indices()[k]] += v;
            s2[m.indices()[k]] += v * v;
        }
        double[] scale = new double[genes];
        for (int g = 0; g < genes; g++) {
            double mu = s1[g] / fit;
            double var = s2[g] / fit - mu * mu;
            scale[g] = var > 1e-12 * Math.max(1, s2[g] / fit) ? 1 / Math.sqrt(var) : 1;
        }
        return scale;
    }

    /**
     * The two leading eigenvectors of the covariance of the scaled, centred fit rows, computed as scikit-learn's
     * randomized PCA does (what the authors' PCA(n_components=2) runs on data of this size): a random subspace of
     * 2 + 10 oversampling vectors, 7 power iterations, then a Rayleigh-Ritz step. Fixed work, no convergence loop:
     * when the leading eigenvalues are nearly equal the components are as arbitrary as scikit-learn's.
     */
    private static double[][] topTwoComponents(CsrMatrix m, int fit, double[] scale, double[] mean, SpotRandom random) {
        int genes = m.cols();
        int p = Math.min(SUBSPACE, genes);
        double[][] v = new double[p][genes];
        for (double[] c : v) for (int g = 0; g < genes; g++) c[g] = random.nextGaussian();
        orthonormalise(v);
        for (int it = 0; it < POWER_ITERATIONS; it++) {
            v = covarianceTimes(m, fit, scale, mean, v);
            orthonormalise(v);
        }
        double[][] w = covarianceTimes(m, fit, scale, mean, v);
        RealMatrix h = new Array2DRowRealMatrix(p, p);
        for (int a = 0; a < p; a++) for (int b = 0; b < p; b++) h.setEntry(a, b, 0.5 * (dot(v[a], w[b]) + dot(v[b], w[a])));
        EigenDecomposition eig = new EigenDecomposition(h);
        double[] values = eig.getRealEigenvalues();
        Integer[] order = new Integer[p];
        for (int a = 0; a < p; a++) order[a] = a;
        java.util.Arrays.sort(order, (x, y) -> Double.compare(values[y], values[x]));
        double[][] ritz = new double[2][genes];
        for (int a = 0; a < 2; a++) {
            RealVector q = eig.getEigenvector(order[a]);
            for (int b = 0; b < p; b++) {
                double qb = q.getEntry(b);
                for (int g = 0; g < genes; g++) ritz[a][g] += qb * v[b][g];
            }
        }
        for (double[] c : ritz) {
            double norm = Math.sqrt(dot(c, c));
            int arg = 0;
            for (int g = 1; g < genes; g++) if (Math.abs(c[g]) > Math.abs(c[arg])) arg = g;
            double sign = c[arg] < 0 ? -1 : 1;
            for (int g = 0; g < genes; g++) c[g] = sign * c[g] / norm;
        }
        return ritz;
    }

    /** C v for C = (Y - 1 mean^T)^T (Y - 1 mean^T) / fit, without forming the centred matrix. */
    private static double[][] covarianceTimes(CsrMatrix m, int fit, double[] scale, double[] mean, double[][] v) {
        int genes = m.cols(), p = v.length;
        double[] offsets = new double[p];
        for (int c = 0; c < p; c++) offsets[c] = dot(mean, v[c]);
        double[][][] partial = java.util.stream.IntStream.range(0, BLOCKS).parallel().mapToObj(block -> {
            double[][] w = new double[p + 1][genes]; // last row: column sums of (Y - mean) v, in w[p][c]
            int[] idx = m.indices();
            float[] val = m.data();
            double[] a = new double[p];
            for (int r = (int) ((long) fit * block / BLOCKS), end = (int) ((long) fit * (block + 1) / BLOCKS); r < end; r++) {
                int s = m.rowStart(r), e = m.rowEnd(r);
                for (int c = 0; c < p; c++) {
                    double[] vc = v[c];
                    double sum = 0;
                    for (int k = s; k < e; k++) sum += val[k] * scale[idx[k]] * vc[idx[k]];
                    a[c] = sum - offsets[c];
                    w[p][c] += a[c];
                }
                for (int k = s; k < e; k++) {
                    double y = val[k] * scale[idx[k]];
                    int g = idx[k];
                    for (int c = 0; c < p; c++) w[c][g] += y * a[c];
                }
            }
            return w;
        }).toArray(double[][][]::new);
        double[][] w = new double[p][genes];
        double[] colSums = new double[p];
        for (double[][] part : partial) {
            for (int c = 0; c < p; c++) {
                for (int g = 0; g < genes; g++) w[c][g] += part[c][g];
                colSums[c] += part[p][c];
            }
        }
        for (int c = 0; c < p; c++) {
            for (int g = 0; g < genes; g++) w[c][g] = (w[c][g] - mean[g] * colSums[c]) / fit;
        }
        return w;
    }

    private static void orthonormalise(double[][] v) {
        for (int c = 0; c < v.length; c++) {
            for (int p = 0; p < c; p++) {
                double d = dot(v[c], v[p]);
                for (int g = 0; g < v[c].length; g++) v[c][g] -= d * v[p][g];
            }
            double norm = Math.sqrt(dot(v[c], v[c]));
            if (norm == 0) { // degenerate data (fewer than 3 distinct spots): any unit vector will do
                v[c][c % v[c].length] = 1;
                norm = 1;
            }
            for (int g = 0; g < v[c].length; g++) v[c][g] /= norm;
        }
    }
}
