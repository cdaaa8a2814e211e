package org.stdeconv.simulate;

import org.stdeconv.ConfigException;
import org.stdeconv.InputDataException;
import org.stdeconv.config.Configs;
import org.stdeconv.data.EnoughGenes;
import org.stdeconv.data.ExpressionData;
import org.stdeconv.data.ObsTable;
import org.stdeconv.data.ProportionTable;
import org.stdeconv.data.SpotPlaces;
import org.stdeconv.io.ExpressionReaders;
import org.stdeconv.io.h5ad.StreamingH5adWriter;
import org.stdeconv.log.Log;
import org.stdeconv.step.OutputStage;
import org.stdeconv.step.StepCommand;
import org.stdeconv.step.StepFrame;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

@Command(name = "simulate", mixinStandardHelpOptions = true, description = "Simulate pseudo-spots with known cell-type proportions from a labelled reference.")
public final class SimulateCommand extends StepCommand<SimulateConfig> {
    /** uns keys of the output. */
    public static final String UNS_CONFIG = "simulate_config", UNS_SEED = "simulate_seed";
    /** obs columns besides true_<type>. */
    /** Pseudo-spots whose unthinned depths define the quantiles of depth_matching: quantile. */
    static final int DEPTH_CALIBRATION_SPOTS = 10_000;
    public static final String N_CELLS = "n_cells", CELL_IDS = "cell_ids", PAPER_CLUSTER = "paper_cluster";

    @Override
    public Class<SimulateConfig> configType() {
        return SimulateConfig.class;
    }

    /** Runs the step in the frame: reads the inputs named in {@code config} and writes its output file and effective config. */
    public static void simulate(SimulateConfig config) {
        StepFrame.run("simulate", config, new SimulateCommand());
    }

