package org.stdeconv.demo;

import org.apache.commons.math3.random.RandomDataGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.stdeconv.data.CsrMatrix;
import org.stdeconv.data.ExpressionData;
import org.stdeconv.data.ObsTable;
import org.stdeconv.data.ProportionTable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Synthetic data with known answers, for the demo and the tests: a labelled scRNA-seq reference and a slide whose
 * spots mix cells of the same types in spatially smooth proportions. Counts are negative binomial (gamma-Poisson)
 * around type profiles in which each type over-expresses its own marker genes; library sizes are log-normal. The
 * slide's cells are drawn afresh from the type profiles (never copied from the reference), as with a real slide.
 */
public record DemoData(ExpressionData reference, ExpressionData slide, Map<String, List<String>> markers) {

    public static final List<String> TYPES = List.of("Epithelial", "Fibroblast", "Endothelial", "Tcell", "Bcell", "Macrophage");

    /** Sizes and shapes of the synthetic data. */
    public record Params(int cellsPerType, int genes, int markersPerType, int grid, int cellsPerSpot,
                         double meanLibrarySize, double markerFoldChange, double dispersion) {
        public static Params defaults() {
            return new Params(150, 1000, 20, 20, 10, 3000, 12, 2.0);
        }
    }

    public static DemoData generate(long seed) {
        return generate(seed, Params.defaults());
    }

    public static DemoData generate(long seed, Params p) {
        RandomDataGenerator rng = new RandomDataGenerator(new Well19937c(seed));
        int k = TYPES.size();
        List<String> genes = new ArrayList<>(p.genes());
        Map<String, List<String>> markers = new LinkedHashMap<>();
        for (String t : TYPES) {
            List<String> m = new ArrayList<>();
            for (int i = 1; i <= p.markersPerType(); i++) {
                String g = String.format(Locale.ROOT, "%s_MK%02d", t.toUpperCase(Locale.ROOT), i);
                m.add(g);
                genes.add(g);
            }
            markers.put(t, List.copyOf(m));
        }
        for (String mt : List.of("MT-CO1", "MT-CO2", "MT-ND1", "MT-ATP6", "MT-CYB")) genes.add(mt);
        for (int g = genes.size(), n = 1; g < p.genes(); g++, n++) genes.add(String.format(Locale.ROOT, "GENE%04d", n));

        double[][] profile = typeProfiles(rng, genes, markers, p);

        // reference: cellsPerType cells of each type
        CsrMatrix.Builder ref = new CsrMatrix.Builder(genes.size());
        List<String> cellNames = new ArrayList<>();
        String[] cellTypes = new String[k * p.cellsPerType()];
        float[] row = new float[genes.size()];
        int c = 0;
        for (int t = 0; t < k; t++) {
            for (int i = 0; i < p.cellsPerType(); i++, c++) {
                drawCell(rng, profile[t], p, row, false);
                ref.addDenseRow(row);
                cellNames.add(String.format(Locale.ROOT, "cell%05d", c + 1));
                cellTypes[c] = TYPES.get(t);
            }
        }
        ObsTable refObs = new ObsTable(cellNames.size()).putText("cell_type", cellTypes);
        Map<String, String> uns = new LinkedHashMap<>();
        uns.put("source", "stdeconv demo-data (synthetic), seed " + seed);
        ExpressionData reference = new ExpressionData(ref.build(), cellNames, genes, refObs, null, uns);

        // slide: grid x grid spots with smooth proportions; true_<type> = realised fraction of cells
        int n = p.grid() * p.grid();
        double[][] field = smoothFields(rng, p.grid(), k);
        CsrMatrix.Builder spots = new CsrMatrix.Builder(genes.size());
        List<String> spotNames = new ArrayList<>();
        double[][] xy = new double[n][];
        double[][] truth = new double[n][k];
        double[] nCells = new double[n];
        float[] acc = new float[genes.size()];
        for (int s = 0; s < n; s++) {
            int x = s % p.grid(), y = s / p.grid();
            xy[s] = new double[]{x, y};
            spotNames.add(String.format(Locale.ROOT, "%dx%d", x, y));
            int cells = Math.max(1, (int) rng.nextPoisson(p.cellsPerSpot()));
            nCells[s] = cells;
            double[] prop = softmax(field[s]);
            java.util.Arrays.fill(acc, 0f);
            for (int i = 0; i < cells; i++) {
                int t = categorical(rng, prop);
                truth[s][t] += 1.0 / cells;
                drawCell(rng, profile[t], p, row, true);
                for (int g = 0; g < row.length; g++) acc[g] += row[g];
            }
            spots.addDenseRow(acc);
        }
        ObsTable slideObs = new ObsTable(n);
        new ProportionTable(spotNames, TYPES, truth, xy).putInto(slideObs, ProportionTable.TRUTH_PREFIX);
        slideObs.putNumeric("n_cells", nCells);
        ExpressionData slide = new ExpressionData(spots.build(), spotNames, genes, slideObs, xy, uns);
        return new DemoData(reference, slide, markers);
    }

