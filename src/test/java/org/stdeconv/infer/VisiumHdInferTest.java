package org.stdeconv.infer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stdeconv.io.ExpressionReaders;
import org.stdeconv.io.InMemorySpotSource;
import org.stdeconv.io.tenx.VisiumHdFixture;
import org.stdeconv.io.tenx.VisiumHdFixture.Position;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** Infer on a Visium HD bin folder: streamed in batches and chunks, it gives what the slide read whole gives. */
class VisiumHdInferTest {
    @TempDir
    Path tmp;

    /** 120 bins x 25 genes, a few counts each; every seventh bin off tissue. */
    private Path binFolder() throws Exception {
        List<String> genes = LinearSoftmaxModel.genes("g", 0, 25), barcodes = new ArrayList<>();
        List<Position> positions = new ArrayList<>();
        Random r = new Random(3);
        int bins = 120;
        int[][] counts = new int[bins][genes.size()];
        for (int b = 0; b < bins; b++) {
            barcodes.add(String.format("s_008um_%05d_%05d-1", b / 11, b % 11));
            positions.add(new Position(barcodes.get(b), b % 7 == 3 ? 0 : 1, b / 11, b % 11, 100 + 27.5 * (b / 11), 200 + 27.5 * (b % 11)));
            for (int u = 0; u < 4 + r.nextInt(30); u++) counts[b][r.nextInt(genes.size())]++;
        }
        Path bin = tmp.resolve("binned_outputs/square_008um");
        VisiumHdFixture.writeMatrix(bin, barcodes, genes, java.util.Collections.nCopies(genes.size(), "Gene Expression"), counts);
        VisiumHdFixture.writePositions(bin, positions);
        return bin;
    }

    @Test
    void streamedChunksEqualTheSlideReadWhole() throws Exception {
        Path bin = binFolder();
        // the merge goes where the single run went (its output_dir is recorded in the files), so the single run moves aside
        Path out = tmp.resolve("out");
        InferenceTest.run(ChunkMergeTest.chunkConfig(tmp, bin, out, ""), LinearSoftmaxModel.of(25, 4));
        Path streamed = Files.move(out, tmp.resolve("streamed"));

        Path whole = tmp.resolve("whole");
        try (InMemorySpotSource s = new InMemorySpotSource(bin, ExpressionReaders.read(bin))) {
            Inference.run(ChunkMergeTest.chunkConfig(tmp, bin, whole, ""), s, LinearSoftmaxModel.of(25, 4));
        }
        List<String> lines = Files.readAllLines(streamed.resolve(InferOutputs.PROPORTIONS_TSV));
        assertEquals(1 + 120 - 17, lines.size(), "header + the in-tissue bins");
        assertTrue(lines.get(1).startsWith("s_008um_00000_00000-1\t"), lines.get(1));
        assertArrayEquals(Files.readAllBytes(whole.resolve(InferOutputs.PROPORTIONS_TSV)), Files.readAllBytes(streamed.resolve(InferOutputs.PROPORTIONS_TSV)));

        List<Path> chunks = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            Path chunk = tmp.resolve("chunk" + i);
            InferenceTest.run(ChunkMergeTest.chunkConfig(tmp, bin, chunk, i + "/3"), LinearSoftmaxModel.of(25, 4));
            chunks.add(chunk);
        }
        ChunkMerger.merge(chunks, out);
        assertEquals(InferenceTest.files(streamed), InferenceTest.files(out));
        for (Path f : InferenceTest.files(streamed)) {
            assertArrayEquals(Files.readAllBytes(streamed.resolve(f)), Files.readAllBytes(out.resolve(f)), f + " differs");
        }
    }
}
