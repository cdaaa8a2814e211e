package org.stdeconv.infer;

import com.fasterxml.jackson.databind.JsonNode;
import io.jhdf.HdfFile;
import org.stdeconv.ConfigException;
import org.stdeconv.InputDataException;
import org.stdeconv.config.Configs;
import org.stdeconv.data.CsrMatrix;
import org.stdeconv.data.ExpressionData;
import org.stdeconv.data.ObsTable;
import org.stdeconv.io.anndata.AnnDataParts;
import org.stdeconv.io.anndata.DataFrames;
import org.stdeconv.io.hdf5.H5Files;
import org.stdeconv.io.h5ad.H5adReader;
import org.stdeconv.io.h5ad.StreamingH5adWriter;
import org.stdeconv.log.Log;
import org.stdeconv.step.OutputStage;
import org.stdeconv.step.StepFrame;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.LongStream;

/**
 * Joins the output folders of chunked infer runs (chunk: 1/n ... n/n of one slide, one model, one config) into the
 * files a single whole-slide run into the merge folder would have written, byte for byte.
 */
public final class ChunkMerger {
    private ChunkMerger() {
    }

    /** A chunk output folder with its effective config. */
    private record Chunk(Path dir, InferConfig config, ChunkSpec spec) {
    }

    public static void merge(List<Path> chunkDirs, Path outputDir) {
        StepFrame.checkFolderOutput("--output-dir", outputDir, "CHUNK_DIR", chunkDirs);
        List<Chunk> chunks = ordered(chunkDirs);
        if (chunks.size() > 1) {   // one folder (a whole-slide run, as merge accepts too) has nothing to be compared with
            ChunkIdentity first = ChunkIdentity.read(chunks.get(0).dir(), chunks.get(0).spec());
            for (Chunk c : chunks.subList(1, chunks.size())) first.requireSameRun(ChunkIdentity.read(c.dir(), c.spec()), c.dir(), chunks.get(0).dir());
        }
        InferConfig whole = wholeRunConfig(chunks.get(0).config(), outputDir);
        String yaml = Configs.toYaml(whole);
        try (OutputStage stage = OutputStage.forDirectory(outputDir, InferOutputs.CONFIG_YAML)) {
            try {
                long[] perChunk = ChunkTables.join(chunks.stream().map(c -> new ChunkTables.Part(c.dir(), c.spec())).toList(),
                        stage.path(InferOutputs.PROPORTIONS_TSV), stage.path(InferOutputs.INTERVALS_TSV));
                requireChunkSizes(chunks, perChunk, whole.batchSize);
                long spots = LongStream.of(perChunk).sum();
                if (whole.writeH5ad) {
                    writeMergedAnnotated(chunks, perChunk, yaml, stage.path(InferOutputs.ANNOTATED_H5AD));
                }
                // the maps of the whole slide, which no chunk could draw; the merged annotated file carries the slide's H&E image
                InferMaps.writeFromTable(whole, spots, stage.path(InferOutputs.PROPORTIONS_TSV), whole.writeH5ad ? stage.path(InferOutputs.ANNOTATED_H5AD) : Path.of(whole.slide), stage);
                Inference.writeString(stage.path(InferOutputs.CONFIG_YAML), yaml);
                stage.commit();
            } catch (UncheckedIOException e) {
                throw StepFrame.writeFailure(e, stage);
            }
        }
        Log.info("merge: joined %d chunks into %s", chunks.size(), outputDir);
    }

