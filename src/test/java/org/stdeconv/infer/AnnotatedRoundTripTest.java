package org.stdeconv.infer;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stdeconv.io.PythonHelper;
import org.stdeconv.io.anndata.AnnDataParts;
import org.stdeconv.io.anndata.DataFrames;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A Visium-like slide written by the real anndata client (images in uns, categorical and bool obs columns, var
 * gene_ids/feature_types, int64 spatial, varm) goes through infer, whole and in chunks; anndata then finds every key
 * and value of the input in annotated.h5ad, with its dtype, plus the proportions as a DataFrame.
 */
class AnnotatedRoundTripTest {
    @TempDir
    Path tmp;

    private InferConfig config(Path slide, Path out, String chunk) {
        return ChunkMergeTest.chunkConfig(tmp, slide, out, chunk);
    }

    @Test
    void annotatedFileKeepsEverythingTheSlideHadAndChunksMergeToTheSameBytes() throws Exception {
        Path slide = tmp.resolve("visium.h5ad");
        PythonHelper.run(AnnotatedRoundTripTest.class, tmp, "write_visium_like.py", slide.toString(), "90", "30");
        // the whole run writes into the folder the merge will write into later (output_dir is part of uns' config)
        InferenceTest.run(config(slide, tmp.resolve("result"), ""), LinearSoftmaxModel.of(LinearSoftmaxModel.genes("g", 3, 28), 3));
        Path whole = Files.move(tmp.resolve("result"), tmp.resolve("whole"));
        Path annotated = whole.resolve(InferOutputs.ANNOTATED_H5AD);
        JsonNode seen = PythonHelper.json(PythonHelper.run(AnnotatedRoundTripTest.class, tmp, "compare_annotated.py", slide.toString(), annotated.toString()));
        assertEquals(90, seen.get("n_obs").asInt());
        assertTrue(seen.get("x").asBoolean(), "a small slide's counts are copied into X");
        assertEquals("[\"TypeA\",\"TypeB\",\"TypeC\"]", seen.get("types").toString());
        assertTrue(seen.get("rowsums").asDouble() < 1e-6, seen.toString());
        assertEquals("[60,80,3]", seen.get("hires").toString());
        assertEquals("uint8", seen.get("hires_dtype").asText());
        assertTrue(seen.get("obs_columns").toString().contains("\"stdeconv_TypeB\""), seen.toString());
        assertTrue(seen.get("uns").toString().contains("\"stdeconv_model_checksum\""), seen.toString());
        // the test model has no interval calibration: the bound frames exist (NaN), so the keys are always there
        assertEquals("[\"X_pca\",\"spatial\",\"stdeconv_proportions\",\"stdeconv_q05\",\"stdeconv_q95\"]", seen.get("obsm").toString());

        List<Path> chunks = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            InferenceTest.run(config(slide, tmp.resolve("chunk" + i), i + "/3"), LinearSoftmaxModel.of(LinearSoftmaxModel.genes("g", 3, 28), 3));
            chunks.add(tmp.resolve("chunk" + i));
        }
        ChunkMerger.merge(chunks, tmp.resolve("result"));
        for (String f : List.of(InferOutputs.ANNOTATED_H5AD, InferOutputs.PROPORTIONS_TSV, InferOutputs.INTERVALS_TSV)) {
            assertArrayEquals(Files.readAllBytes(whole.resolve(f)), Files.readAllBytes(tmp.resolve("result").resolve(f)), "chunked infer + merge writes the whole run's " + f);
        }

        // annotating the annotated file again replaces stdeconv's own entries instead of piling them up
        InferenceTest.run(config(annotated, tmp.resolve("again"), ""), LinearSoftmaxModel.of(LinearSoftmaxModel.genes("g", 3, 28), 3));
        AnnDataParts first = AnnDataParts.read(annotated), again = AnnDataParts.read(tmp.resolve("again").resolve(InferOutputs.ANNOTATED_H5AD));
        assertEquals(DataFrames.columns(first.obs()), DataFrames.columns(again.obs()));
        assertEquals(first.obsm().children().keySet(), again.obsm().children().keySet());
        assertEquals(first.uns().children().keySet(), again.uns().children().keySet());
        assertEquals(first.var(), again.var());
    }
}
