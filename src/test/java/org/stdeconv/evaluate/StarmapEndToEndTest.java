package org.stdeconv.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stdeconv.cli.Main;
import org.stdeconv.testing.Prerequisites;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole method on real cells: simulate pseudo-spots from the STARmap reference, train, infer the 581 STARmap
 * spots with known composition, evaluate. The trained network must beat the built-in NNLS baseline on RMSE.
 */
@Tag("slow")
class StarmapEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void stdeconvBeatsTheNnlsBaselineOnStarmap() throws Exception {
        Path reference = Prerequisites.sharedData("starmap/reference.h5ad");
        Path spots = Prerequisites.sharedData("starmap/spots_truth.h5ad");
        Path simulated = dir.resolve("simulated.h5ad"), model = dir.resolve("model"), inferred = dir.resolve("infer"), evaluated = dir.resolve("evaluate");

        assertEquals(0, Main.execute("simulate", "--set", "reference=" + reference, "--set", "output=" + simulated,
                "--set", "n_spots=4000", "--set", "seed=1"), "simulate");
        assertEquals(0, Main.execute("train", "--set", "training_data=" + simulated, "--set", "target=" + spots,
                "--set", "model_dir=" + model, "--set", "seed=1"), "train");
        assertEquals(0, Main.execute("infer", "--set", "model_dir=" + model, "--set", "slide=" + spots, "--set", "output_dir=" + inferred), "infer");
        assertEquals(0, Main.execute("evaluate", "--set", "predictions=" + inferred.resolve("proportions.tsv"), "--set", "truth=" + spots,
                "--set", "reference=" + reference, "--set", "model_dir=" + model, "--set", "output_dir=" + evaluated), "evaluate");

        JsonNode m = new ObjectMapper().readTree(evaluated.resolve(MetricsFiles.JSON).toFile());
        double stdeconv = m.at("/methods/stdeconv/truth/rmse").asDouble(Double.NaN);
        double baseline = m.at("/methods/" + Evaluator.BASELINE_NAME + "/truth/rmse").asDouble(Double.NaN);
        assertTrue(stdeconv < baseline, "stdeconv RMSE " + stdeconv + " must be below the NNLS baseline's " + baseline);
        assertTrue(Files.exists(evaluated.resolve("plots/training_losses.png")), "loss curves from the model folder");
        assertTrue(Files.size(evaluated.resolve(EvaluationReport.FILE)) > 10_000);
    }
}
