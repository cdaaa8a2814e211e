package org.stdeconv.workflow;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.stdeconv.testing.Prerequisites;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Same config, seed and thread count in two separate bin/stdeconv processes -> the same parameter bytes, with every
 * loss of the paper preset on (contrastive, multi-kernel MMD, DANN). In-JVM reruns (TrainRunTest) cannot catch
 * what differs between processes: MKL chose its code path by memory alignment, and two such runs parted after a
 * few hundred steps until the launcher pinned MKL_CBWR; and the garbage collector's timing must not matter (the
 * second process runs with a 2 MB young generation). Nextflow -resume and SLURM reruns rely on this.
 */
@Tag("slow")
class TrainReproducibilityIT {
    private static final Duration LIMIT = Duration.ofMinutes(10);

    @Test
    void twoProcessesTrainingThePaperPresetWriteIdenticalParameters() throws Exception {
        Path root = Prerequisites.projectRoot();
        Prerequisites.require(Files.isRegularFile(root.resolve("target/stdeconv.jar")), "target/stdeconv.jar (mvn package)");
        Path dir = Workspace.fresh("it-train-reproducible");
        String sd = root.resolve("bin/stdeconv").toString();
        SystemCommand.runOk(dir, Map.of(), LIMIT, sd, "demo-data", "--out", "data", "--seed", "3", "--grid", "12");
        Files.writeString(dir.resolve("simulate.yaml"), "reference: data/reference.h5ad\noutput: sims.h5ad\nn_spots: 800\nseed: 3\n");
        SystemCommand.runOk(dir, Map.of(), LIMIT, sd, "simulate", "--config", "simulate.yaml");
        String[] digests = new String[2];
        for (int run = 0; run < 2; run++) {
            String model = "model" + run;
            Files.writeString(dir.resolve("train" + run + ".yaml"), String.join("\n",
                    "training_data: sims.h5ad", "target: data/slide.h5ad", "model_dir: " + model, "preset: paper", "seed: 5",
                    "optimization:", "  rounds: 3", "  epochs: 8", "  domain_epochs: 8", "  batch_size: 64", ""));
            // the second run collects garbage every few steps: a tensor the autograd graph still points at must not
            // live in memory the collector can free (DJL's op(Number) scalars did, and backward read freed memory)
            Map<String, String> env = run == 0 ? Map.of() : Map.of("STDECONV_OPTS", "-Xmn2m");
            SystemCommand.runOk(dir, env, LIMIT, sd, "train", "--config", "train" + run + ".yaml");
            byte[] bytes = Files.readAllBytes(dir.resolve(model).resolve("parameters.bin"));
            digests[run] = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        }
        assertEquals(digests[0], digests[1], "parameters.bin of two identical training processes (the second with frequent garbage collection)");
    }
}
