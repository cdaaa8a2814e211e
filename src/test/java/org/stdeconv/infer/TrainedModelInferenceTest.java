package org.stdeconv.infer;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stdeconv.cli.Main;
import org.stdeconv.data.ExpressionData;
import org.stdeconv.data.ProportionTable;
import org.stdeconv.demo.DemoData;
import org.stdeconv.io.h5ad.H5adReader;
import org.stdeconv.io.h5ad.H5adWriter;
import org.stdeconv.io.text.ProportionTableReader;
import org.stdeconv.model.ModelStore;
import org.stdeconv.model.ProportionModel;
import org.stdeconv.testing.Prerequisites;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** infer with models that stdeconv train really wrote, through the command line as users run it. */
class TrainedModelInferenceTest {
    @TempDir
    Path tmp;

    private static final List<String> SMALL_NETWORK = List.of("--set", "network.encoder_widths=[64, 32]", "--set", "network.head_width=32",
            "--set", "network.domain_width=16", "--set", "optimization.epochs=15", "--set", "seed=5");

    private int train(Path trainingData, Path target, Path modelDir) {
        List<String> args = new java.util.ArrayList<>(List.of("train", "--set", "training_data=" + trainingData, "--set", "model_dir=" + modelDir));
        if (target != null) args.addAll(List.of("--set", "target=" + target));
        args.addAll(SMALL_NETWORK);
        return Main.execute(args.toArray(new String[0]));
    }

    @Test
    void savedModelThroughInferEqualsDirectPredictionOfTheLoadedModel() throws Exception {
        DemoData demo = DemoData.generate(11, new DemoData.Params(30, 300, 10, 12, 8, 2500, 12, 2.0));
        Path slide = tmp.resolve("slide.h5ad");
        H5adWriter.write(demo.slide(), slide);
        Path model = tmp.resolve("model");
        assertEquals(0, train(slide, null, model));
        Path out = tmp.resolve("infer");
        // the network's own answers: the spatial prior (on by default) is off here, SpatialSmoothingInferTest has it
        assertEquals(0, Main.execute("infer", "--set", "model_dir=" + model, "--set", "slide=" + slide, "--set", "output_dir=" + out, "--set", "batch_size=32",
                "--set", "spatial_smoothing=0"));

        ProportionTable written = ProportionTableReader.read(out.resolve(InferOutputs.PROPORTIONS_TSV));
        ExpressionData data = H5adReader.read(slide);
        try (ProportionModel m = ModelStore.load(model)) {
            float[][] x = m.transform().apply(data.alignGenes(m.genes()).counts());
            float[][] direct = m.predict(x, null);
            assertEquals(data.obsNames(), written.spots());
            assertEquals(m.cellTypes(), written.types());
            for (int i = 0; i < direct.length; i++) {
                for (int j = 0; j < direct[i].length; j++) {
                    // proportions.tsv keeps 6 decimals
                    assertEquals(direct[i][j], written.values()[i][j], 5e-7, "spot " + i + ", type " + j);
                }
            }
        }
        intervalsWidenWithTheDifficultyAndOlderModelsKeepTheirs(model, slide, out);
    }

