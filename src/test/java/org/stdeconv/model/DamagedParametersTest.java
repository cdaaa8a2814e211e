package org.stdeconv.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stdeconv.InputDataException;
import org.stdeconv.config.Configs;
import org.stdeconv.demo.DemoData;
import org.stdeconv.io.h5ad.H5adWriter;
import org.stdeconv.train.TrainConfig;
import org.stdeconv.train.TrainRun;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** A parameters.bin damaged behind its checksum's back is refused when the model is loaded, naming the file. */
class DamagedParametersTest {
    @TempDir
    Path dir;

    /** A model of the demo slide with a tiny network, trained for one epoch. */
    private Path smallModel() {
        Path slide = dir.resolve("slide.h5ad");
        H5adWriter.write(DemoData.generate(7).slide(), slide);
        return TrainRun.run(Configs.load(TrainConfig.class, null, List.of("training_data=" + slide, "model_dir=" + dir.resolve("model"),
                "network.encoder_widths=[16, 8]", "network.head_width=8", "network.domain_width=8", "optimization.epochs=1",
                "optimization.early_stopping_patience=0", "optimization.min_steps=0", "seed=3"))).modelDir();
    }

    @Test
    void nonFiniteWeightsWithAMatchingChecksumAreABadModelFile() throws Exception {
        Path model = smallModel();
        Path params = model.resolve(ModelStore.PARAMETERS);
        String oldSum = FileChecksums.sha256(params);
        // as the probe damaged it: 4000 bytes of 0xFF (NaN as float32) inside the weights, checksum updated to match
        byte[] b = Files.readAllBytes(params);
        Arrays.fill(b, 1000, 5000, (byte) 0xFF);
        Files.write(params, b);
        Path manifest = model.resolve(ModelStore.MANIFEST);
        Files.writeString(manifest, Files.readString(manifest).replace(oldSum, FileChecksums.sha256(params)));

        InputDataException e = assertThrows(InputDataException.class, () -> ModelStore.load(model).close());
        assertTrue(e.getMessage().startsWith(params + ": weight "), e.getMessage());
        assertTrue(e.getMessage().contains("is NaN") && e.getMessage().contains("retrain"), e.getMessage());
    }

    @Test
    void aModelYamlThatContradictsItselfIsRefusedNamingTheField() throws Exception {
        Path model = smallModel();
        Path manifest = model.resolve(ModelStore.MANIFEST);
        String good = Files.readString(manifest);
        String first = ModelStore.readManifest(model).cellTypes.get(0), gene = ModelStore.readManifest(model).genes.get(0);
        // one cell type more than the network has outputs
        Files.writeString(manifest, good.replace("cell_types:\n- " + first + "\n", "cell_types:\n- " + first + "\n- Extra\n"));
        InputDataException e = assertThrows(InputDataException.class, () -> ModelStore.readManifest(model));
        assertTrue(e.getMessage().startsWith(manifest + ": cell_types: 7 cell types for a network of 6 outputs"), e.getMessage());
        // a gene listed twice (the list keeps its length)
        Files.writeString(manifest, good.replaceFirst("genes:\n- " + java.util.regex.Pattern.quote(gene) + "\n- [^\n]+\n", "genes:\n- " + gene + "\n- " + gene + "\n"));
        e = assertThrows(InputDataException.class, () -> ModelStore.readManifest(model));
        assertTrue(e.getMessage().contains("genes: '" + gene + "' is listed twice"), e.getMessage());
        // a value of the wrong kind: the field is named, not Java's class names
        Files.writeString(manifest, good.replaceFirst("kind: \\S+", "kind: sqrt"));
        e = assertThrows(InputDataException.class, () -> ModelStore.readManifest(model));
        assertTrue(e.getMessage().startsWith(manifest + ": input_transform.kind: "), e.getMessage());
        assertFalse(e.getMessage().contains("org.stdeconv"), e.getMessage());
        // a negative interval scale would give intervals of no width
        java.util.regex.Matcher scale = java.util.regex.Pattern.compile("(    scale:\n      ([^:\n]+): )[0-9.eE-]+").matcher(good);
        assertTrue(scale.find(), "model.yaml has interval scales");
        String type = scale.group(2);
        Files.writeString(manifest, scale.replaceFirst("$1-5"));
        e = assertThrows(InputDataException.class, () -> ModelStore.loadTrained(model).close());
        assertTrue(e.getMessage().startsWith(manifest + ": result.interval_calibration.scale." + type + ": must be a number >= 0, got -5"), e.getMessage());
        // an empty file (a copy stopped short) in plain words, not the YAML library's "No content to map"
        Files.writeString(manifest, "");
        e = assertThrows(InputDataException.class, () -> ModelStore.readManifest(model));
        assertEquals(manifest + ": the file is empty; the model folder is damaged (a copy stopped short?); copy it again or retrain", e.getMessage());
    }
}
