package org.stdeconv.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stdeconv.InputDataException;
import org.stdeconv.config.Configs;
import org.stdeconv.data.ExpressionData;
import org.stdeconv.demo.DemoData;
import org.stdeconv.io.h5ad.H5adWriter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Training inputs that would train on garbage are refused before the first epoch. */
class TrainInputChecksTest {
    @TempDir
    Path dir;

    @Test
    void nanCoordinatesWithTheContrastiveLossOnAreRefusedAsTheReaderWarned() {
        ExpressionData slide = DemoData.generate(7).slide();
        slide.spatial()[17][1] = Double.NaN;
        Path file = dir.resolve("spots.h5ad");
        H5adWriter.write(slide, file);
        TrainConfig cfg = Configs.load(TrainConfig.class, null, List.of("training_data=" + file, "model_dir=" + dir.resolve("model")));
        assertTrue(cfg.contrastive.weight > 0);
        InputDataException e = assertThrows(InputDataException.class, () -> TrainRun.run(cfg));
        assertTrue(e.getMessage().contains("obsm/spatial: spot '" + slide.obsNames().get(17) + "' has no finite coordinates"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("model")));
        // with the loss off the spot's position is never read
        TrainConfig off = Configs.load(TrainConfig.class, null, List.of("training_data=" + file, "model_dir=" + dir.resolve("model"), "contrastive.weight=0"));
        assertDoesNotThrow(() -> TrainingData.load(off));
    }
}
