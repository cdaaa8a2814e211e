package org.stdeconv.infer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stdeconv.ConfigException;
import org.stdeconv.StdeconvException;
import org.stdeconv.InputDataException;
import org.stdeconv.data.ExpressionData;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class ChunkMergeTest {
    @TempDir
    Path tmp;

    private InferConfig config(Path slide, Path out, String chunk) {
        return chunkConfig(tmp, slide, out, chunk);
    }

    /**
     * Infer of {@code slide} (or one chunk of it) into {@code out} in batches of 16, the model folder under {@code tmp},
     * without the spatial prior: a chunk cannot smooth over its neighbours in other chunks (auto leaves a chunk as it
     * is, SpatialSmoothingInferTest), so merged chunks equal one run with the prior off.
     */
    static InferConfig chunkConfig(Path tmp, Path slide, Path out, String chunk) {
        InferConfig c = new InferConfig();
        c.spatialSmoothing = SpatialSmoothingSetting.OFF;
        c.modelDir = tmp.resolve("model").toString();
        c.slide = slide.toString();
        c.outputDir = out.toString();
        c.batchSize = 16;
        c.chunk = chunk;
        return c;
    }

    @ParameterizedTest
    @EnumSource(value = InferConfig.H5adCounts.class, names = {"AUTO", "NEVER"})
    void mergedChunksEqualOneRunByteForByte(InferConfig.H5adCounts counts) throws Exception {
        ExpressionData slide = SyntheticSlides.slide(101, LinearSoftmaxModel.genes("g", 0, 25), 11);
        Path file = SyntheticSlides.write(slide, tmp.resolve("slide.h5ad"));
        Path out = tmp.resolve("result");
        InferConfig whole = config(file, out, "");
        whole.h5adCounts = counts;
        InferenceTest.run(whole, LinearSoftmaxModel.of(25, 4));
        Path single = Files.move(out, tmp.resolve("single"));

        List<Path> chunkDirs = new ArrayList<>();
        for (int i = 3; i >= 1; i--) {
            InferConfig c = config(file, tmp.resolve("chunk" + i), i + "/3");
            c.h5adCounts = counts;
            InferenceTest.run(c, LinearSoftmaxModel.of(25, 4));
            chunkDirs.add(tmp.resolve("chunk" + i));
        }
        // chunks hold disjoint parts of the slide
        long rows1 = Files.readAllLines(tmp.resolve("chunk1").resolve(InferOutputs.PROPORTIONS_TSV)).size() - 1;
        assertTrue(rows1 > 0 && rows1 < 101, "chunk 1 holds " + rows1 + " spots");
        ChunkMerger.merge(chunkDirs, out);

        assertEquals(InferenceTest.files(single), InferenceTest.files(out));
        for (Path f : InferenceTest.files(single)) {
            assertArrayEquals(Files.readAllBytes(single.resolve(f)), Files.readAllBytes(out.resolve(f)), f + " differs");
        }
    }

    @Test
    void chunkRangesAreContiguousBatchAlignedAndCoverTheSlide() {
        int rows = 1000, batch = 64;
        int next = 0;
        for (int i = 1; i <= 7; i++) {
            ChunkSpec.Range r = ChunkSpec.parse(i + "/7", "test").range(rows, batch, "test");
            assertEquals(next, r.start());
            assertTrue(r.size() > 0);
            assertEquals(0, r.start() % batch);
            next = r.end();
        }
        assertEquals(rows, next);
        assertEquals(new ChunkSpec.Range(0, 1000), ChunkSpec.parse("", "test").range(rows, batch, "test"));
        ConfigException e = assertThrows(ConfigException.class, () -> ChunkSpec.parse("1/17", "test").range(rows, batch, "test"));
        assertTrue(e.getMessage().contains("use at most 16 chunks"), e.getMessage());
        for (String bad : List.of("0/3", "4/3", "2", "a/b", "1/0")) {
            assertThrows(ConfigException.class, () -> ChunkSpec.parse(bad, "test"), bad);
        }
    }

    @Test
    void chunksRunInSeparateTaskFoldersMergeLikeOneRun() throws Exception {
        // as in the pipeline: every chunk task sees the same slide and model as links in its own folder
        ExpressionData slide = SyntheticSlides.slide(70, LinearSoftmaxModel.genes("g", 0, 12), 13);
        Path file = SyntheticSlides.write(slide, tmp.resolve("slide.h5ad"));
        List<Path> chunkDirs = new ArrayList<>();
        for (int i = 1; i <= 2; i++) {
            Path task = Files.createDirectories(tmp.resolve("work").resolve("task" + i));
            Path staged = Files.createSymbolicLink(task.resolve("slide.h5ad"), file);
            InferConfig c = config(staged, task.resolve("out"), i + "/2");
            c.modelDir = Files.createDirectories(task.resolve("model")).toString();
            InferenceTest.run(c, LinearSoftmaxModel.of(12, 3));
            chunkDirs.add(task.resolve("out"));
        }
        ChunkMerger.merge(chunkDirs, tmp.resolve("merged"));
        InferenceTest.run(config(file, tmp.resolve("single"), ""), LinearSoftmaxModel.of(12, 3));
        assertArrayEquals(Files.readAllBytes(tmp.resolve("single").resolve(InferOutputs.PROPORTIONS_TSV)),
                Files.readAllBytes(tmp.resolve("merged").resolve(InferOutputs.PROPORTIONS_TSV)));

        Path renamed = Files.createSymbolicLink(tmp.resolve("work").resolve("task2").resolve("other.h5ad"), file);
        InferenceTest.run(config(renamed, tmp.resolve("other2"), "2/2"), LinearSoftmaxModel.of(12, 3));
        ConfigException mixed = assertThrows(ConfigException.class,
                () -> ChunkMerger.merge(List.of(chunkDirs.get(0), tmp.resolve("other2")), tmp.resolve("m")));
        assertTrue(mixed.getMessage().contains("differs from"), mixed.getMessage());
    }

    @Test
    void chunksOfTwoSlidesWithOneFileNameAreRefused() throws Exception {
        // two slides alike in spot names, positions and genes (as two synthetic slides, or one study's slide.h5ad per folder)
        List<String> genes = LinearSoftmaxModel.genes("g", 0, 12);
        Path a = SyntheticSlides.write(SyntheticSlides.slide(70, genes, 13), Files.createDirectories(tmp.resolve("a")).resolve("slide.h5ad"));
        Path b = SyntheticSlides.write(SyntheticSlides.slide(70, genes, 14), Files.createDirectories(tmp.resolve("b")).resolve("slide.h5ad"));
        InferenceTest.run(config(a, tmp.resolve("a1"), "1/2"), LinearSoftmaxModel.of(12, 3));
        InferenceTest.run(config(a, tmp.resolve("a2"), "2/2"), LinearSoftmaxModel.of(12, 3));
        InferenceTest.run(config(b, tmp.resolve("b2"), "2/2"), LinearSoftmaxModel.of(12, 3));
        InputDataException mixed = assertThrows(InputDataException.class,
                () -> ChunkMerger.merge(List.of(tmp.resolve("a1"), tmp.resolve("b2")), tmp.resolve("m")));
        assertTrue(mixed.getMessage().startsWith(tmp.resolve("b2").resolve(ChunkIdentity.FILE) + ": slide_fingerprint: another slide than " + tmp.resolve("a1") + "'s"), mixed.getMessage());
        assertFalse(Files.exists(tmp.resolve("m")));
        ChunkMerger.merge(List.of(tmp.resolve("a1"), tmp.resolve("a2")), tmp.resolve("m"));
    }

    @Test
    void chunksWithoutAnnotatedFilesOfAnotherModelOrSlideAreRefused() throws Exception {
        // write_h5ad: false leaves no uns to compare, and the configs name model and slide by path only
        List<String> genes = LinearSoftmaxModel.genes("g", 0, 12);
        Path a = SyntheticSlides.write(SyntheticSlides.slide(70, genes, 13), Files.createDirectories(tmp.resolve("a")).resolve("slide.h5ad"));
        Path b = SyntheticSlides.write(SyntheticSlides.slide(70, genes, 14), Files.createDirectories(tmp.resolve("b")).resolve("slide.h5ad"));
        String[][] runs = {{"a1", "1/2", "model"}, {"a2", "2/2", "model"}, {"b2", "2/2", "model"}, {"m2", "2/2", "other"}};
        for (String[] run : runs) {
            InferConfig c = config(run[0].startsWith("b") ? b : a, tmp.resolve(run[0]), run[1]);
            c.writeH5ad = false;
            LinearSoftmaxModel model = LinearSoftmaxModel.of(12, 3);
            InferenceTest.run(c, run[2].equals("other") ? model.withChecksum("another-training") : model);
            assertTrue(Files.isRegularFile(tmp.resolve(run[0]).resolve(ChunkIdentity.FILE)), run[0]);
        }
        InputDataException slide = assertThrows(InputDataException.class, () -> ChunkMerger.merge(List.of(tmp.resolve("a1"), tmp.resolve("b2")), tmp.resolve("m")));
        assertTrue(slide.getMessage().startsWith(tmp.resolve("b2").resolve(ChunkIdentity.FILE) + ": slide_fingerprint: another slide"), slide.getMessage());
        InputDataException model = assertThrows(InputDataException.class, () -> ChunkMerger.merge(List.of(tmp.resolve("a1"), tmp.resolve("m2")), tmp.resolve("m")));
        assertTrue(model.getMessage().startsWith(tmp.resolve("m2").resolve(ChunkIdentity.FILE) + ": model_checksum: another model"), model.getMessage());
        assertFalse(Files.exists(tmp.resolve("m")));
        // a chunk folder from before the identity file: rerun it
        Files.delete(tmp.resolve("a2").resolve(ChunkIdentity.FILE));
        InputDataException old = assertThrows(InputDataException.class, () -> ChunkMerger.merge(List.of(tmp.resolve("a1"), tmp.resolve("a2")), tmp.resolve("m")));
        assertTrue(old.getMessage().contains("no " + ChunkIdentity.FILE) && old.getMessage().contains("rerun chunk 2/2"), old.getMessage());
        InferenceTest.run(config(a, tmp.resolve("a2"), "2/2"), LinearSoftmaxModel.of(12, 3));
        Files.delete(tmp.resolve("a2").resolve(InferOutputs.ANNOTATED_H5AD));
        InferConfig again = config(a, tmp.resolve("a2"), "2/2");
        again.writeH5ad = false;
        InferenceTest.run(again, LinearSoftmaxModel.of(12, 3));
        ChunkMerger.merge(List.of(tmp.resolve("a1"), tmp.resolve("a2")), tmp.resolve("m"));
        assertFalse(Files.exists(tmp.resolve("m").resolve(ChunkIdentity.FILE)), "a merge writes what one whole run writes");
        // one whole-slide folder (no identity: nothing to compare) merges as before
        InferenceTest.run(config(a, tmp.resolve("whole"), ""), LinearSoftmaxModel.of(12, 3));
        assertFalse(Files.exists(tmp.resolve("whole").resolve(ChunkIdentity.FILE)));
        ChunkMerger.merge(List.of(tmp.resolve("whole")), tmp.resolve("mw"));
    }

    @Test
    void mergeRefusesIncompleteOrMixedChunks() {
        ExpressionData slide = SyntheticSlides.slide(60, LinearSoftmaxModel.genes("g", 0, 10), 12);
        Path file = SyntheticSlides.write(slide, tmp.resolve("slide.h5ad"));
        for (int i = 1; i <= 2; i++) InferenceTest.run(config(file, tmp.resolve("c" + i), i + "/3"), LinearSoftmaxModel.of(10, 2));
        ConfigException missing = assertThrows(ConfigException.class, () -> ChunkMerger.merge(List.of(tmp.resolve("c1"), tmp.resolve("c2")), tmp.resolve("m")));
        assertTrue(missing.getMessage().contains("chunks [3] of 3 are missing"), missing.getMessage());
        // mistakes in the command's arguments are usage errors (exit 2), as for every other command
        assertEquals(StdeconvException.USAGE, missing.exitCode());
        ConfigException absent = assertThrows(ConfigException.class, () -> ChunkMerger.merge(List.of(tmp.resolve("c1"), tmp.resolve("no-such-folder")), tmp.resolve("m")));
        assertTrue(absent.getMessage().startsWith(tmp.resolve("no-such-folder") + ": no infer.config.yaml"), absent.getMessage());

        InferConfig other = config(file, tmp.resolve("c3"), "3/3");
        other.minGeneOverlap = 0.9;
        InferenceTest.run(other, LinearSoftmaxModel.of(10, 2));
        ConfigException mixed = assertThrows(ConfigException.class,
                () -> ChunkMerger.merge(List.of(tmp.resolve("c1"), tmp.resolve("c2"), tmp.resolve("c3")), tmp.resolve("m")));
        assertTrue(mixed.getMessage().contains("differs from"), mixed.getMessage());
        // the key that differs is named, with both values
        assertTrue(mixed.getMessage().contains(" in min_gene_overlap (0.9 here, "), mixed.getMessage());
        ConfigException twice = assertThrows(ConfigException.class, () -> ChunkMerger.merge(List.of(tmp.resolve("c1"), tmp.resolve("c1")), tmp.resolve("m")));
        assertTrue(twice.getMessage().contains("1/3 is given twice"), twice.getMessage());
        assertFalse(Files.exists(tmp.resolve("m")));
    }

    @Test
    void mergeRefusesAnOutputThatIsOrHoldsAChunkFolder() throws Exception {
        ExpressionData slide = SyntheticSlides.slide(60, LinearSoftmaxModel.genes("g", 0, 10), 12);
        Path file = SyntheticSlides.write(slide, tmp.resolve("slide.h5ad"));
        Path chunks = tmp.resolve("chunks");
        for (int i = 1; i <= 2; i++) InferenceTest.run(config(file, chunks.resolve("c" + i), i + "/2"), LinearSoftmaxModel.of(10, 2));
        byte[] before = Files.readAllBytes(chunks.resolve("c1").resolve(InferOutputs.PROPORTIONS_TSV));
        List<Path> dirs = List.of(chunks.resolve("c1"), chunks.resolve("c2"));
        // the merge folder holds infer.config.yaml like every infer output, so the stage alone would have replaced it
        ConfigException same = assertThrows(ConfigException.class, () -> ChunkMerger.merge(dirs, chunks.resolve("c1")));
        assertTrue(same.getMessage().startsWith("--output-dir: the output " + chunks.resolve("c1") + " is the input CHUNK_DIR"), same.getMessage());
        ConfigException holds = assertThrows(ConfigException.class, () -> ChunkMerger.merge(dirs, chunks));
        assertTrue(holds.getMessage().contains("contains the input CHUNK_DIR"), holds.getMessage());
        assertArrayEquals(before, Files.readAllBytes(chunks.resolve("c1").resolve(InferOutputs.PROPORTIONS_TSV)));
        ChunkMerger.merge(dirs, tmp.resolve("merged"));
        assertTrue(Files.isRegularFile(tmp.resolve("merged").resolve(InferOutputs.PROPORTIONS_TSV)));
    }

    /** Chunks 1/3 ... 3/3 of a 60-spot slide (16, 16 and 28 spots) in c1 ... c3, with or without annotated files. */
    private List<Path> threeChunks(boolean writeH5ad) {
        ExpressionData slide = SyntheticSlides.slide(60, LinearSoftmaxModel.genes("g", 0, 10), 12);
        Path file = SyntheticSlides.write(slide, tmp.resolve("slide.h5ad"));
        List<Path> dirs = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            InferConfig c = config(file, tmp.resolve("c" + i), i + "/3");
            c.writeH5ad = writeH5ad;
            InferenceTest.run(c, LinearSoftmaxModel.of(10, 2));
            dirs.add(tmp.resolve("c" + i));
        }
        return dirs;
    }

    /** Merges {@code dirs} expecting a refusal that names a chunk's own file and leaves no merge folder. */
    private InputDataException refused(List<Path> dirs, Path namedFile) {
        InputDataException e = assertThrows(InputDataException.class, () -> ChunkMerger.merge(dirs, tmp.resolve("m")));
        assertEquals(3, e.exitCode());
        assertTrue(e.getMessage().startsWith(namedFile + ": "), e.getMessage());
        assertFalse(e.getMessage().contains(".stdeconv-staging-"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("m")));
        return e;
    }

    @Test
    void aChunkTableMissingASpotIsRefusedNamingItNotMergedOutOfStep() throws Exception {
        List<Path> dirs = threeChunks(true);
        Path props = tmp.resolve("c2").resolve(InferOutputs.PROPORTIONS_TSV);
        byte[] intact = Files.readAllBytes(props);
        List<String> lines = new ArrayList<>(Files.readAllLines(props));
        String dropped = lines.remove(2).split("\t")[0];
        Files.write(props, lines);
        InputDataException e = refused(dirs, props);
        assertTrue(e.getMessage().contains("line 3: spot '" + lines.get(2).split("\t")[0] + "', but line 3 of intervals.tsv has '" + dropped + "'"), e.getMessage());
        assertTrue(e.getMessage().endsWith("rerun chunk 2/3 of infer"), e.getMessage());
        Files.write(props, intact);

        // the same spot gone from both tables of the last chunk (whose size follows the total): its annotated file still has it
        for (String name : List.of(InferOutputs.PROPORTIONS_TSV, InferOutputs.INTERVALS_TSV)) {
            Path f = tmp.resolve("c3").resolve(name);
            List<String> l = new ArrayList<>(Files.readAllLines(f));
            l.remove(2);
            Files.write(f, l);
        }
        e = refused(dirs, tmp.resolve("c3").resolve(InferOutputs.ANNOTATED_H5AD));
        assertTrue(e.getMessage().contains("obs: 28 spots, but the chunk's proportions.tsv has 27"), e.getMessage());
    }

    @Test
    void aChunkMissingASpotInEveryTableIsRefusedByItsSize() throws Exception {
        List<Path> dirs = threeChunks(false);
        for (String name : List.of(InferOutputs.PROPORTIONS_TSV, InferOutputs.INTERVALS_TSV)) {
            Path f = tmp.resolve("c2").resolve(name);
            List<String> lines = new ArrayList<>(Files.readAllLines(f));
            lines.remove(5);
            Files.write(f, lines);
        }
        InputDataException e = refused(dirs, tmp.resolve("c2").resolve(InferOutputs.PROPORTIONS_TSV));
        assertTrue(e.getMessage().contains("holds 15 spots, but chunk 2/3 of the joined 59 spots in batches of 16 holds 16"), e.getMessage());
    }

    @Test
    void aChunkTableCutShortIsNamedWithItsLine() throws Exception {
        List<Path> dirs = threeChunks(true);
        Path props = tmp.resolve("c2").resolve(InferOutputs.PROPORTIONS_TSV);
        byte[] whole = Files.readAllBytes(props);
        Files.write(props, java.util.Arrays.copyOf(whole, whole.length * 2 / 3));
        InputDataException e = refused(dirs, props);
        assertTrue(e.getMessage().matches(".*proportions\\.tsv: line \\d+: (ends without a line break: the file is cut short|\\d+ fields, the header has \\d+).*"), e.getMessage());

        // cut inside the last number: every line whole but the last, which has no line break
        Files.write(props, java.util.Arrays.copyOf(whole, whole.length - 3));
        e = refused(dirs, props);
        assertTrue(e.getMessage().contains("proportions.tsv: line 17: ends without a line break: the file is cut short"), e.getMessage());

        // cut at a line break: fewer spots than its intervals.tsv
        String text = new String(whole, java.nio.charset.StandardCharsets.UTF_8);
        Files.writeString(props, text.substring(0, text.lastIndexOf('\n', text.length() / 2) + 1));
        e = refused(dirs, props);
        assertTrue(e.getMessage().contains("ends after ") && e.getMessage().contains("but intervals.tsv of the same chunk goes on"), e.getMessage());

        // a ragged line in the middle
        List<String> lines = new ArrayList<>(java.util.Arrays.asList(text.split("\n")));
        lines.set(4, lines.get(4).substring(0, lines.get(4).indexOf('\t', lines.get(4).indexOf('\t') + 1)));
        Files.write(props, lines);
        e = refused(dirs, props);
        assertTrue(e.getMessage().contains(": line 5: 2 fields, the header has "), e.getMessage());
    }

    @Test
    void aChunkAnnotatedFileCutShortIsCalledTruncatedNotOld() throws Exception {
        List<Path> dirs = threeChunks(true);
        Path h5ad = tmp.resolve("c2").resolve(InferOutputs.ANNOTATED_H5AD);
        byte[] whole = Files.readAllBytes(h5ad);
        Files.write(h5ad, java.util.Arrays.copyOf(whole, whole.length / 2));
        InputDataException e = refused(dirs, h5ad);
        assertTrue(e.getMessage().contains("file is truncated") && e.getMessage().endsWith("rerun chunk 2/3 of infer"), e.getMessage());
        assertFalse(e.getMessage().contains("anndata 0.8"), e.getMessage());
    }

    @Test
    void chunksThatDifferInOneSettingNameIt() {
        ExpressionData slide = SyntheticSlides.slide(60, LinearSoftmaxModel.genes("g", 0, 10), 12);
        Path file = SyntheticSlides.write(slide, tmp.resolve("slide.h5ad"));
        InferenceTest.run(config(file, tmp.resolve("c1"), "1/2"), LinearSoftmaxModel.of(10, 2));
        InferConfig other = config(file, tmp.resolve("c2"), "2/2");
        other.writeH5ad = false;
        InferenceTest.run(other, LinearSoftmaxModel.of(10, 2));
        ConfigException e = assertThrows(ConfigException.class, () -> ChunkMerger.merge(List.of(tmp.resolve("c1"), tmp.resolve("c2")), tmp.resolve("m")));
        assertTrue(e.getMessage().startsWith(tmp.resolve("c2").resolve(InferOutputs.CONFIG_YAML) + ": the run differs from " + tmp.resolve("c1")
                + " in write_h5ad (false here, true there)"), e.getMessage());
    }
}
