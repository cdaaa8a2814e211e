package org.stdeconv.step;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stdeconv.ConfigException;
import org.stdeconv.StdeconvException;
import org.stdeconv.config.Configs;
import org.stdeconv.config.InputPath;
import org.stdeconv.config.OutputPath;
import org.stdeconv.config.StepConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** What the frame checks before any work, and what it leaves when the work fails. */
class StepFrameTest {
    @TempDir
    Path dir;

    /** A step with one input file and one output folder. */
    public static class FolderConfig extends StepConfig {
        @InputPath
        public String input;
        @OutputPath
        public String outputDir;
    }

    /** A step with one input file and one output file. */
    public static class FileConfig extends StepConfig {
        @InputPath
        public String input;
        @OutputPath(OutputPath.Kind.FILE)
        public String output;
    }

    private FolderConfig folder(Path input, Path out) {
        FolderConfig c = new FolderConfig();
        c.input = input.toString();
        c.outputDir = out.toString();
        return c;
    }

    private FileConfig file(Path input, Path out) {
        FileConfig c = new FileConfig();
        c.input = input.toString();
        c.output = out.toString();
        return c;
    }

    /** Runs the frame and asserts the body never ran. */
    private <C extends StepConfig> ConfigException refused(String step, C config) {
        AtomicBoolean ran = new AtomicBoolean();
        ConfigException e = assertThrows(ConfigException.class, () -> StepFrame.run(step, config, (c, s) -> {
            ran.set(true);
            return null;
        }));
        assertFalse(ran.get(), "refused before any work");
        assertEquals(2, e.exitCode());
        return e;
    }

