package org.stdeconv.train;

import org.stdeconv.config.Configs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Train configs for tests: a small network (encoder 64 -> 32) and no floor on the steps, so that a run takes seconds. */
final class SmallTraining {
    private SmallTraining() {
    }

    /** The data, the model directory and the small network, then {@code keys} and {@code extra} in order (a later key wins). */
    static TrainConfig config(Path trainingData, Path modelDir, List<String> keys, String... extra) {
        List<String> all = new ArrayList<>(List.of("training_data=" + trainingData, "model_dir=" + modelDir,
                "network.encoder_widths=[64, 32]", "network.head_width=32", "network.domain_width=16", "optimization.min_steps=0"));
        all.addAll(keys);
        all.addAll(List.of(extra));
        return Configs.load(TrainConfig.class, null, all);
    }
}
