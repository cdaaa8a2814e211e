package org.stdeconv.infer;

import org.stdeconv.InputDataException;
import org.stdeconv.config.Configs;
import org.stdeconv.data.CsrMatrix;
import org.stdeconv.data.GeneAlignment;
import org.stdeconv.data.GeneOverlap;
import org.stdeconv.data.ProportionTable;
import org.stdeconv.data.SpotPlaces;
import org.stdeconv.io.SpotSource;
import org.stdeconv.io.anndata.AnnDataParts;
import org.stdeconv.io.h5ad.StreamingH5adWriter;
import org.stdeconv.log.Log;
import org.stdeconv.model.IntervalCalibration;
import org.stdeconv.model.ProportionModel;
import org.stdeconv.spatial.SpotWindow;
import org.stdeconv.step.OutputStage;
import org.stdeconv.step.StepFrame;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntConsumer;

/**
 * Applies a model to a slide (or one chunk of it) and writes {@link InferOutputs}. Memory: one batch of counts and
 * network input per thread in flight, plus per-spot results and annotations (names, coordinates, obs columns,
 * proportions); the slide's counts are held whole only when the annotated .h5ad copies them.
 */
public final class Inference {
    private Inference() {
    }

    /** Runs inference on an open slide and model in the step frame (tests; the CLI opens them inside the frame). */
    public static void run(InferConfig config, SpotSource slide, ProportionModel model) {
        StepFrame.run("infer", config, (c, stage) -> {
            write(c, slide, model, stage);
            return null;
        });
    }