    /** Relative expression per type and gene (rows sum to 1): shared log-normal baseline, type noise, markers up. */
    private static double[][] typeProfiles(RandomDataGenerator rng, List<String> genes, Map<String, List<String>> markers, Params p) {
        int k = TYPES.size(), m = genes.size();
        double[] base = new double[m];
        for (int g = 0; g < m; g++) base[g] = Math.exp(rng.nextGaussian(0, 1.2));
        for (int g = 0; g < m; g++) if (genes.get(g).startsWith("MT-")) base[g] *= 20;
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int g = 0; g < m; g++) index.put(genes.get(g), g);
        double[][] prof = new double[k][m];
        for (int t = 0; t < k; t++) {
            double sum = 0;
            for (int g = 0; g < m; g++) {
                prof[t][g] = base[g] * Math.exp(rng.nextGaussian(0, 0.25));
            }
            for (String mk : markers.get(TYPES.get(t))) prof[t][index.get(mk)] *= p.markerFoldChange();
            for (int g = 0; g < m; g++) sum += prof[t][g];
            for (int g = 0; g < m; g++) prof[t][g] /= sum;
        }
        return prof;
    }

    private static void drawCell(RandomDataGenerator rng, double[] profile, Params p, float[] out, boolean spotCell) {
        // spot cells are shallower (capture is less efficient in spots than in droplets)
        double lib = p.meanLibrarySize() * (spotCell ? 0.3 : 1.0) * Math.exp(rng.nextGaussian(0, 0.35));
        double r = p.dispersion();
        for (int g = 0; g < profile.length; g++) {
            double mean = lib * profile[g];
            double lambda = rng.nextGamma(r, mean / r);
            out[g] = lambda <= 0 ? 0f : (float) rng.nextPoisson(Math.max(lambda, 1e-12));
        }
    }

    /** Per spot and type, a smooth field: a few Gaussian bumps per type on the grid. */
    private static double[][] smoothFields(RandomDataGenerator rng, int grid, int k) {
        double[][] f = new double[grid * grid][k];
        double width = grid / 4.0;
        for (int t = 0; t < k; t++) {
            for (int b = 0; b < 3; b++) {
                double cx = rng.nextUniform(0, grid), cy = rng.nextUniform(0, grid), h = rng.nextUniform(1.5, 3.5);
                for (int s = 0; s < grid * grid; s++) {
                    double dx = s % grid - cx, dy = s / grid - cy;
                    f[s][t] += h * Math.exp(-(dx * dx + dy * dy) / (2 * width * width));
                }
            }
        }
        return f;
    }

    private static double[] softmax(double[] v) {
        double max = Double.NEGATIVE_INFINITY, sum = 0;
        for (double x : v) max = Math.max(max, x);
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) { out[i] = Math.exp(v[i] - max); sum += out[i]; }
        for (int i = 0; i < v.length; i++) out[i] /= sum;
        return out;
    }

    private static int categorical(RandomDataGenerator rng, double[] p) {
        double u = rng.nextUniform(0, 1), c = 0;
        for (int i = 0; i < p.length; i++) { c += p[i]; if (u < c) return i; }
        return p.length - 1;
    }
}
