package org.stdeconv.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stdeconv.config.Configs;
import org.stdeconv.data.ExpressionData;
import org.stdeconv.demo.DemoData;
import org.stdeconv.io.h5ad.H5adWriter;
import org.stdeconv.simulate.SimulateCommand;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The fast preset's contrastive weight follows where the training spots come from; paper and the user's value do not. */
class ContrastiveWeightTest {
    @TempDir
    Path dir;

    @Test
    void theKeyIsTheOneSimulateWrites() {
        assertEquals(SimulateCommand.UNS_CONFIG, SimulatedSpots.UNS_KEY);
    }

    @Test
    void fastWeighsSimulatedSpotsMoreThanLabelledSpots() {
        Path simulated = spots("simulated.h5ad", true), labelled = spots("labelled.h5ad", false);
        assertEquals(0.03, loaded(simulated), "pseudo-spots written by simulate");
        assertEquals(0.01, loaded(labelled), "spots without simulate's record");
        assertEquals(0.01, loaded(simulated, "preset=paper"), "the paper preset keeps the paper's weight");
        assertEquals(0.0, loaded(simulated, "contrastive.weight=0"), "the user's value wins");
        assertEquals(0.05, loaded(labelled, "contrastive.weight=0.05"), "the user's value wins");
    }

    @Test
    void theWeightIsEmptyUntilTheTrainingSpotsAreRead() {
        TrainConfig cfg = Configs.load(TrainConfig.class, null, List.of("training_data=" + spots("s.h5ad", true), "model_dir=" + dir.resolve("m")));
        assertNull(cfg.contrastive.weight, "fast cannot know the weight before reading the file");
    }

    private double loaded(Path training, String... sets) {
        List<String> all = new ArrayList<>(List.of("training_data=" + training, "model_dir=" + dir.resolve("model")));
        all.addAll(List.of(sets));
        TrainConfig cfg = Configs.load(TrainConfig.class, null, all);
        TrainingData.load(cfg);
        return cfg.contrastive.weight;
    }

    private Path spots(String name, boolean fromSimulate) {
        ExpressionData s = DemoData.generate(7).slide();
        Map<String, String> uns = s.uns() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(s.uns());
        if (fromSimulate) uns.put(SimulateCommand.UNS_CONFIG, "n_spots: 400\n");
        Path file = dir.resolve(name);
        H5adWriter.write(new ExpressionData(s.counts(), s.obsNames(), s.varNames(), s.obs(), s.spatial(), uns), file);
        return file;
    }
}