    /** Predicts every spot of the slide (or chunk) and writes the outputs into {@code stage}. */
    static void write(InferConfig config, SpotSource slide, ProportionModel model, OutputStage stage) {
        if (slide.rows() == 0) throw new InputDataException(slide.path(), "obs", "the slide has no spots", "give a slide with at least one spot");
        ChunkSpec chunk = ChunkSpec.parse(config.chunk, "infer config");
        ChunkSpec.Range range = chunk.range(slide.rows(), config.batchSize, slide.path());
        GeneAlignment genes = GeneOverlap.requireShare(model.genes(), "the model's", slide.varNames(), slide.path(), "slide",
                config.minGeneOverlap, "min_gene_overlap " + config.minGeneOverlap, "lower min_gene_overlap");
        if (genes.missing() > 0) {
            Log.warn("%s: %d of the model's %d genes (%.1f%%) are missing from the slide and are filled with 0 (e.g. %s)", slide.path(), genes.missing(),
                    model.genes().size(), 100.0 * genes.missing() / model.genes().size(), String.join(", ", genes.missingGenes(5)));
        }
        if (model.needsCoordinates() && slide.spatial() == null) {
            throw new InputDataException(slide.path(), "obsm/spatial", "the model reads spot coordinates but the slide has none", "give a slide with obsm['spatial'] or a model trained without coordinates");
        }
        if (config.spatialSmoothing.isOn() && !config.spatialSmoothing.isAuto() && slide.spatial() == null) {
            throw new InputDataException(slide.path(), "obsm/spatial", "spatial_smoothing is on but the slide has no coordinates", "give a slide with obsm['spatial'] or set spatial_smoothing: 0");
        }
        boolean withCounts = config.writeH5ad && config.h5adCounts.include(slide.storedEntries());
        Log.info("infer: %d of %d spots%s, %d model genes (%d in the slide), %d cell types", range.size(), slide.rows(),
                chunk.isWhole() ? "" : " (chunk " + chunk + ")", model.genes().size(), genes.found(), model.cellTypes().size());

        double[][] values = new double[range.size()][];
        IntervalCalibration calibration = model.intervalCalibration();
        // each spot's difficulty from its own input and the network's (unsmoothed) proportions: chunk-invariant
        double[] difficulty = new double[range.size()];
        List<CsrMatrix> counts = withCounts ? new ArrayList<>() : null;
        IntConsumer progress = BatchPredictor.progressLog(range.size());
        // auto measures the slide's own noise from two halves of each spot's counts, on the window it chooses on
        double[][] xy = spatialOf(slide, range, !(config.maps && chunk.isWhole()));
        // the whole slide's coordinates, not the chunk's: a chunk of one row of a grid is not one place
        boolean onePlace = slide.spatial() != null && SpotPlaces.allAtOnePlace(slide.spatial());
        if (onePlace && range.start() == 0) Log.warn("%s: every spot has the same coordinates: they carry no layout, so no maps are drawn and spatial_smoothing auto does not smooth", slide.path());
        boolean measure = config.spatialSmoothing.isAuto() && xy != null && !onePlace && chunk.isWhole();
        int[] window = measure ? SpotWindow.central(xy, SpotWindow.MAX_SPOTS) : null;
        ThinnedNoise noise = measure ? new ThinnedNoise(range.start(), range.size(), window) : null;
        // ... and weighs each pair of neighbours by how alike their expression is
        float[][] sketch = measure ? new float[range.size()][] : null;
        ExpressionSketch sketcher = measure ? new ExpressionSketch(model.genes().size()) : null;
        BatchPreparer preparer = new BatchPreparer(slide, genes, model.transform(), model.needsCoordinates(), withCounts, noise);
        int[] noCounts = {0};
        new BatchPredictor(model, preparer, config.batchSize, config.threads).predict(range.start(), range.end(), (batch, p) -> {
            for (int i = 0; i < batch.size(); i++) {
                double[] row = new double[p[i].length];
                for (int j = 0; j < row.length; j++) row[j] = batch.noCounts()[i] ? Double.NaN : p[i][j];
                if (batch.noCounts()[i]) noCounts[0]++;
                values[batch.start() - range.start() + i] = row;
                difficulty[batch.start() - range.start() + i] = batch.noCounts()[i] || calibration == null ? Double.NaN : calibration.difficulty(batch.input()[i], p[i]);
            }
            if (counts != null) counts.add(batch.rawCounts());
            if (sketch != null) for (int i = 0; i < batch.size(); i++) sketch[batch.start() - range.start() + i] = sketcher.of(batch.input()[i]);
            ThinnedNoise.Halves h = batch.halves();
            if (h != null && h.rows().length > 0) noise.add(model.predict(h.first(), h.xy()), model.predict(h.second(), h.xy()), h.empty());
            progress.accept(batch.size());
        });

        if (noCounts[0] > 0) {
            Log.warn("infer: %d of %d spots have no counts over the model's genes: their proportions, intervals and entropy are NaN and their dominant type %s",
                    noCounts[0], range.size(), ProportionTable.NO_DOMINANT);
        }
        SpatialPrior prior = !config.spatialSmoothing.isOn() ? SpatialPrior.off(values)
                : !config.spatialSmoothing.isAuto() ? SpatialPrior.fixed(values, xy, config.spatialSmoothing.lambda())
                : xy == null ? SpatialPrior.notApplied(values, "the slide has no coordinates")
                : onePlace ? SpatialPrior.notApplied(values, SpatialPrior.ONE_PLACE)
                : !chunk.isWhole() ? SpatialPrior.notApplied(values, SpatialPrior.CHUNK)
                : SpatialPrior.auto(values, xy, sketch, noise.variance(), window);
        double[][] proportions = prior.proportions();
        ProportionTable table = new ProportionTable(slide.obsNames().subList(range.start(), range.end()), model.cellTypes(), proportions, xy);
        double[][][] bounds = calibration != null ? prior.boundsAround(calibration.bounds(values, difficulty)) : IntervalCalibration.unknown(proportions.length, model.cellTypes().size());
        if (calibration == null) Log.warn("infer: the model has no interval calibration (trained without held-out spots, folds: 1, or by an older stdeconv): q05/q95 are NaN; retrain with held-out spots to get them");
        String yaml = Configs.toYaml(config);
        table.writeTsv(stage.path(InferOutputs.PROPORTIONS_TSV));
        InferOutputs.writeIntervals(table, bounds, difficulty, stage.path(InferOutputs.INTERVALS_TSV));
        if (chunk.isWhole()) InferMaps.writeFromTable(config, table.size(), stage.path(InferOutputs.PROPORTIONS_TSV), slide.path(), stage);
        else if (config.maps) Log.info("infer: no maps: this run is one chunk of the slide; merge draws the maps of the whole slide");
        String fingerprint = chunk.isWhole() && !config.writeH5ad ? null : SlideFingerprint.of(slide);
        if (!chunk.isWhole()) new ChunkIdentity(config.chunk, model.checksum(), fingerprint).write(stage.path(ChunkIdentity.FILE));
        if (config.writeH5ad) {
            Map<String, String> uns = new TreeMap<>();
            uns.put(InferOutputs.UNS_MODEL_CHECKSUM, model.checksum());
            uns.put(InferOutputs.UNS_SLIDE_FINGERPRINT, fingerprint);
            uns.put(InferOutputs.UNS_CONFIG, yaml);
            uns.put(InferOutputs.UNS_GENES, genes.found() + " of " + model.genes().size());
            uns.put(InferOutputs.UNS_SPATIAL_SMOOTHING, prior.note());
            // the calibration holds for the network's own predictions; smoothed ones are not what it was fitted on
            uns.put(InferOutputs.UNS_INTERVALS, calibration == null ? "not calibrated (model trained without interval calibration): q05/q95 are NaN"
                    : "90% intervals calibrated on " + calibration.toResult().get("held_out_spots") + " held-out pseudo-spots at train time: " + calibration.method()
                    + (calibration.adaptive() ? " (obs " + InferOutputs.OBS_DIFFICULTY + " holds d; the coverage of spots far off the training data rests on their errors growing with d)" : "")
                    + (prior.lambda() > 0 ? "; computed around the network's own proportions (what they were calibrated for) and widened where needed to hold the spatially smoothed ones" : ""));
            String xNote = config.h5adCounts == InferConfig.H5adCounts.NEVER ? "omitted (h5ad_counts: never)"
                    : "omitted: the slide has " + slide.storedEntries() + " stored counts, above the h5ad_counts auto limit of " + InferConfig.H5adCounts.AUTO_LIMIT;
            AnnDataParts annotated = InferOutputs.annotate(InferOutputs.slideParts(slide).rows(range.start(), range.end()), table, bounds, difficulty, uns, withCounts, xNote);
            Path file = stage.path(InferOutputs.ANNOTATED_H5AD);
            CsrMatrix x = withCounts ? CsrMatrix.vstack(counts) : null;
            try (StreamingH5adWriter w = withCounts ? StreamingH5adWriter.createDirect(file, slide.varNames(), x.nnz())
                    : StreamingH5adWriter.createDirectWithoutX(file, slide.varNames())) {
                if (x != null) w.appendRows(x);
                w.finish(annotated);
            }
        }
        Log.info("infer: wrote %s", config.outputDir);
    }

    /**
     * The range's coordinates; a spot without finite ones (NaN, or an infinite value) gets NaN x and y, what the tables
     * write for a spot with no place on the slide: it keeps its proportions, and the spatial prior and the maps leave it
     * out. Said once here when no maps are drawn (the maps say it themselves).
     */
    private static double[][] spatialOf(SpotSource slide, ChunkSpec.Range range, boolean warn) {
        if (slide.spatial() == null) return null;
        double[][] xy = new double[range.size()][];
        int unplaced = 0;
        String example = null;
        for (int i = 0; i < xy.length; i++) {
            double[] p = slide.spatial()[range.start() + i];
            boolean placed = SpotPlaces.isPlaced(p);
            xy[i] = placed ? p : new double[]{Double.NaN, Double.NaN};
            if (!placed && unplaced++ == 0) example = slide.obsNames().get(range.start() + i);
        }
        if (warn && unplaced > 0) {
            Log.warn("%s: %d of %d spots have no finite coordinates (e.g. '%s'): they keep their proportions, with NaN x and y, and the spatial prior leaves them out",
                    slide.path(), unplaced, xy.length, example);
        }
        return xy;
    }

    static void writeString(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