    /**
     * Reads every folder's config, checks they are the n chunks of one run, returns them in chunk order. Folders that
     * are not chunk outputs, repeated, missing or from different runs are mistakes in the command's arguments (exit 2);
     * what is wrong inside a chunk's files is bad input (exit 3).
     */
    private static List<Chunk> ordered(List<Path> dirs) {
        if (dirs.isEmpty()) throw new ConfigException("merge: no chunk folders given; give the output folders of infer runs with chunk: 1/n ... n/n");
        Chunk[] byIndex = null;
        InferConfig reference = null;
        String referenceYaml = null;
        Path referenceDir = null;
        for (Path dir : dirs) {
            Path file = dir.resolve(InferOutputs.CONFIG_YAML);
            if (!Files.isRegularFile(file)) throw new ConfigException(dir, null, "no " + InferOutputs.CONFIG_YAML + ": not an infer output folder", "give the output_dir of each chunked infer run");
            InferConfig c = readConfig(file);
            ChunkSpec spec = ChunkSpec.parse(c.chunk, file);
            if (byIndex == null) byIndex = new Chunk[spec.count()];
            if (spec.count() != byIndex.length) {
                throw new ConfigException(file, "chunk", "is " + spec + " but another folder has n = " + byIndex.length, "give the chunks of one run only");
            }
            if (byIndex[spec.index() - 1] != null) {
                throw new ConfigException(file, "chunk", spec + " is given twice (also " + byIndex[spec.index() - 1].dir() + ")", "give each chunk folder once");
            }
            String shared = Configs.toYaml(comparable(c));
            if (reference == null) {
                reference = c;
                referenceYaml = shared;
                referenceDir = dir;
            } else if (!referenceYaml.equals(shared)) {
                throw new ConfigException(file, null, "the run differs from " + referenceDir + " in " + String.join(", ", differingKeys(c, reference))
                        + " (keys other than chunk and output_dir; model_dir and slide compared by file name)", "merge chunks of one run (same model, slide and settings)");
            }
            byIndex[spec.index() - 1] = new Chunk(dir, c, spec);
        }
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < byIndex.length; i++) if (byIndex[i] == null) missing.add(i + 1);
        if (!missing.isEmpty()) {
            throw new ConfigException("merge: chunks " + missing + " of " + byIndex.length + " are missing; give all " + byIndex.length + " chunk folders");
        }
        return Arrays.asList(byIndex);
    }

    private static InferConfig readConfig(Path file) {
        try {
            return Configs.yamlMapper().readValue(file.toFile(), InferConfig.class);
        } catch (IOException e) {
            throw new InputDataException(file, null, "not an infer config (" + e.getMessage().lines().findFirst().orElse("") + ")", "give the output_dir of each chunked infer run");
        }
    }

    /**
     * What must agree between the chunks of one run: every key but chunk and output_dir, with model_dir and slide
     * reduced to their file names. A pipeline runs each chunk in its own task folder, where the same model and slide
     * are staged under different absolute paths; the model's identity is checked by its checksum in the h5ad.
     */
    private static InferConfig comparable(InferConfig chunk) {
        InferConfig c = wholeRunConfig(chunk, Path.of("/"));
        c.modelDir = fileName(c.modelDir);
        c.slide = fileName(c.slide);
        return c;
    }

    /** The keys whose values differ, as "key (A here, B there)", nested keys dotted: what the user has to make agree. */
    private static List<String> differingKeys(InferConfig here, InferConfig there) {
        List<String> out = new ArrayList<>();
        differingKeys("", Configs.yamlMapper().valueToTree(comparable(here)), Configs.yamlMapper().valueToTree(comparable(there)), out);
        return out;
    }

    private static void differingKeys(String prefix, JsonNode here, JsonNode there, List<String> out) {
        if (here != null && there != null && here.isObject() && there.isObject()) {
            java.util.Set<String> keys = new java.util.LinkedHashSet<>();
            here.fieldNames().forEachRemaining(keys::add);
            there.fieldNames().forEachRemaining(keys::add);
            for (String k : keys) differingKeys(prefix + k + ".", here.get(k), there.get(k), out);
        } else if (!java.util.Objects.equals(here, there)) {
            out.add(prefix.substring(0, prefix.length() - 1) + " (" + shown(here) + " here, " + shown(there) + " there)");
        }
    }

    private static String shown(JsonNode v) {
        return v == null || v.isNull() ? "not set" : v.isValueNode() ? v.asText() : v.toString();
    }

    private static String fileName(String path) {
        Path name = path == null ? null : Path.of(path).getFileName();
        return name == null ? path : name.toString();
    }

    /** The config a single whole-slide run into {@code outputDir} would have recorded. */
    private static InferConfig wholeRunConfig(InferConfig chunk, Path outputDir) {
        InferConfig c = Configs.yamlMapper().convertValue(chunk, InferConfig.class);
        c.chunk = new InferConfig().chunk;
        c.outputDir = outputDir.toAbsolutePath().normalize().toString();
        return c;
    }

    /**
     * Each chunk must hold the spots its chunk of the slide has: chunk i/n of T spots in batches of batch_size
     * ({@link ChunkSpec#range}). A chunk that lost spots from all its tables alike is caught here, since T is the sum.
     */
    private static void requireChunkSizes(List<Chunk> chunks, long[] perChunk, int batchSize) {
        long total = LongStream.of(perChunk).sum();
        long batches = (total + batchSize - 1) / batchSize;
        // more chunks than batches of the joined spots: ChunkSpec.range refuses such a split, so nothing to compare
        if (total > Integer.MAX_VALUE || chunks.get(0).spec().count() > batches) return;
        for (int c = 0; c < chunks.size(); c++) {
            ChunkSpec spec = chunks.get(c).spec();
            int expected = spec.range((int) total, batchSize, "merge").size();
            if (perChunk[c] != expected) {
                throw new InputDataException(chunks.get(c).dir().resolve(InferOutputs.PROPORTIONS_TSV), null, "holds " + perChunk[c] + " spots, but chunk " + spec
                        + " of the joined " + total + " spots in batches of " + batchSize + " holds " + expected + " (spots are missing or added)",
                        "rerun chunk " + spec + " of infer");
            }
        }
    }

    /** The chunks' annotated files joined: their spots one after another, var and uns from chunk 1 with the whole run's config. */
    private static void writeMergedAnnotated(List<Chunk> chunks, long[] perChunk, String wholeYaml, Path out) {
        List<AnnDataParts> parts = new ArrayList<>();
        List<CsrMatrix> counts = new ArrayList<>();
        List<String> varNames = null;
        for (int ci = 0; ci < chunks.size(); ci++) {
            Chunk c = chunks.get(ci);
            Path file = c.dir().resolve(InferOutputs.ANNOTATED_H5AD);
            if (!Files.isRegularFile(file)) throw new InputDataException(c.dir(), null, "no " + InferOutputs.ANNOTATED_H5AD, "rerun chunk " + c.spec() + " of infer");
            // a copy cut short opens and fails deep inside; say what it is, and what to do about a chunk
            try (HdfFile h5 = H5Files.open(file)) {
                H5Files.requireComplete(h5, file, "rerun chunk " + c.spec() + " of infer");
            }
            AnnDataParts d = AnnDataParts.read(file);
            if (d.nObs() != perChunk[ci]) {
                throw new InputDataException(file, "obs", d.nObs() + " spots, but the chunk's " + InferOutputs.PROPORTIONS_TSV + " has " + perChunk[ci],
                        "the chunk's output is damaged or incomplete; rerun chunk " + c.spec() + " of infer");
            }
            AnnDataParts first = parts.isEmpty() ? d : parts.get(0);
            // model and slide were compared by the chunks' identities (ChunkIdentity) before any table was read
            for (String key : List.of(InferOutputs.UNS_X, InferOutputs.UNS_CELL_TYPES)) {
                if (!String.valueOf(InferOutputs.unsString(first, key)).equals(String.valueOf(InferOutputs.unsString(d, key)))) {
                    throw new InputDataException(file, "uns/" + key, "differs from chunk 1's", "merge chunks of one run (same model and slide)");
                }
            }
            if (!first.var().equals(d.var()) || !DataFrames.columns(first.obs()).equals(DataFrames.columns(d.obs()))
                    || !first.obsm().children().keySet().equals(d.obsm().children().keySet())) {
                throw new InputDataException(file, null, "genes or annotation columns differ from chunk 1's", "merge chunks of one slide");
            }
            if (InferOutputs.hasCounts(d)) {
                ExpressionData x = H5adReader.read(file, false);
                counts.add(x.counts());
                varNames = x.varNames();
            }
            parts.add(d);
        }
        AnnDataParts merged;
        try {
            merged = AnnDataParts.concat(parts);
        } catch (IllegalArgumentException e) {
            throw new InputDataException(chunks.get(0).dir(), null, "the chunks' annotated files do not fit together (" + e.getMessage() + ")", "merge chunks of one run");
        }
        InferOutputs.putString(merged.uns(), InferOutputs.UNS_CONFIG, wholeYaml);
        // each chunk said why it was not smoothed; the joined slide says it of itself
        if (String.valueOf(InferOutputs.unsString(merged, InferOutputs.UNS_SPATIAL_SMOOTHING)).contains(SpatialPrior.CHUNK)) {
            InferOutputs.putString(merged.uns(), InferOutputs.UNS_SPATIAL_SMOOTHING, SpatialPrior.MERGED);
        }
        CsrMatrix x = counts.isEmpty() ? null : CsrMatrix.vstack(counts);
        List<String> genes = varNames != null ? varNames : java.util.Collections.nCopies(merged.nVar(), "");
        try (StreamingH5adWriter w = x != null ? StreamingH5adWriter.createDirect(out, genes, x.nnz()) : StreamingH5adWriter.createDirectWithoutX(out, genes)) {
            if (x != null) w.appendRows(x);
            w.finish(merged);
        }
    }
}
