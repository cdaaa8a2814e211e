package org.stdeconv.train;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stdeconv.ConfigException;
import org.stdeconv.data.ExpressionData;
import org.stdeconv.demo.DemoData;
import org.stdeconv.io.h5ad.H5adWriter;
import org.stdeconv.model.ModelStore;
import org.stdeconv.model.ProportionModel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** optimization.batch_shards on the demo slide (400 spots), with a small network so that each run takes seconds. */
class BatchShardsTest {
    @TempDir
    static Path dir;
    static Path slide;
    static ExpressionData slideData;

    @BeforeAll
    static void data() {
        slideData = DemoData.generate(11).slide();
        slide = dir.resolve("slide.h5ad");
        H5adWriter.write(slideData, slide);
    }

    private static TrainConfig config(String modelDir, String... extra) {
        return SmallTraining.config(slide, dir.resolve(modelDir), List.of("ensemble=1", "seed=5"), extra);
    }

    /**
     * With two threads the shards run at once and the Adam update is cut between the threads; with one, the shards run
     * in turn. Anything the threads shared by accident (a scratch array, a random stream) would make the bytes differ.
     */
    @Test
    void shardedTrainingHasTheSameBytesOnOneThreadAsOnTwo() throws Exception {
        byte[][] params = new byte[2][];
        for (int threads = 1; threads <= 2; threads++) {
            TrainRun.Result r = TrainRun.run(config("threads" + threads, "optimization.batch_shards=2", "optimization.epochs=6", "threads=" + threads));
            params[threads - 1] = Files.readAllBytes(r.modelDir().resolve("parameters.bin"));
        }
        assertArrayEquals(params[0], params[1]);
        TrainRun.Result whole = TrainRun.run(config("whole", "optimization.batch_shards=1", "optimization.epochs=6", "threads=2"));
        assertFalse(Arrays.equals(params[0], Files.readAllBytes(whole.modelDir().resolve("parameters.bin"))), "shards are a different sum of the same gradient");
    }

    /**
     * Without dropout and spot mixing, cutting a batch in two changes only the order of the gradient's sums: the model
     * must predict what the whole-batch model predicts, to rounding. A shard whose gradient were dropped, or a copy
     * left on old weights, would part from it within a few steps.
     */
    @Test
    void theShardsGradientsAddUpToTheWholeBatchs() throws Exception {
        String[] plain = {"network.encoder_dropouts=[0, 0]", "network.head_dropout=0", "network.domain_dropout=0", "optimization.spot_mixing=false",
                "optimization.epochs=10", "optimization.batch_size=64", "optimization.warmup_steps=0"};
        float[][][] predictions = new float[3][][];
        for (int shards = 1; shards <= 3; shards++) {
            List<String> keys = new ArrayList<>(Arrays.asList(plain));
            keys.add("optimization.batch_shards=" + shards);
            TrainRun.Result r = TrainRun.run(config("sum" + shards, keys.toArray(String[]::new)));
            try (ProportionModel model = ModelStore.load(r.modelDir())) {
                ExpressionData aligned = slideData.alignGenes(model.genes());
                predictions[shards - 1] = model.predict(model.transform().apply(aligned.counts()), null);
            }
        }
        for (int shards = 2; shards <= 3; shards++) {
            double largest = 0;
            for (int i = 0; i < predictions[0].length; i++) {
                for (int j = 0; j < predictions[0][i].length; j++) largest = Math.max(largest, Math.abs(predictions[shards - 1][i][j] - predictions[0][i][j]));
            }
            assertTrue(largest < 2e-3, shards + " shards: proportions differ by up to " + largest);
        }
    }

    @Test
    void moreShardsThanSpotsInABatchLeaveTheExtraShardsIdle() {
        TrainRun.Result r = TrainRun.run(config("idle", "optimization.batch_shards=3", "optimization.batch_size=2", "optimization.min_batches_per_epoch=0",
                "optimization.epochs=1"));
        assertTrue(Double.isFinite(r.outcome().validationRmse()) && r.outcome().validationRmse() < 0.5, "validation RMSE " + r.outcome().validationRmse());
        // copies (not only shard 0) idle from the first step: their gradients never existed, and the update once
        // wrote into a freed stand-in (glibc abort, exit 134); with both threads and with one
        for (int threads = 1; threads <= 2; threads++) {
            r = TrainRun.run(config("idle-copies" + threads, "optimization.batch_shards=5", "optimization.batch_size=2", "optimization.min_batches_per_epoch=0",
                    "optimization.epochs=1", "threads=" + threads));
            assertTrue(Double.isFinite(r.outcome().validationRmse()) && r.outcome().validationRmse() < 0.5, "validation RMSE " + r.outcome().validationRmse());
        }
    }

    @Test
    void termsThatCompareTheSpotsOfABatchAreRefused() {
        ConfigException contrastive = assertThrows(ConfigException.class, () -> config("refused", "optimization.batch_shards=2", "contrastive.weight=0.1"));
        assertTrue(contrastive.getMessage().startsWith("--set: optimization.batch_shards: is 2, but the contrastive loss (contrastive.weight) compares the spots"),
                contrastive.getMessage());
        ConfigException zero = assertThrows(ConfigException.class, () -> config("refused", "optimization.batch_shards=0"));
        assertTrue(zero.getMessage().contains("optimization.batch_shards: must be >= 1"), zero.getMessage());
    }
}
