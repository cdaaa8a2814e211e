package org.stdeconv.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stdeconv.config.Configs;
import org.stdeconv.demo.DemoData;
import org.stdeconv.io.h5ad.H5adWriter;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** fast trains without the contrastive loss, paper with the paper's weight; the user's value wins over both. */
class ContrastiveWeightTest {
    @TempDir
    Path dir;

    @Test
    void eachPresetHasItsWeightAndTheUsersValueWins() {
        Path spots = dir.resolve("spots.h5ad");
        H5adWriter.write(DemoData.generate(7).slide(), spots);
        assertEquals(0.0, loaded(spots), "fast");
        assertEquals(0.01, loaded(spots, "preset=paper"), "the paper preset keeps the paper's weight");
        assertEquals(0.05, loaded(spots, "contrastive.weight=0.05"), "the user's value wins");
        assertEquals(0.0, loaded(spots, "preset=paper", "contrastive.weight=0"), "the user's value wins");
    }

    private double loaded(Path training, String... sets) {
        List<String> all = new ArrayList<>(List.of("training_data=" + training, "model_dir=" + dir.resolve("model")));
        all.addAll(List.of(sets));
        TrainConfig cfg = Configs.load(TrainConfig.class, null, all);
        TrainingData.load(cfg);
        return cfg.contrastive.weight;
    }
}
