package org.stdeconv.simulate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stdeconv.ConfigException;
import org.stdeconv.InputDataException;
import org.stdeconv.StdeconvException;
import org.stdeconv.config.Configs;
import org.stdeconv.data.CsrMatrix;
import org.stdeconv.data.ExpressionData;
import org.stdeconv.io.h5ad.H5adReader;
import org.stdeconv.stats.Correlation;
import org.stdeconv.stats.MoransI;
import org.stdeconv.testing.Prerequisites;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class SimulateStepTest {
    private static final List<String> TYPES = List.of("Alpha", "Beta", "Gamma");

    @TempDir
    Path dir;

    private Path reference() {
        Path f = dir.resolve("ref.h5ad");
        if (!Files.exists(f)) SyntheticData.write(SyntheticData.reference(TYPES, 40, 30, 11), f);
        return f;
    }

    private ExpressionData simulate(String name, String... settings) {
        List<String> overrides = new ArrayList<>(List.of("reference=" + reference(), "output=" + dir.resolve(name)));
        overrides.addAll(List.of(settings));
        SimulateCommand.simulate(Configs.load(SimulateConfig.class, null, overrides));
        return H5adReader.read(dir.resolve(name));
    }

    private static double[] column(ExpressionData d, String name) {
        double[] v = d.obs().numeric(name);
        assertNotNull(v, "obs column " + name + " in " + d.obs());
        return v;
    }

    @Test
    void countsAreTheSumOfTheRecordedCellsAndTruthIsTheirTypeFraction() {
        ExpressionData ref = H5adReader.read(reference());
        Map<String, Integer> row = new HashMap<>();
        for (int i = 0; i < ref.nObs(); i++) row.put(ref.obsNames().get(i), i);
        String[] labels = ref.obs().text("cell_type");
        ExpressionData out = simulate("sim.h5ad", "n_spots=300", "cells.mode=range", "cells.min=5", "cells.max=15",
                "record_cells=true", "layout.mode=none", "proportions.max_types=2");
        assertEquals(300, out.nObs());
        assertEquals(ref.varNames(), out.varNames());
        String[] ids = out.obs().text(SimulateCommand.CELL_IDS);
        for (int s = 0; s < out.nObs(); s++) {
            String[] cells = ids[s].split(";");
            assertEquals(cells.length, (int) column(out, "n_cells")[s]);
            assertTrue(cells.length >= 5 && cells.length <= 15, "cells in spot " + s + ": " + cells.length);
            float[] expected = new float[ref.nVars()];
            Map<String, Integer> perType = new HashMap<>();
            for (String c : cells) {
                float[] r = ref.counts().denseRow(row.get(c));
                for (int g = 0; g < r.length; g++) expected[g] += r[g];
                perType.merge(labels[row.get(c)], 1, Integer::sum);
            }
            assertArrayEquals(expected, out.counts().denseRow(s), "counts of spot " + s);
            double sum = 0;
            for (String t : TYPES) {
                double truth = column(out, "true_" + t)[s];
                assertEquals(perType.getOrDefault(t, 0) / (double) cells.length, truth, 1e-12, "true_" + t + " of spot " + s);
                sum += truth;
            }
            assertEquals(1.0, sum, 1e-9);
            assertTrue(perType.size() <= 2, "max_types=2 but spot " + s + " holds " + perType);
        }
        assertFalse(out.hasSpatial(), "layout none writes no coordinates");
        assertTrue(Files.exists(dir.resolve("sim.config.yaml")));
        assertTrue(out.uns().get(SimulateCommand.UNS_CONFIG).contains("max_types: 2"), out.uns().toString());
        assertEquals("1", out.uns().get(SimulateCommand.UNS_SEED));
    }

    @Test
    void realisedProportionsMatchTheDirichletMeanOnTenThousandSpots() {
        ExpressionData out = simulate("big.h5ad", "n_spots=10000", "layout.mode=none", "proportions.concentration=0.5",
                "cells.rounding=multinomial", "cells.mode=poisson", "cells.mean=8");
        double[] total = new double[out.nObs()];
        for (String t : TYPES) {
            double[] v = column(out, "true_" + t);
            double mean = 0;
            for (int i = 0; i < v.length; i++) {
                assertTrue(v[i] >= 0 && v[i] <= 1, "true_" + t + " = " + v[i]);
                total[i] += v[i];
                mean += v[i];
            }
            // Dirichlet(0.5, 0.5, 0.5) mean 1/3; multinomial rounding keeps the mean, standard error about 0.004
            assertEquals(1.0 / 3, mean / v.length, 0.015, "mean of true_" + t);
        }
        for (double s : total) assertEquals(1.0, s, 1e-9);
        double[] n = column(out, "n_cells");
        assertTrue(Arrays.stream(n).min().orElseThrow() >= 1, "no spot without cells");
        assertEquals(8 / (1 - Math.exp(-8)), Arrays.stream(n).average().orElseThrow(), 0.1, "zero-truncated Poisson(8) mean");
    }

    @Test
    void sameSeedGivesTheSameBytesWhateverTheThreadCount() throws Exception {
        Path slide = SyntheticData.write(SyntheticData.gridSlide(6, 20, 5), dir.resolve("slide.h5ad"));
        String[] common = {"n_spots=2500", "target_slide=" + slide, "cells.mode=range", "layout.mode=paper"};
        simulate("one.h5ad", concat(common, "threads=1"));
        simulate("three.h5ad", concat(common, "threads=3"));
        simulate("other.h5ad", concat(common, "threads=3", "seed=2"));
        byte[] one = Files.readAllBytes(dir.resolve("one.h5ad"));
        assertArrayEquals(one, Files.readAllBytes(dir.resolve("three.h5ad")), "1 vs 3 threads");
        assertFalse(Arrays.equals(one, Files.readAllBytes(dir.resolve("other.h5ad"))), "another seed gives other spots");
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void longLengthScaleGivesClearlyHigherMoransIThanAShortOne() {
        Path slide = SyntheticData.write(SyntheticData.gridSlide(30, 30, 1), dir.resolve("grid.h5ad"));
        double smooth = meanMoransI(simulate("smooth.h5ad", "n_spots=900", "layout.mode=template", "layout.template=" + slide, "layout.length_scale=5"));
        double rough = meanMoransI(simulate("rough.h5ad", "n_spots=900", "layout.mode=template", "layout.template=" + slide, "layout.length_scale=0.2"));
        assertTrue(smooth > 0.5, "long length scale: Moran's I " + smooth);
        assertTrue(rough < 0.15, "short length scale: Moran's I " + rough);
    }

    private static double meanMoransI(ExpressionData out) {
        assertTrue(out.hasSpatial());
        double sum = 0;
        for (String t : TYPES) sum += MoransI.compute(out.spatial(), column(out, "true_" + t), 1.01);
        return sum / TYPES.size();
    }

    @Test
    void templateTilesTheSlideWhenMoreSpotsAreAsked() {
        Path slide = SyntheticData.write(SyntheticData.gridSlide(5, 30, 1), dir.resolve("small.h5ad"));
        ExpressionData out = simulate("tiled.h5ad", "n_spots=60", "layout.mode=template", "layout.template=" + slide);
        assertEquals(60, out.nObs());
        long distinct = Arrays.stream(out.spatial()).map(p -> p[0] + "," + p[1]).distinct().count();
        assertEquals(60, distinct, "every spot has its own place");
    }

    @Test
    void templateWithAnUnplacedSpotIsRefusedNamingIt() {
        ExpressionData grid = SyntheticData.gridSlide(5, 30, 1);
        grid.spatial()[3][0] = Double.NaN;
        Path slide = SyntheticData.write(grid, dir.resolve("nan.h5ad"));
        InputDataException e = assertThrows(InputDataException.class,
                () -> simulate("nan_out.h5ad", "n_spots=60", "layout.mode=template", "layout.template=" + slide));
        assertTrue(e.getMessage().startsWith(slide + ": obsm/spatial: spot 's3' has no finite coordinates"), e.getMessage());
        assertTrue(e.getMessage().contains("layout.template"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("nan_out.h5ad")), "no output after an error");
    }

    @Test
    void thinningBringsSpotDepthsToTheTargetSlide() {
        // the slide shares genes G0..G19 with the reference and has 20 x 5 = 100 counts on them in every spot
        Path slide = SyntheticData.write(SyntheticData.gridSlide(6, 20, 5), dir.resolve("slide.h5ad"));
        // the platform effect off: it scales genes up as well as down, and this test compares counts one by one
        ExpressionData thin = simulate("thin.h5ad", "n_spots=2000", "layout.mode=none", "cells.mode=fixed", "target_slide=" + slide, "platform_effect=none");
        ExpressionData full = simulate("full.h5ad", "n_spots=2000", "layout.mode=none", "cells.mode=fixed");
        double mean = 0;
        for (int s = 0; s < thin.nObs(); s++) {
            float[] a = thin.counts().denseRow(s), b = full.counts().denseRow(s);
            double depth = 0, fullDepth = 0;
            for (int g = 0; g < a.length; g++) {
                assertTrue(a[g] <= b[g], "thinning only removes counts");
                if (g < 20) { depth += a[g]; fullDepth += b[g]; }
            }
            assertTrue(fullDepth > 100, "the test needs spots deeper than the target");
            mean += depth;
        }
        assertEquals(100, mean / thin.nObs(), 3, "mean depth over shared genes");
        assertArrayEquals(thin.obs().numeric("true_Alpha"), full.obs().numeric("true_Alpha"), "thinning leaves the cells as drawn");
        // with it (the default with a target slide) the depths still follow the slide: thinning comes after the scaling
        ExpressionData scaled = simulate("scaled.h5ad", "n_spots=2000", "layout.mode=none", "cells.mode=fixed", "target_slide=" + slide);
        double scaledMean = 0;
        for (int s = 0; s < scaled.nObs(); s++) {
            float[] a = scaled.counts().denseRow(s);
            for (int g = 0; g < 20; g++) scaledMean += a[g];
        }
        assertEquals(100, scaledMean / scaled.nObs(), 3, "mean depth over shared genes with the platform effect");
    }

    @Test
    void platformEffectScalesTheGenesTheSlideHoldsMoreOfAndLeavesTheCellsAsDrawn() throws Exception {
        // every gene 5 counts a spot: the slide holds far more of the background genes than the reference's mix predicts
        Path slide = SyntheticData.write(SyntheticData.gridSlide(6, 20, 5), dir.resolve("flat.h5ad"));
        String[] common = {"n_spots=1000", "layout.mode=none", "cells.mode=fixed", "target_slide=" + slide};
        ExpressionData plain = simulate("plain.h5ad", concat(common, "platform_effect=none"));
        ExpressionData scaled = simulate("scaled.h5ad", concat(common, "platform_effect=bulk"));
        assertArrayEquals(plain.obs().numeric("true_Alpha"), scaled.obs().numeric("true_Alpha"), "the same cells are drawn");
        double markers = 0, background = 0, plainMarkers = 0, plainBackground = 0;
        for (int s = 0; s < plain.nObs(); s++) {
            float[] a = plain.counts().denseRow(s), b = scaled.counts().denseRow(s);
            for (int g = 0; g < 20; g++) {
                if (g < 15) { plainMarkers += a[g]; markers += b[g]; } else { plainBackground += a[g]; background += b[g]; }
            }
        }
        assertTrue(background / markers > 2 * plainBackground / plainMarkers, "background share " + background / markers + " vs " + plainBackground / plainMarkers);
        assertTrue(Files.readString(dir.resolve("scaled.config.yaml")).contains("platform_effect: bulk"));
        // the composition fitted spot by spot: the same cells, the same direction of scaling
        ExpressionData spots = simulate("spots.h5ad", concat(common, "platform_effect=spots"));
        assertArrayEquals(plain.obs().numeric("true_Alpha"), spots.obs().numeric("true_Alpha"), "the same cells are drawn");
        double spotsMarkers = 0, spotsBackground = 0;
        for (int s = 0; s < spots.nObs(); s++) {
            float[] c = spots.counts().denseRow(s);
            for (int g = 0; g < 20; g++) if (g < 15) spotsMarkers += c[g]; else spotsBackground += c[g];
        }
        assertTrue(spotsBackground / spotsMarkers > 2 * plainBackground / plainMarkers, "background share " + spotsBackground / spotsMarkers);
        // the default (auto) scales as spots does when a target slide is given
        ExpressionData auto = simulate("auto.h5ad", common);
        assertArrayEquals(spots.counts().data(), auto.counts().data());
        assertTrue(Files.readString(dir.resolve("auto.config.yaml")).contains("platform_effect: auto"));
    }

    @Test
    void quantileDepthMatchingFollowsTheSlideAndKeepsDeeperSpotsDeeper() {
        // slide depths 20, 40, ..., 720 over the shared genes G0..G19; pseudo-spots of 1-15 cells of about 100 each
        Path slide = SyntheticData.write(SyntheticData.gridSlide(6, 20, 1, 1), dir.resolve("graded.h5ad"));
        String[] common = {"n_spots=3000", "layout.mode=none", "cells.mode=range", "cells.min=1", "cells.max=15"};
        double[] full = sharedDepths(simulate("full.h5ad", common), 20);
        double[] quantile = sharedDepths(simulate("quantile.h5ad", concat(common, "target_slide=" + slide, "platform_effect=none")), 20);
        double[] random = sharedDepths(simulate("random.h5ad", concat(common, "target_slide=" + slide, "depth_matching=random", "platform_effect=none")), 20);
        for (int s = 0; s < full.length; s++) assertTrue(quantile[s] <= full[s] && random[s] <= full[s], "thinning only removes counts");
        double[] slideDepths = new double[36];
        for (int i = 0; i < 36; i++) slideDepths[i] = 20.0 * (i + 1);
        for (double q : new double[]{0.1, 0.25, 0.5, 0.75, 0.9}) {
            assertEquals(DepthThinning.quantile(slideDepths, q), DepthThinning.quantile(sorted(quantile), q), 25, "depth quantile " + q);
        }
        double keptOrder = Correlation.spearman(full, quantile), shuffledOrder = Correlation.spearman(full, random);
        assertTrue(keptOrder > 0.97, "quantile matching keeps the spots' depth order: Spearman " + keptOrder);
        assertTrue(shuffledOrder < 0.6, "random matching does not: Spearman " + shuffledOrder);
    }

    @Test
    void midRanksAndQuantilesOfDepthMatching() {
        double[] s = {10, 20, 20, 40};
        assertEquals(0.0, DepthThinning.midRank(s, 5), 1e-12);
        assertEquals(0.125, DepthThinning.midRank(s, 10), 1e-12, "one tie: half of it below");
        assertEquals(0.5, DepthThinning.midRank(s, 20), 1e-12, "1 below + half of 2 ties, of 4");
        assertEquals(0.75, DepthThinning.midRank(s, 30), 1e-12);
        assertEquals(1.0, DepthThinning.midRank(s, 50), 1e-12);
        double[] t = {100, 200, 400};
        assertEquals(100, DepthThinning.quantile(t, 0), 1e-12);
        assertEquals(150, DepthThinning.quantile(t, 0.25), 1e-12);
        assertEquals(300, DepthThinning.quantile(t, 0.75), 1e-12);
        assertEquals(400, DepthThinning.quantile(t, 1), 1e-12);
    }

    private static double[] sharedDepths(ExpressionData d, int genes) {
        double[] depth = new double[d.nObs()];
        for (int s = 0; s < depth.length; s++) {
            float[] row = d.counts().denseRow(s);
            for (int g = 0; g < genes; g++) depth[s] += row[g];
        }
        return depth;
    }

    private static double[] sorted(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c;
    }

    @Test
    void paperLayoutSpreadsCompositionsAlongItsFirstAxisOnAnIntegerGrid() {
        ExpressionData out = simulate("paper.h5ad", "n_spots=1500", "layout.mode=paper", "cells.mode=fixed", "proportions.min_types=0");
        double[][] xy = out.spatial();
        double[] x = new double[xy.length];
        for (int i = 0; i < xy.length; i++) {
            assertEquals(Math.rint(xy[i][0]), xy[i][0]);
            assertEquals(Math.rint(xy[i][1]), xy[i][1]);
            x[i] = xy[i][0];
        }
        // three types with disjoint markers: the leading component follows the composition, so some type's share
        // must correlate strongly with the first coordinate
        double best = 0;
        for (String t : TYPES) best = Math.max(best, Math.abs(correlation(x, column(out, "true_" + t))));
        assertTrue(best > 0.8, "best |correlation| of x with a type share: " + best);
        double[] clusters = column(out, SimulateCommand.PAPER_CLUSTER);
        assertEquals(5, Arrays.stream(clusters).distinct().count(), "5 k-means clusters");
    }

    private static double correlation(double[] a, double[] b) {
        double ma = Arrays.stream(a).average().orElseThrow(), mb = Arrays.stream(b).average().orElseThrow();
        double sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }

    @Test
    void aBillionSpotsAreRefusedBeforeTheWorkWithTheHeapTheyNeed() {
        // before: an OutOfMemoryError (exit 144 with no figures) after drawing, or a minute later a raw stack trace
        StdeconvException e = assertThrows(StdeconvException.class, () -> simulate("big.h5ad", "n_spots=1000000000"));
        assertEquals(StdeconvException.OUT_OF_MEMORY, e.exitCode(), e.getMessage());
        assertTrue(e.getMessage().startsWith("n_spots: 1000000000 spots need about "), e.getMessage());
        assertTrue(e.getMessage().matches(".*give it -Xmx\\d+g \\(STDECONV_OPTS=-Xmx\\d+g.*lower n_spots to about \\d+"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("big.h5ad")), "no output");
    }

    @Test
    void moreNonZerosThanAFileHoldsAreRefusedFromTheFirstSpots() {
        ExpressionData reference = H5adReader.read(reference());
        SimulateConfig config = Configs.load(SimulateConfig.class, null, List.of("reference=" + reference(), "output=" + dir.resolve("x.h5ad")));
        PseudoSpotSimulator simulator = new PseudoSpotSimulator(reference.counts(), CellPool.of(reference, "cell_type", reference()), config, null, null);
        SimulationFootprint footprint = SimulationFootprint.estimate(simulator, config, TYPES.size(), Integer.MAX_VALUE, 1);
        assertTrue(footprint.nonZeros() > PseudoSpotSimulator.MAX_NON_ZEROS, "about " + footprint.nonZeros());
        ConfigException e = assertThrows(ConfigException.class, () -> footprint.check(Long.MAX_VALUE, Long.MAX_VALUE));
        assertTrue(e.getMessage().startsWith("n_spots: 2147483647 spots would hold about ") && e.getMessage().contains("lower n_spots to about"), e.getMessage());
        // the same estimate for 10,000 spots fits in what a small JVM has
        SimulationFootprint.estimate(simulator, config, TYPES.size(), 10_000, 1).check(64L << 20, 64L << 20);
    }

    @Test
    void badInputsAreNamedErrors() {
        InputDataException column = assertThrows(InputDataException.class, () -> simulate("x.h5ad", "cell_type_column=celltype"));
        assertTrue(column.getMessage().contains("celltype") && column.getMessage().contains("cell_type"), column.getMessage());
        assertEquals(StdeconvException.BAD_INPUT, column.exitCode());
        assertTrue(column.getMessage().contains("no such column (available obs columns: "), column.getMessage());
        Path noXy = SyntheticData.write(SyntheticData.reference(TYPES, 2, 30, 1), dir.resolve("noxy.h5ad"));
        org.stdeconv.data.ExpressionData ref = SyntheticData.reference(TYPES, 2, 30, 1);
        Path zeros = SyntheticData.write(new org.stdeconv.data.ExpressionData(org.stdeconv.data.CsrMatrix.fromDense(new float[ref.nObs()][ref.nVars()], ref.nVars()),
                ref.obsNames(), ref.varNames(), ref.obs(), ref.spatial(), ref.uns()), dir.resolve("zeros.h5ad"));
        InputDataException empty = assertThrows(InputDataException.class, () -> simulate("x.h5ad", "reference=" + zeros));
        assertTrue(empty.getMessage().startsWith(zeros + ": X: every cell has zero counts"), empty.getMessage());
        InputDataException template = assertThrows(InputDataException.class, () -> simulate("x.h5ad", "layout.mode=template", "layout.template=" + noXy));
        assertTrue(template.getMessage().contains("obsm/spatial"), template.getMessage());
        ConfigException sparsity = assertThrows(ConfigException.class, () -> simulate("x.h5ad", "proportions.min_types=3", "proportions.max_types=2"));
        assertTrue(sparsity.getMessage().contains("max_types"), sparsity.getMessage());
        assertThrows(ConfigException.class, () -> simulate("x.h5ad", "layout.mode=template"));
        ConfigException platform = assertThrows(ConfigException.class, () -> simulate("x.h5ad", "platform_effect=bulk"));
        assertTrue(platform.getMessage().contains("platform_effect") && platform.getMessage().contains("target_slide"), platform.getMessage());
        ConfigException spots = assertThrows(ConfigException.class, () -> simulate("x.h5ad", "platform_effect=spots"));
        assertTrue(spots.getMessage().contains("platform_effect: spots estimates") || spots.getMessage().contains("spots estimates the effect"), spots.getMessage());
        assertFalse(Files.exists(dir.resolve("x.h5ad")), "no output after an error");
    }

    @Test
    void starmapReferenceSimulatesIntoAFileAnndataReads() throws Exception {
        Path starmap = Prerequisites.sharedData("starmap/reference.h5ad");
        Path out = dir.resolve("starmap_sim.h5ad");
        SimulateCommand.simulate(Configs.load(SimulateConfig.class, null, List.of("reference=" + starmap, "output=" + out,
                "n_spots=400", "cells.mode=range", "cells.min=5", "cells.max=15", "layout.mode=paper")));
        ExpressionData sim = H5adReader.read(out);
        ExpressionData ref = H5adReader.read(starmap);
        assertEquals(400, sim.nObs());
        assertEquals(ref.varNames(), sim.varNames());
        long truthColumns = sim.obs().names().stream().filter(n -> n.startsWith("true_")).count();
        assertEquals(12, truthColumns, "one true_<type> per STARmap type, also eL2/3: " + sim.obs().names());
        CsrMatrix x = sim.counts();
        for (int s = 0; s < x.rows(); s++) assertTrue(x.rowSum(s) > 0, "spot " + s + " has counts");

        Path python = Prerequisites.pythonWithAnndata();
        String script = String.join("\n",
                "import sys, anndata, numpy as np",
                "a = anndata.read_h5ad(sys.argv[1])",
                "assert a.shape == (400, 1020), a.shape",
                "t = a.obs[[c for c in a.obs.columns if c.startswith('true_')]]",
                "assert t.shape[1] == 12 and 'true_eL2/3' in t.columns, list(a.obs.columns)",
                "assert np.allclose(t.sum(axis=1), 1)",
                "assert a.obsm['spatial'].shape == (400, 2)",
                "assert (a.obs['n_cells'] >= 5).all() and (a.obs['n_cells'] <= 15).all()",
                "assert 'simulate_config' in a.uns",
                "print('ok')");
        Process p = new ProcessBuilder(python.toString(), "-c", script, out.toString()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), log);
        assertTrue(log.contains("ok"), log);
    }
}
