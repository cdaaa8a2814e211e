package org.stdeconv.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stdeconv.demo.DemoData;
import org.stdeconv.io.h5ad.H5adWriter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * train and infer leave stderr to stdeconv's own log lines: PyTorch's C++ code writes its warnings straight to file
 * descriptor 2 (a "[W...] Warning: AutoNonVariableTypeMode is deprecated" came at the end of every training run,
 * from restoring the best epoch through DJL's NDArray.set), which only a separate process can observe. The child
 * JVM runs the CLI from the test classpath, so that the check covers this build rather than a stale target/stdeconv.jar.
 */
class NativeWarningsTest {
    @TempDir
    Path dir;

    private String runCli(String name, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:-UsePerfData", "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        Path err = dir.resolve(name + ".stderr.txt");
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectOutput(dir.resolve(name + ".stdout.txt").toFile())
                .redirectError(err.toFile()).start();
        assertTrue(p.waitFor(3, TimeUnit.MINUTES), name + " ended");
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), name + " exit status; stderr:\n" + stderr);
        return stderr;
    }

    @Test
    void trainAndInferPrintNoNativeWarnings() throws Exception {
        // the demo slide carries true proportions, so it serves as training data and as the slide to infer
        DemoData.Params small = new DemoData.Params(20, 200, 10, 8, 10, 3000, 12, 2.0);
        H5adWriter.write(DemoData.generate(4, small).slide(), dir.resolve("slide.h5ad"));
        // two epochs, so that one is the best and is restored at the end (the step that printed the warning), and a
        // fixed first layer small enough for 160 training spots (installing it printed the same warning in session 8)
        String train = runCli("train", "train", "--set", "training_data=slide.h5ad", "--set", "model_dir=model",
                "--set", "network.encoder_widths=[16, 8]", "--set", "network.head_width=8", "--set", "network.domain_width=4", "--set", "network.projection=8",
                "--set", "optimization.epochs=2", "--set", "optimization.min_steps=1");
        assertTrue(train.contains("model written to") && train.contains("fixed first layer"), "train logged its result and the fixed first layer:\n" + train);
        String infer = runCli("infer", "infer", "--set", "model_dir=model", "--set", "slide=slide.h5ad",
                "--set", "output_dir=infer", "--set", "maps=false", "--set", "write_h5ad=false");
        assertTrue(Files.isRegularFile(dir.resolve("infer/proportions.tsv")), "infer wrote proportions:\n" + infer);
        for (String[] run : new String[][] {{"train", train}, {"infer", infer}}) {
            for (String line : run[1].lines().toList()) {
                // PyTorch's log lines start with a severity letter and the date: [W1206 01:51:31.058 file.h:74]
                assertTrue(!line.matches("^\\[[WEIF]\\d{4} .*") && !line.contains("AutoNonVariableTypeMode"),
                        run[0] + " printed a native PyTorch message on stderr: " + line);
            }
        }
    }
}
