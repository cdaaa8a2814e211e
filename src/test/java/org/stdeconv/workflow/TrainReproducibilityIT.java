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
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        // MKL_CBWR as the build pins it for tests (AVX2): the branch every CPU with AVX2 can run
        Path dir = trainTwice("it-train-reproducible", Map.of(), "");
        assertEquals(digest(dir.resolve("model0")), digest(dir.resolve("model1")), "parameters.bin of two identical training processes (the second with frequent garbage collection)");
    }

    /**
     * The launcher's opt-in AVX-512 branch (STDECONV_MKL_AVX512=1, MKL_CBWR left to bin/stdeconv-env.sh): AVX512
     * (strict) where the CPU has AVX-512 F/CD/BW/DQ/VL, on a non-Intel CPU through the preloaded answer to MKL's
     * vendor check when a C compiler built it; the bytes must be as reproducible as on the AVX2 branch, and the same
     * for one thread as for every core (the second run trains on one thread, the first on all). Without the opt-in
     * the launcher stays on AVX2.
     */
    @Test
    void theOptInAvx512BranchFollowsTheCpuAndIsReproducible() throws Exception {
        Path root = Prerequisites.projectRoot();
        String byDefault = SystemCommand.runOk(root, Map.of("MKL_CBWR", "", "STDECONV_MKL_AVX512", ""), Duration.ofSeconds(30),
                "bash", "-c", "source bin/stdeconv-env.sh && printf 'branch=%s\\n' \"$MKL_CBWR\"");
        assertTrue(byDefault.contains("branch=AVX2") || byDefault.contains("branch=COMPATIBLE"), byDefault);
        Path dir = trainTwice("it-train-reproducible-avx512", Map.of("MKL_CBWR", "", "STDECONV_MKL_AVX512", "1"), "threads: 1");
        assertEquals(digest(dir.resolve("model0")), digest(dir.resolve("model1")), "parameters.bin of two training processes on the launcher's MKL branch");
        String cpu = Files.readString(Path.of("/proc/cpuinfo"));
        String flags = " " + cpu.lines().filter(l -> l.startsWith("flags")).findFirst().orElse("").replaceFirst("^flags\\s*:", "") + " ";
        boolean avx512 = java.util.stream.Stream.of("avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl").allMatch(f -> flags.contains(" " + f + " "));
        boolean intel = cpu.lines().anyMatch(l -> l.startsWith("vendor_id") && l.contains("GenuineIntel"));
        boolean compiler = SystemCommand.run(dir, Map.of(), Duration.ofSeconds(30), "sh", "-c", "command -v cc").exitCode() == 0;
        // YAML quotes a value with a comma ("AVX512,STRICT")
        String model = Files.readString(dir.resolve("model0").resolve("model.yaml")).replace("\"", "");
        String expected = avx512 && (intel || compiler) ? "AVX512,STRICT" : flags.contains(" avx2 ") ? "AVX2" : "COMPATIBLE";
        assertTrue(model.contains("mkl_cbwr: " + expected), "model.yaml should record mkl_cbwr " + expected + ":\n" + model);
        assertEquals(avx512 && !intel && compiler, model.contains("mkl_vendor_check: stdeconv-mkl-avx512"), model);
    }

    /** demo data -> simulate -> train twice (model0, model1) with the paper preset, every loss on; the second run's config adds {@code secondRunKey}. */
    private static Path trainTwice(String name, Map<String, String> env, String secondRunKey) throws Exception {
        Path root = Prerequisites.projectRoot();
        Prerequisites.require(Files.isRegularFile(root.resolve("target/stdeconv.jar")), "target/stdeconv.jar (mvn package)");
        Path dir = Workspace.fresh(name);
        String sd = root.resolve("bin/stdeconv").toString();
        SystemCommand.runOk(dir, env, LIMIT, sd, "demo-data", "--out", "data", "--seed", "3", "--grid", "12");
        Files.writeString(dir.resolve("simulate.yaml"), "reference: data/reference.h5ad\noutput: sims.h5ad\nn_spots: 800\nseed: 3\n");
        SystemCommand.runOk(dir, env, LIMIT, sd, "simulate", "--config", "simulate.yaml");
        for (int run = 0; run < 2; run++) {
            String model = "model" + run;
            Files.writeString(dir.resolve("train" + run + ".yaml"), String.join("\n",
                    "training_data: sims.h5ad", "target: data/slide.h5ad", "model_dir: " + model, "preset: paper", "seed: 5",
                    "optimization:", "  rounds: 3", "  epochs: 8", "  domain_epochs: 8", "  batch_size: 64", run == 1 ? secondRunKey : "", ""));
            // the second run collects garbage every few steps: a tensor the autograd graph still points at must not
            // live in memory the collector can free (DJL's op(Number) scalars did, and backward read freed memory)
            Map<String, String> runEnv = new java.util.HashMap<>(env);
            if (run == 1) runEnv.put("STDECONV_OPTS", "-Xmn2m");
            SystemCommand.runOk(dir, runEnv, LIMIT, sd, "train", "--config", "train" + run + ".yaml");
        }
        return dir;
    }

    private static String digest(Path model) throws Exception {
        byte[] bytes = Files.readAllBytes(model.resolve("parameters.bin"));
        return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
