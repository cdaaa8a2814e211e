package org.stdeconv.infer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stdeconv.cli.Main;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class InferCommandTest {
    @TempDir
    Path tmp;

    private record Result(int code, String out, String err) {
    }

    private static Result cli(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = Main.execute(args);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private String[] infer(Path slide, Path out, String... more) throws Exception {
        Path model = Files.createDirectories(tmp.resolve("model"));
        String[] base = {"infer", "--set", "model_dir=" + model, "--set", "slide=" + slide, "--set", "output_dir=" + out};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void corruptSlideIsOneLineExitThreeAndNoOutput() throws Exception {
        Path slide = Files.write(tmp.resolve("slide.h5ad"), "not hdf5 at all".getBytes(StandardCharsets.UTF_8));
        Path out = tmp.resolve("out");
        Result r = cli(infer(slide, out));
        assertEquals(3, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("stdeconv infer: error: " + slide + ": not a valid HDF5 file"), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void slideWithoutExpressionMatrixIsExitThree() throws Exception {
        // a valid HDF5 file that is not AnnData: obs/var but no X
        Path slide = tmp.resolve("annotations.h5ad");
        org.stdeconv.io.h5ad.H5adWriter.writeDirect(SyntheticSlides.slide(5, LinearSoftmaxModel.genes("g", 0, 3), 1), slide, false);
        Result r = cli(infer(slide, tmp.resolve("out")));
        assertEquals(3, r.code(), r.err());
        assertTrue(r.err().contains("X: no expression matrix"), r.err());
        assertFalse(Files.exists(tmp.resolve("out")));
    }

    @Test
    void badChunkOrOverlapIsAConfigError() throws Exception {
        Path slide = SyntheticSlides.write(SyntheticSlides.slide(5, LinearSoftmaxModel.genes("g", 0, 3), 1), tmp.resolve("s.h5ad"));
        Result chunk = cli(infer(slide, tmp.resolve("out"), "--set", "chunk=0/4"));
        assertEquals(2, chunk.code());
        assertTrue(chunk.err().contains("chunk: '0/4': i must be between 1 and n (1-based)"), chunk.err());
        Result overlap = cli(infer(slide, tmp.resolve("out"), "--set", "min_gene_overlap=1.5"));
        assertEquals(2, overlap.code());
        assertTrue(overlap.err().contains("min_gene_overlap: must be in (0, 1]"), overlap.err());
    }

    @Test
    void helpDocumentsKeysAndMerge() {
        Result help = cli("infer", "--help");
        for (String key : new String[]{"min_gene_overlap (default 0.5)", "batch_size", "chunk", "threads", "h5ad_counts (default auto)"}) {
            assertTrue(help.out().contains(key), key + " missing from:\n" + help.out());
        }
        Result merge = cli("merge", "--help");
        assertTrue(merge.out().contains("--output-dir=DIR") && merge.out().contains("CHUNK_DIR"), merge.out());
    }

    @Test
    void mergeOfAFolderThatIsNoInferOutputIsAUsageError() throws Exception {
        Path notChunk = Files.createDirectories(tmp.resolve("empty"));
        Result r = cli("merge", "--output-dir", tmp.resolve("m").toString(), notChunk.toString());
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("not an infer output folder"), r.err());
        assertFalse(Files.exists(tmp.resolve("m")));
        assertEquals(2, cli("merge", notChunk.toString()).code());
    }
}
