package org.stdeconv.model;

import org.stdeconv.InputDataException;
import org.stdeconv.stats.Nnls;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One profile per cell type in the network's input space (log1p cp10k of the model's genes), fitted by least squares
 * of the training pseudo-spots' inputs on their true proportions. Unmixing a spot on these profiles gives a second,
 * prior-free estimate of its proportions; how far the network's proportions lie from it is small on spots like the
 * pseudo-spots the network learnt from and grows on spots that are not: the measure of difficulty that
 * {@link IntervalCalibration} widens the intervals by. Stored in
 * {@value #FILE} of the model folder (big-endian: magic, types, genes, then the profiles row by row as float32).
 */
public final class InputProfiles {
    public static final String FILE = "interval_profiles.bin";
    private static final int MAGIC = 0x53445046; // "SDPF"

    /** types x genes. */
    private final float[][] profile;
    /** profile . profile^T (types x types): the normal equations of every spot's unmixing share it. */
    private final double[][] gram;

    InputProfiles(float[][] profile) {
        this.profile = profile;
        int k = profile.length;
        gram = new double[k][k];
        for (int a = 0; a < k; a++) {
            for (int b = a; b < k; b++) {
                double s = 0;
                for (int g = 0; g < profile[a].length; g++) s += (double) profile[a][g] * profile[b][g];
                gram[a][b] = gram[b][a] = s;
            }
        }
    }

    /** Least squares of {@code x[rows]} (network inputs) on {@code y[rows]} (true proportions); a tiny ridge keeps absent types solvable. */
    public static InputProfiles fit(float[][] x, double[][] y, int[] rows) {
        int k = y[rows[0]].length, genes = x[rows[0]].length;
        double[][] yty = new double[k][k];
        double[][] ytx = new double[k][genes];
        for (int r : rows) {
            double[] yr = y[r];
            float[] xr = x[r];
            for (int a = 0; a < k; a++) {
                if (yr[a] == 0) continue;
                for (int b = 0; b < k; b++) yty[a][b] += yr[a] * yr[b];
                double[] row = ytx[a];
                // no test for zero inputs: adding yr[a] * 0 leaves the sum's bits as they are, and the loop without
                // the branch vectorises (PDAC: 16,000 spots x 18 types x 4,601 genes)
                for (int g = 0; g < genes; g++) row[g] += yr[a] * xr[g];
            }
        }
        double trace = 0;
        for (int a = 0; a < k; a++) trace += yty[a][a];
        for (int a = 0; a < k; a++) yty[a][a] += 1e-6 * trace / k + 1e-12;
        double[][] l = cholesky(yty);
        float[][] profile = new float[k][genes];
        double[] col = new double[k];
        for (int g = 0; g < genes; g++) {
            for (int a = 0; a < k; a++) col[a] = ytx[a][g];
            solve(l, col);
            for (int a = 0; a < k; a++) profile[a][g] = (float) col[a];
        }
        return new InputProfiles(profile);
    }

    private static double[][] cholesky(double[][] a) {
        int k = a.length;
        double[][] l = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i][j];
                for (int m = 0; m < j; m++) s -= l[i][m] * l[j][m];
                l[i][j] = i == j ? Math.sqrt(Math.max(s, 1e-300)) : s / l[j][j];
            }
        }
        return l;
    }

    /** Solves L L^T v = b in place. */
    private static void solve(double[][] l, double[] b) {
        int k = b.length;
        for (int i = 0; i < k; i++) {
            double s = b[i];
            for (int m = 0; m < i; m++) s -= l[i][m] * b[m];
            b[i] = s / l[i][i];
        }
        for (int i = k - 1; i >= 0; i--) {
            double s = b[i];
            for (int m = i + 1; m < k; m++) s -= l[m][i] * b[m];
            b[i] = s / l[i][i];
        }
    }

    /**
     * RMS over the types of {@code p - q}: {@code p} the network's proportions for a spot with network input
     * {@code x}, {@code q} the spot's non-negative least-squares unmixing on these profiles, rescaled to sum 1. The
     * unmixing learns no prior over proportions, so where the network meets spots unlike the ones it learnt from
     * (other proportions, other noise) the two part more than on held-out pseudo-spots; cost: the spot's non-zeros
     * x types plus a types x types solve.
     */
    public double disagreement(float[] x, float[] p) {
        int k = profile.length, genes = profile[0].length;
        double[] xb = new double[k];
        for (int g = 0; g < genes; g++) {
            float v = x[g];
            if (v == 0f) continue;
            for (int a = 0; a < k; a++) xb[a] += (double) v * profile[a][g];
        }
        double[] q = Nnls.solveGram(gram, xb);
        double sum = 0;
        for (double v : q) sum += v;
        double ss = 0;
        for (int a = 0; a < k; a++) {
            double e = p[a] - (sum > 0 ? q[a] / sum : 1.0 / k);
            ss += e * e;
        }
        return Math.sqrt(ss / k);
    }

    public int types() {
        return profile.length;
    }

    public int genes() {
        return profile[0].length;
    }

    /** The file's bytes (the same profiles give the same bytes). */
    byte[] bytes() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(buf)) {
            out.writeInt(MAGIC);
            out.writeInt(profile.length);
            out.writeInt(profile[0].length);
            for (float[] row : profile) for (float v : row) out.writeFloat(v);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buf.toByteArray();
    }

    /** Reads {@value #FILE} from {@code modelDir}, checking its checksum and shape against model.yaml. */
    static InputProfiles read(Path modelDir, String sha256, int types, int genes) {
        Path file = modelDir.resolve(FILE);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InputDataException(modelDir, FILE, "cannot read the interval profiles (" + e.getMessage() + ")", "give the whole folder written by stdeconv train");
        }
        if (!FileChecksums.sha256(bytes).equals(sha256)) {
            throw new InputDataException(file, null, "checksum differs from model.yaml (result.interval_calibration.profiles_sha256)", "the model folder is damaged or mixed up; retrain or copy it again");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            if (in.readInt() != MAGIC || in.readInt() != types || in.readInt() != genes) {
                throw new InputDataException(file, null, "not " + types + " x " + genes + " interval profiles", "the model folder is damaged; retrain");
            }
            float[][] profile = new float[types][genes];
            for (float[] row : profile) for (int g = 0; g < genes; g++) row[g] = in.readFloat();
            return new InputProfiles(profile);
        } catch (IOException e) {
            throw new InputDataException(file, null, "truncated (" + e.getMessage() + ")", "the model folder is damaged; retrain");
        }
    }
}