    @Override
    public Object compute(SimulateConfig config, OutputStage stage) throws IOException {
        long started = System.nanoTime();
        Path referencePath = Path.of(config.reference);
        ExpressionData reference = ExpressionReaders.read(referencePath);
        CellPool pool = CellPool.of(reference, config.cellTypeColumn, referencePath);
        Log.info("simulate: reference %s: %d cells x %d genes, %d cell types", referencePath.getFileName(), reference.nObs(), reference.nVars(), pool.nTypes());
        EnoughGenes.require(referencePath, reference.nVars(), pool.nTypes());
        for (int t = 0; t < pool.nTypes(); t++) {
            if (pool.size(t) < 5) Log.warn("%s: cell type '%s' has only %d cells; its pseudo-spots will reuse them heavily", referencePath, pool.types().get(t), pool.size(t));
        }

        DepthThinning thinning = null;
        if (config.targetSlide != null) {
            Path slidePath = Path.of(config.targetSlide);
            ExpressionData slide = ExpressionReaders.read(slidePath);
            if (config.scalesToSlidePlatform()) reference = withPlatformEffect(reference, pool, slide, slidePath, config);
            thinning = DepthThinning.fromSlide(slide, reference.varNames(), slidePath);
            Log.info("simulate: thinning spots to the depth of %s (median %.0f counts over shared genes)", slidePath.getFileName(), thinning.medianTarget());
        }

        SimulationFootprint.annotationsOnly(config, pool.nTypes(), config.nSpots).check(freeHeap(), Runtime.getRuntime().maxMemory());
        TemplateLayout template = null;
        if (config.layout.mode == SimulateConfig.LayoutMode.TEMPLATE) {
            Path templatePath = Path.of(config.layout.template);
            ExpressionData slide = ExpressionReaders.read(templatePath);
            if (!slide.hasSpatial()) {
                throw new InputDataException(templatePath, "obsm/spatial", "no spot coordinates", "give a slide with obsm['spatial'] as layout.template");
            }
            requirePlacedSpots(templatePath, slide);
            template = TemplateLayout.build(slide.spatial(), config.nSpots, pool.nTypes(), config.layout.lengthScale,
                    config.layout.contrast, config.proportions.maxTypes, config.seed);
            Log.info("simulate: template %s (%d spots, spot distance %.3g), %d copies", templatePath.getFileName(), slide.nObs(),
                    template.spotDistance(), (config.nSpots + slide.nObs() - 1) / slide.nObs());
        }

        int threads = config.threads > 0 ? config.threads : Runtime.getRuntime().availableProcessors();
        PseudoSpotSimulator simulator = new PseudoSpotSimulator(reference.counts(), pool, config,
                template == null ? null : template.proportions(), thinning);
        int n = config.nSpots;
        if (thinning != null && config.depthMatching == SimulateConfig.DepthMatching.QUANTILE) {
            thinning.calibrate(simulator.unthinnedDepths(Math.min(n, DEPTH_CALIBRATION_SPOTS), threads, thinning));
        }
        // before the census: it holds the annotations of every spot, which is what may not fit
        SimulationFootprint.estimate(simulator, config, pool.nTypes(), n, threads).check(freeHeap(), Runtime.getRuntime().maxMemory());
        PseudoSpotSimulator.Census census = simulator.census(n, threads);
        long nnz = census.nonZeros();
        Log.info("simulate: %d spots, %,d non-zero counts (%.1f per spot, a %.2f GB matrix, streamed to the file) in %.1f s on %d threads",
                n, nnz, nnz / (double) n, nnz * 8.0 / 1e9, (System.nanoTime() - started) / 1e9, threads);
        if (nnz > PseudoSpotSimulator.MAX_NON_ZEROS) {
            throw new ConfigException(null, "n_spots", String.format(Locale.ROOT,
                    "the %d spots hold %,d non-zero counts, more than the %,d stdeconv can read back from one .h5ad",
                    n, nnz, PseudoSpotSimulator.MAX_NON_ZEROS), "lower n_spots to about " + (long) (n * (double) PseudoSpotSimulator.MAX_NON_ZEROS / nnz)
                    + " or restrict the reference to fewer genes");
        }

        PaperLayout.Model paper = null;
        if (config.layout.mode == SimulateConfig.LayoutMode.PAPER) {
            long t0 = System.nanoTime();
            int fit = config.layout.fitSpots <= 0 ? n : Math.min(config.layout.fitSpots, n);
            paper = PaperLayout.fit(simulator.spots(0, fit, threads, census), config.seed);
            Log.info("simulate: paper layout (PCA + k-means) fitted on %d spots in %.1f s", fit, (System.nanoTime() - t0) / 1e9);
        }

        try (StreamingH5adWriter writer = StreamingH5adWriter.createDirect(stage.file(), reference.varNames(), nnz)) {
            long t0 = System.nanoTime();
            PaperLayout.Placement placement = paper == null ? null : new PaperLayout.Placement(n);
            PaperLayout.Model model = paper;
            // the layout sees each block on the worker that drew it; the writer takes the blocks in spot order
            simulator.emit(0, n, threads, census, model == null ? null : (first, block) -> model.apply(block, first, placement),
                    (first, block) -> writer.appendRows(block));
            double[][] xy = null;
            int[] clusters = null;
            if (placement != null) {
                PaperLayout layout = placement.finish();
                xy = layout.xy();
                clusters = layout.clusters();
            } else if (template != null) {
                xy = template.xy();
            }
            writer.finish(spotNames(n), obs(census, pool, reference, clusters), xy, Map.of(), uns(config));
            Log.info("simulate: drew and wrote the counts in %.1f s", (System.nanoTime() - t0) / 1e9);
        }
        Log.info("simulate: wrote %s in %.1f s total", config.output, (System.nanoTime() - started) / 1e9);
        return null;
    }