    /**
     * The trained model carries its interval profiles and each spot's difficulty reaches intervals.tsv; the same
     * model with the profiles' entries taken out of model.yaml (as a model trained before them) still loads, writes
     * the same proportions byte for byte and constant-scale intervals (d = 1).
     */
    private void intervalsWidenWithTheDifficultyAndOlderModelsKeepTheirs(Path model, Path slide, Path out) throws Exception {
        assertTrue(Files.isRegularFile(model.resolve(org.stdeconv.model.InputProfiles.FILE)));
        List<String> lines = Files.readAllLines(out.resolve(InferOutputs.INTERVALS_TSV));
        assertTrue(lines.get(0).endsWith("\t" + InferOutputs.DIFFICULTY), lines.get(0));
        double[] d = lines.stream().skip(1).mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf('\t') + 1))).sorted().toArray();
        assertTrue(d[0] > 0 && d[d.length - 1] > 1.5 * d[0], "difficulties vary between spots: " + d[0] + " .. " + d[d.length - 1]);

        Path old = Files.createDirectories(tmp.resolve("model-old"));
        for (Path f : Files.list(model).toList()) if (!f.getFileName().toString().equals(org.stdeconv.model.InputProfiles.FILE)) Files.copy(f, old.resolve(f.getFileName()));
        List<String> yaml = Files.readAllLines(model.resolve(ModelStore.MANIFEST)).stream()
                .filter(l -> !l.matches(" *(profiles_file|profiles_sha256|held_out_median_disagreement|power):.*")).toList();
        Files.write(old.resolve(ModelStore.MANIFEST), yaml);
        Path outOld = tmp.resolve("infer-old");
        assertEquals(0, Main.execute("infer", "--set", "model_dir=" + old, "--set", "slide=" + slide, "--set", "output_dir=" + outOld, "--set", "batch_size=32",
                "--set", "spatial_smoothing=0"));
        assertArrayEquals(Files.readAllBytes(out.resolve(InferOutputs.PROPORTIONS_TSV)), Files.readAllBytes(outOld.resolve(InferOutputs.PROPORTIONS_TSV)));
        List<String> oldLines = Files.readAllLines(outOld.resolve(InferOutputs.INTERVALS_TSV));
        assertTrue(oldLines.stream().skip(1).allMatch(l -> l.endsWith("\t1.00000")), oldLines.get(1));
        assertNotEquals(lines.subList(1, lines.size()), oldLines.subList(1, oldLines.size()), "adaptive and constant intervals differ");
    }

    @Test
    @Tag("slow")
    void lymphVisiumSlideWithAModelTrainedOnItsReference() throws Exception {
        Path reference = Prerequisites.sharedData("lymph/reference.h5ad");
        Path visium = Prerequisites.sharedData("lymph/visium.h5ad");
        Path qc = tmp.resolve("qc");
        assertEquals(0, Main.execute("qc", "--set", "reference=" + reference, "--set", "slide=" + visium, "--set", "output_dir=" + qc));
        Path pseudo = tmp.resolve("pseudo.h5ad");
        assertEquals(0, Main.execute("simulate", "--set", "reference=" + qc.resolve("reference.h5ad"), "--set", "output=" + pseudo,
                "--set", "n_spots=600", "--set", "seed=5", "--set", "target_slide=" + qc.resolve("slide.h5ad")));
        Path model = tmp.resolve("model");
        assertEquals(0, train(pseudo, qc.resolve("slide.h5ad"), model));
        Path out = tmp.resolve("infer");
        // the raw slide, not the QC'd one: infer aligns the slide's genes to the model's by itself
        assertEquals(0, Main.execute("infer", "--set", "model_dir=" + model, "--set", "slide=" + visium, "--set", "output_dir=" + out));

        ProportionTable p = ProportionTableReader.read(out.resolve(InferOutputs.PROPORTIONS_TSV));
        ExpressionData slide = H5adReader.read(visium);
        assertEquals(slide.obsNames(), p.spots());
        List<String> referenceTypes = java.util.Arrays.stream(H5adReader.read(qc.resolve("reference.h5ad")).obs().text("cell_type")).distinct().sorted().toList();
        assertEquals(referenceTypes, p.types().stream().sorted().toList());
        for (double[] row : p.values()) {
            double s = 0;
            for (double v : row) { assertTrue(v >= 0 && Double.isFinite(v)); s += v; }
            assertEquals(1, s, 1e-4);
        }
        assertTrue(Files.size(out.resolve(InferOutputs.ANNOTATED_H5AD)) > 0);
        assertTrue(Files.exists(out.resolve("infer.config.yaml")));
    }
}