    @Test
    void anOutputThatIsContainsOrLiesInsideAnInputIsRefusedNamingBoth() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Path ref = Files.writeString(data.resolve("reference.h5ad"), "input");
        String m = refused("qc", folder(ref, data)).getMessage();
        assertTrue(m.contains("output_dir") && m.contains("contains the input input (" + ref + ")"), m);
        m = refused("simulate", file(ref, ref)).getMessage();
        assertTrue(m.contains("output: the output " + ref + " is the input input"), m);
        m = refused("infer", folder(data, data.resolve("sub/out"))).getMessage();
        assertTrue(m.contains("lies inside the input"), m);
        // the same file through a link or "..": compared by real path
        Path link = Files.createSymbolicLink(dir.resolve("link"), data);
        assertTrue(refused("simulate", file(ref, link.resolve("x/../reference.h5ad"))).getMessage().contains(" is the input "));
        assertEquals("input", Files.readString(ref));
        try (Stream<Path> s = Files.list(data)) {
            assertEquals(List.of(ref), s.toList(), "nothing was written beside the input");
        }
    }

    @Test
    void aRefusedOutputNamesWhereItWasSetTheFileOrSet() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Path ref = Files.writeString(data.resolve("reference.h5ad"), "input");
        Path yaml = Files.writeString(dir.resolve("qc.yaml"), "input: " + ref + "\noutput_dir: " + data + "\n");
        String m = refused("qc", Configs.load(FolderConfig.class, yaml, List.of())).getMessage();
        assertTrue(m.startsWith(yaml + ": output_dir: the output"), m);
        Files.writeString(yaml, "input: " + ref + "\noutput_dir: " + dir.resolve("elsewhere") + "\n");
        m = refused("qc", Configs.load(FolderConfig.class, yaml, List.of("output_dir=" + data))).getMessage();
        assertTrue(m.startsWith("--set: output_dir: the output"), "the key came from --set, not from " + yaml + ": " + m);
    }

    @Test
    void theConfigFileIsAnInputAndTheEffectiveConfigBesideAFileOutputMayReplaceNothing() throws Exception {
        Path ref = Files.writeString(dir.resolve("reference.h5ad"), "input");
        // a folder output holding the config file would be replaced with it
        Path out = Files.createDirectories(dir.resolve("infer"));
        Path yaml = Files.writeString(out.resolve("infer.yaml"), "input: " + ref + "\noutput_dir: .\n");
        String m = refused("infer", Configs.load(FolderConfig.class, yaml, List.of())).getMessage();
        assertTrue(m.contains("output_dir: the output " + out + " contains the input --config (" + yaml + ")"), m);
        // a config named like the effective config, in the file output's folder, would be rewritten
        Path sim = Files.writeString(dir.resolve("pseudo.config.yaml"), "# mine\ninput: " + ref + "\noutput: pseudo.h5ad\n");
        m = refused("simulate", Configs.load(FileConfig.class, sim, List.of("input=" + ref))).getMessage();
        assertTrue(m.contains("writes its effective config to " + sim + ", which is the input --config"), m);
        assertEquals("# mine\ninput: " + ref + "\noutput: pseudo.h5ad\n", Files.readString(sim));
        assertTrue(Files.exists(yaml) && Files.notExists(dir.resolve("o")));
    }

    @Test
    void anOutputOfTheWrongKindOrInAFileIsRefusedBeforeWork() throws Exception {
        Path in = Files.writeString(dir.resolve("in.txt"), "x");
        Path folder = Files.createDirectories(dir.resolve("pseudo.h5ad"));
        assertTrue(refused("simulate", file(in, folder)).getMessage().contains("is an existing folder, but the output is a file"));
        assertTrue(refused("qc", folder(in, Files.writeString(dir.resolve("qc"), "x"))).getMessage().contains("is an existing file, but the output is a folder"));
        String m = refused("qc", folder(in, in.resolve("sub/out"))).getMessage();
        assertTrue(m.contains(in + " is a file, not a folder"), m);
    }

    @Test
    void fileOutputsSharingAFolderKeepTheirOwnConfigs() throws Exception {
        // a seed sweep into one folder: with one simulate.config.yaml per folder, b.h5ad's run replaced a.h5ad's
        // config, and a.h5ad then sat beside another run's config
        Path in = Files.writeString(dir.resolve("in.txt"), "x");
        StepFrame.run("simulate", file(in, dir.resolve("sims/a.h5ad")), (c, s) -> Files.writeString(s.file(), "a"));
        StepFrame.run("simulate", file(in, dir.resolve("sims/b.h5ad")), (c, s) -> Files.writeString(s.file(), "b"));
        try (var listing = Files.list(dir.resolve("sims"))) {
            assertEquals(List.of("a.config.yaml", "a.h5ad", "b.config.yaml", "b.h5ad"), listing.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertTrue(Files.readString(dir.resolve("sims/a.config.yaml")).contains("a.h5ad"));
        assertTrue(Files.readString(dir.resolve("sims/b.config.yaml")).contains("b.h5ad"));
        assertEquals("a.b.config.yaml", StepFrame.configFileNameBeside(Path.of("x/a.b.h5ad")), "only the last extension goes");
    }

    @Test
    void theEffectiveConfigLandsWithTheOutput() throws Exception {
        Path in = Files.writeString(dir.resolve("in.txt"), "x");
        StepFrame.run("simulate", file(in, dir.resolve("o/pseudo.h5ad")), (c, s) -> Files.writeString(s.file(), "spots"));
        assertEquals("spots", Files.readString(dir.resolve("o/pseudo.h5ad")));
        assertTrue(Files.readString(dir.resolve("o/pseudo.config.yaml")).contains("output: "));
        StepFrame.run("qc", folder(in, dir.resolve("qc")), (c, s) -> Files.writeString(s.path("genes.tsv"), "g"));
        assertTrue(Files.readString(dir.resolve("qc/qc.config.yaml")).contains("output_dir: "));
    }

    @Test
    void aFullDiskNamesTheOutputAndLeavesNoPartialFile() throws Exception {
        Path in = Files.writeString(dir.resolve("in.txt"), "x");
        Path out = dir.resolve("out");
        StdeconvException e = assertThrows(StdeconvException.class, () -> StepFrame.run("qc", folder(in, out), (c, s) -> {
            Files.writeString(s.path("reference.h5ad"), "half");
            throw new IOException("No space left on device");
        }));
        assertEquals(1, e.exitCode());
        assertTrue(e.getMessage().startsWith("cannot write the output: " + out + ": No space left on device; the partial output was removed"), e.getMessage());
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(in), s.toList());
        }
    }

    @Test
    void aFullDiskWhileDrawingAFigureNamesTheFigureAndTheReason() throws Exception {
        // /dev/full fails every write with ENOSPC, as a full disk does: the image writer wraps it in its own words
        Path deviceFull = Path.of("/dev/full");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isWritable(deviceFull), "needs /dev/full");
        Path in = Files.writeString(dir.resolve("in.txt"), "x");
        Path out = dir.resolve("inf");
        StdeconvException e = assertThrows(StdeconvException.class, () -> StepFrame.run("infer", folder(in, out), (c, s) -> {
            Files.writeString(s.path("proportions.tsv"), "spot\n");
            Path png = s.path("maps/proportion_00_B.png");
            try (javax.imageio.stream.ImageOutputStream stream = javax.imageio.ImageIO.createImageOutputStream(deviceFull.toFile())) {
                javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(64, 64, java.awt.image.BufferedImage.TYPE_INT_RGB), "png", stream);
            } catch (IOException failed) {
                // as DrawingFiles says it
                throw new java.io.UncheckedIOException(png + ": cannot write the figure (" + failed.getMessage() + ")", failed);
            }
            return null;
        }));
        assertEquals(1, e.exitCode());
        assertTrue(e.getMessage().startsWith("cannot write the output: " + out.resolve("maps/proportion_00_B.png") + ": cannot write the figure ("), e.getMessage());
        assertTrue(e.getMessage().contains("No space left on device") && e.getMessage().contains("; the partial output was removed"), e.getMessage());
        assertFalse(e.getMessage().contains(".stdeconv-staging-"), e.getMessage());
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(in), s.toList());
        }
    }
}