    /** The reference as the slide's platform would have measured it ({@link PlatformEffect}). */
    private static ExpressionData withPlatformEffect(ExpressionData reference, CellPool pool, ExpressionData slide, Path slidePath, SimulateConfig config) {
        long t0 = System.nanoTime();
        PlatformEffect effect = PlatformEffect.estimate(reference, pool, slide, slidePath, config.fitsPlatformSpotBySpot());
        double[] factors = effect.factors();
        long up = Arrays.stream(factors).filter(f -> f > 2).count(), down = Arrays.stream(factors).filter(f -> f < 0.5).count();
        Log.info("simulate: platform effect of %s (composition fitted %s, %.1f s): median |log2 factor| %.2f over the shared genes, %d genes scaled up more than 2x, %d down",
                slidePath.getFileName(), config.fitsPlatformSpotBySpot() ? "spot by spot" : "on the pooled counts", (System.nanoTime() - t0) / 1e9,
                effect.medianAbsLog2(), up, down);
        return reference.withCounts(effect.applyTo(reference.counts(), config.seed), reference.varNames());
    }

    /** Heap the JVM can still grow into: its maximum less what is in use (the reference, the slide). */
    private static long freeHeap() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
    }

    /**
     * Every template spot is copied into the layout, so each needs a place: a NaN coordinate would poison the
     * nearest-neighbour distance and the random fields. As for every step that needs coordinates (the readers only
     * warn), a spot without finite x and y is refused rather than dropped, which would change the template silently.
     */
    private static void requirePlacedSpots(Path template, ExpressionData slide) {
        double[][] xy = slide.spatial();
        int i = SpotPlaces.firstUnplaced(xy);
        if (i >= 0) {
            throw new InputDataException(template, "obsm/spatial", "spot '" + slide.obsNames().get(i) + "' has no finite coordinates (" + xy[i][0] + ", " + xy[i][1] + ")",
                    "give a layout.template slide whose every spot has finite x and y (remove the unplaced spots)");
        }
    }

    private static List<String> spotNames(int n) {
        List<String> names = new ArrayList<>(n);
        int width = String.valueOf(n - 1).length();
        for (int i = 0; i < n; i++) names.add("spot_" + zeroPadded(i, width));
        return names;
    }

    private static ObsTable obs(PseudoSpotSimulator.Census census, CellPool pool, ExpressionData reference, int[] clusters) {
        int n = census.nCells().length;
        ObsTable obs = new ObsTable(n);
        for (int t = 0; t < pool.nTypes(); t++) obs.putNumeric(ProportionTable.TRUTH_PREFIX + pool.types().get(t), census.truthByType()[t]);
        double[] nCells = new double[n];
        for (int i = 0; i < n; i++) nCells[i] = census.nCells()[i];
        obs.putNumeric(N_CELLS, nCells);
        if (clusters != null) {
            double[] c = new double[n];
            for (int i = 0; i < n; i++) c[i] = clusters[i];
            obs.putNumeric(PAPER_CLUSTER, c);
        }
        if (census.cellIds() != null) {
            String[] ids = new String[n];
            for (int i = 0; i < n; i++) {
                StringBuilder sb = new StringBuilder();
                for (int c : census.cellIds()[i]) {
                    if (sb.length() > 0) sb.append(';');
                    sb.append(reference.obsNames().get(c));
                }
                ids[i] = sb.toString();
            }
            obs.putText(CELL_IDS, ids);
        }
        return obs;
    }

    private static Map<String, String> uns(SimulateConfig config) {
        Map<String, String> uns = new LinkedHashMap<>();
        uns.put(UNS_CONFIG, contentConfigYaml(config));
        uns.put(UNS_SEED, Long.toString(config.seed));
        return uns;
    }

    /**
     * The effective config without the keys that cannot change the spots (output, threads) and with input paths
     * reduced to file names: the file's bytes then depend only on what determines its content, wherever it is
     * written (Nextflow work folders) and however many threads wrote it. The full
     * config is in NAME.config.yaml beside it (StepFrame.configFileNameBeside).
     */
    static String contentConfigYaml(SimulateConfig config) {
        return Configs.toPortableYaml(config, List.of("output", "threads"));
    }

    private static String zeroPadded(int i, int width) {
        String s = Integer.toString(i);
        return "0".repeat(Math.max(0, width - s.length())) + s;
    }
}
