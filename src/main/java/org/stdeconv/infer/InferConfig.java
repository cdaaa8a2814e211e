package org.stdeconv.infer;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import org.stdeconv.ConfigException;
import org.stdeconv.config.InputPath;
import org.stdeconv.config.OutputPath;
import org.stdeconv.config.Required;
import org.stdeconv.config.StepConfig;

import java.util.Locale;

/** Keys of `stdeconv infer`. */
public class InferConfig extends StepConfig {
    @Required @InputPath
    @JsonPropertyDescription("Model folder written by stdeconv train.")
    public String modelDir;

    @Required @InputPath
    @JsonPropertyDescription("Slide to deconvolve (.h5ad and Space Ranger .h5 slides, Visium HD bin folders included, stream rows from disk; other formats are read whole).")
    public String slide;

    @Required @OutputPath
    @JsonPropertyDescription("Folder for proportions.tsv, " + InferOutputs.ANNOTATED_H5AD + ", maps/ and infer.config.yaml.")
    public String outputDir;

    @JsonPropertyDescription("Smallest fraction of the model's genes the slide must have; missing genes are filled with 0 (with a warning), below this the run stops.")
    public double minGeneOverlap = 0.5;

    @JsonPropertyDescription("Spots per network call; memory for counts and network input grows with it, not with the slide.")
    public int batchSize = 4096;

    @JsonPropertyDescription("Process only part of the slide: \"i/n\" is the i-th (1-based) of n contiguous spot ranges; join the outputs with 'stdeconv merge'. Empty: the whole slide.")
    public String chunk = "";

    @JsonPropertyDescription("Threads that read and transform the next batches while the network predicts (0: the predicting thread does it). Network threads: STDECONV_THREADS.")
    public int threads = 1;

    @JsonPropertyDescription("Spatial prior on the predictions (a CAR-like smoothing over neighbouring spots, docs/method.md): auto (default) "
            + "chooses its strength for the slide by Stein's unbiased risk estimate, with the network's noise measured by splitting each spot's "
            + "counts in two: about 0 where neighbouring spots differ, more where they share their composition (PDAC regions); a number such "
            + "as 0.5 fixes it; 0 turns it off. auto does nothing on a slide without coordinates or on a chunk (say 0 to make that explicit); a "
            + "number needs obsm['spatial'] and the whole slide.")
    public SpatialSmoothingSetting spatialSmoothing = SpatialSmoothingSetting.auto();

    @JsonPropertyDescription("Write " + InferOutputs.ANNOTATED_H5AD + " (the slide's spots with the proportions in obs and obsm).")
    public boolean writeH5ad = true;

    @JsonPropertyDescription("Draw maps/ (PNG and SVG): each cell type's proportions on the slide, a pie map and an overview of all types, "
            + "over the H&E image when the .h5ad slide has one. Skipped for a chunk (merge draws them) and above "
            + InferMaps.MAX_SPOTS + " spots.")
    public boolean maps = true;

    @JsonPropertyDescription("Copy the slide's counts into X of " + InferOutputs.ANNOTATED_H5AD + ": auto (only when the slide has at most "
            + "25,000,000 stored counts; larger slides get obs/obsm/var without X), always, never.")
    public H5adCounts h5adCounts = H5adCounts.AUTO;

    /** Whether the annotated .h5ad carries the slide's counts. */
    public enum H5adCounts {
        AUTO, ALWAYS, NEVER;

        /** Above this many stored entries auto leaves X out: jhdf holds the whole file in memory while writing. */
        public static final long AUTO_LIMIT = 25_000_000L;

        public boolean include(long storedEntries) {
            return this == ALWAYS || (this == AUTO && storedEntries <= AUTO_LIMIT);
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    @Override
    public void validate(String source) {
        if (!(minGeneOverlap > 0 && minGeneOverlap <= 1)) {
            throw new ConfigException(source, "min_gene_overlap", "must be in (0, 1], got " + minGeneOverlap, "e.g. 0.5 for at least half of the model's genes");
        }
        if (batchSize < 1) throw new ConfigException(source, "batch_size", "must be at least 1, got " + batchSize, "e.g. 4096");
        if (threads < 0) throw new ConfigException(source, "threads", "must be 0 or more, got " + threads, "e.g. 1");
        ChunkSpec chunkSpec = ChunkSpec.parse(chunk, source);
        if (spatialSmoothing == null) throw new ConfigException(source, "spatial_smoothing", "is empty", "give a number >= 0 (0 turns it off) or auto");
        spatialSmoothing.validate(source, "spatial_smoothing");
        // auto on a chunk leaves the predictions as they are and says so: the pipeline's chunked slides must still run
        if (spatialSmoothing.isOn() && !spatialSmoothing.isAuto() && !chunkSpec.isWhole()) {
            throw new ConfigException(source, "spatial_smoothing", "needs the whole slide (neighbours cross chunk boundaries), but chunk is " + chunk,
                    "leave chunk empty, or set spatial_smoothing: 0");
        }
    }
}
