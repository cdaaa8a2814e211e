package org.stdeconv.step;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stdeconv.cli.Main;
import org.stdeconv.demo.DemoData;
import org.stdeconv.io.h5ad.H5adWriter;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** The steps on the command line never write over an input and leave an output folder holding one run only. */
class StepOutputsCliTest {
    @TempDir
    Path dir;
    Path data, reference, slide;
    byte[] referenceBytes, slideBytes;

    @BeforeEach
    void demoData() throws Exception {
        DemoData demo = DemoData.generate(7, new DemoData.Params(40, 300, 10, 8, 8, 3000, 12, 2.0));
        data = Files.createDirectories(dir.resolve("data"));
        reference = data.resolve("reference.h5ad");
        slide = data.resolve("slide.h5ad");
        H5adWriter.write(demo.reference(), reference);
        H5adWriter.write(demo.slide(), slide);
        referenceBytes = Files.readAllBytes(reference);
        slideBytes = Files.readAllBytes(slide);
    }

    record Run(int code, String err) {
    }

    static Run cli(String... args) {
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream capture = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setErr(capture);
            int code = Main.execute(args);
            return new Run(code, err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(saved);
        }
    }

    private void assertInputsUntouched() throws Exception {
        assertArrayEquals(referenceBytes, Files.readAllBytes(reference));
        assertArrayEquals(slideBytes, Files.readAllBytes(slide));
        try (Stream<Path> s = Files.list(data)) {
            assertEquals(List.of("reference.h5ad", "slide.h5ad"), s.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void anEmptyOutputOrTheCurrentFolderIsRefusedNotReplaced() throws Exception {
        // --out "$DIR" with DIR unset was taken as the current folder, which was then replaced as a whole
        Run empty = cli("demo-data", "--out", "");
        assertEquals(2, empty.code(), empty.err());
        assertTrue(empty.err().contains("--out: empty; give the path of the output"), empty.err());
        Path here = Path.of("").toAbsolutePath();
        Run current = cli("demo-data", "--out", here.toString());
        assertEquals(2, current.code(), current.err());
        assertTrue(current.err().contains("the output folder " + here + " is the current folder, which the step would replace as a whole"), current.err());
        Run above = cli("demo-data", "--out", here.getParent().toString());
        assertTrue(above.err().contains(" holds the current folder"), above.err());
        Run step = cli("qc", "--set", "reference=" + reference, "--set", "slide=" + slide, "--set", "output_dir=" + here);
        assertEquals(2, step.code(), step.err());
        assertTrue(step.err().contains("output_dir: the output folder " + here + " is the current folder"), step.err());
        assertInputsUntouched();
    }

    @Test
    void qcIntoTheFolderOfItsInputsIsRefusedAndTheInputsStay() throws Exception {
        Run r = cli("qc", "--set", "reference=" + reference, "--set", "slide=" + slide, "--set", "output_dir=" + data);
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("output_dir: the output " + data + " contains the input reference (" + reference + ")"), r.err());
        assertInputsUntouched();
    }

    @Test
    void simulateOverItsReferenceIsRefusedAndTheReferenceStays() throws Exception {
        Run r = cli("simulate", "--set", "reference=" + reference, "--set", "output=" + reference, "--set", "n_spots=20");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("output: the output " + reference + " is the input reference"), r.err());
        assertInputsUntouched();
    }

    @Test
    void simulateIntoAnExistingFolderOrBelowAFileSaysWhyBeforeTheWork() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("pseudo.h5ad"));
        Run r = cli("simulate", "--set", "reference=" + reference, "--set", "output=" + folder, "--set", "n_spots=20");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("is an existing folder, but the output is a file"), r.err());
        assertFalse(r.err().contains("simulate: reference"), "refused before reading the reference: " + r.err());
        r = cli("simulate", "--set", "reference=" + reference, "--set", "output=" + reference.resolve("x.h5ad"), "--set", "n_spots=20");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains(reference + " is a file, not a folder"), r.err());
        assertInputsUntouched();
    }

    @Test
    void demoDataOverAnExistingFileIsRefusedAndTheFileStays() throws Exception {
        Run r = cli("demo-data", "--out", slide.toString(), "--grid", "2", "--cells-per-type", "3");
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("--out: " + slide + " is an existing file, but the output is a folder"), r.err());
        assertInputsUntouched();
    }

    @Test
    void convertOverItsInputOrALinkToItIsRefusedAndTheInputStays() throws Exception {
        Run r = cli("convert", slide.toString(), slide.toString());
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("OUT.h5ad: the output " + slide + " is the input IN"), r.err());
        Path link = Files.createSymbolicLink(dir.resolve("link.h5ad"), slide);
        r = cli("convert", slide.toString(), link.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("is the input IN"), r.err());
        assertInputsUntouched();
        assertTrue(Files.isSymbolicLink(link));
    }

    @Test
    void anOutputWhereNoFileCanBeMadeIsRefusedBeforeTheWorkWithExit2() throws Exception {
        // /proc: root may write there by the permission bits, yet no file can be made (as on a read-only mount)
        Path proc = Path.of("/proc");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(proc.resolve("self")), "needs Linux /proc");
        for (String[] args : new String[][] {
                {"qc", "--set", "reference=" + reference, "--set", "slide=" + slide, "--set", "output_dir=" + proc.resolve("stdeconv-qc")},
                {"convert", slide.toString(), proc.resolve("stdeconv.h5ad").toString()},
                {"demo-data", "--out", proc.resolve("stdeconv-demo").toString(), "--grid", "2", "--cells-per-type", "3"}}) {
            Run r = cli(args);
            assertEquals(2, r.code(), args[0] + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().contains("cannot write into /proc") && !r.err().contains("I/O error"), r.err());
        }
        assertInputsUntouched();
    }

    @Test
    void anOutputNameNoFileSystemTakesIsRefusedNamingTheKey() throws Exception {
        Run r = cli("qc", "--set", "reference=" + reference, "--set", "slide=" + slide, "--set", "output_dir=" + dir.resolve("q".repeat(300)));
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("output_dir: the name 'qqqq") && r.err().contains("has more than 255 bytes"), r.err());
        assertInputsUntouched();
    }

    @Test
    void convertIntoAnExistingFolderSaysWhyBeforeTheWork() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("d.h5ad"));
        Run r = cli("convert", slide.toString(), folder.toString());
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("OUT.h5ad: " + folder + " is an existing folder, but the output is a file"), r.err());
        try (Stream<Path> s = Files.list(folder)) {
            assertEquals(0, s.count());
        }
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of("d.h5ad", "data"), s.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void qcRerunReplacesTheFolderAndRemovesAKilledRunsStaging() throws Exception {
        Path qc = dir.resolve("qc");
        String[] args = {"qc", "--set", "reference=" + reference, "--set", "slide=" + slide, "--set", "output_dir=" + qc};
        assertEquals(0, cli(args).code());
        byte[] genes = Files.readAllBytes(qc.resolve("genes.tsv"));
        Files.writeString(qc.resolve("left-by-an-older-run.tsv"), "stale");
        Path killed = Files.createDirectories(dir.resolve(".stdeconv-staging-k1~qc"));
        Files.writeString(killed.resolve("reference.h5ad"), "half");
        assertEquals(0, cli(args).code());
        assertFalse(Files.exists(qc.resolve("left-by-an-older-run.tsv")), "a run's folder holds only that run's files");
        assertFalse(Files.exists(killed));
        assertArrayEquals(genes, Files.readAllBytes(qc.resolve("genes.tsv")));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of("data", "qc"), s.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void simulateRemovesTheHiddenPartialFileOfAKilledRun() throws Exception {
        Path out = dir.resolve("sim/pseudo.h5ad");
        Path killed = Files.createDirectories(dir.resolve("sim/.stdeconv-staging-k1~pseudo.h5ad"));
        Files.writeString(killed.resolve("pseudo.h5ad"), "partial");
        Run r = cli("simulate", "--set", "reference=" + reference, "--set", "output=" + out, "--set", "n_spots=20");
        assertEquals(0, r.code(), r.err());
        try (Stream<Path> s = Files.list(out.getParent())) {
            assertEquals(List.of("pseudo.config.yaml", "pseudo.h5ad"), s.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }
}
