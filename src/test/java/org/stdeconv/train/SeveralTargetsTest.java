package org.stdeconv.train;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stdeconv.ConfigException;
import org.stdeconv.InputDataException;
import org.stdeconv.config.Configs;
import org.stdeconv.data.ExpressionData;
import org.stdeconv.demo.DemoData;
import org.stdeconv.io.h5ad.H5adWriter;
import org.stdeconv.model.ModelManifest;
import org.stdeconv.model.ModelStore;
import org.stdeconv.spatial.SpotGraph;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** train's target as a list: parsing, errors, gene alignment, batches and neighbours per slide, the record in model.yaml. */
class SeveralTargetsTest {
    private static final DemoData.Params SMALL = new DemoData.Params(60, 400, 20, 10, 10, 3000, 12, 2.0);

    @TempDir
    static Path dir;
    static Path training, first, second;
    static ExpressionData firstData;

    @BeforeAll
    static void data() {
        training = write("training.h5ad", DemoData.generate(7, new DemoData.Params(60, 400, 20, 12, 10, 3000, 12, 2.0)).slide());
        // both target slides lie on the same 10 x 10 grid: only keeping the slides apart keeps their spots apart
        firstData = DemoData.generate(8, SMALL).slide();
        first = write("first.h5ad", firstData);
        second = write("second.h5ad", DemoData.generate(9, SMALL).slide());
    }

    private static Path write(String name, ExpressionData data) {
        Path p = dir.resolve(name);
        H5adWriter.write(data, p);
        return p;
    }

    private static TrainConfig config(String modelDir, String... extra) {
        List<String> o = new ArrayList<>(List.of("training_data=" + training, "model_dir=" + dir.resolve(modelDir),
                "network.encoder_widths=[32, 16]", "network.head_width=16", "network.domain_width=8",
                "optimization.epochs=2", "optimization.min_steps=0", "optimization.batch_size=32"));
        o.addAll(List.of(extra));
        return Configs.load(TrainConfig.class, null, o);
    }

    /** The slide with genes {@code from..to} (exclusive) left out. */
    private static Path withoutGenes(String name, ExpressionData slide, int from, int to) {
        int[] keep = new int[slide.nVars() - (to - from)];
        List<String> names = new ArrayList<>();
        for (int j = 0, k = 0; j < slide.nVars(); j++) {
            if (j >= from && j < to) continue;
            keep[k++] = j;
            names.add(slide.varNames().get(j));
        }
        return write(name, slide.withCounts(slide.counts().remapColumns(keep), names));
    }

    @Test
    void aScalarIsAListOfOneAndIsWrittenBackAsTheScalar() throws Exception {
        TrainConfig one = config("m", "target=" + first);
        assertEquals(List.of(first.toString()), one.targets());
        assertTrue(Configs.toYaml(one).contains("\ntarget: " + first + "\n"), Configs.toYaml(one));

        // a YAML list, relative paths resolved against the config file's folder
        Path yaml = Files.writeString(dir.resolve("train.yaml"), "training_data: training.h5ad\ntarget:\n  - first.h5ad\n  - second.h5ad\nmodel_dir: m\n");
        TrainConfig two = Configs.load(TrainConfig.class, yaml, List.of());
        assertEquals(List.of(first.toString(), second.toString()), two.targets());
        assertTrue(Configs.toYaml(two).contains("target:\n- " + first + "\n- " + second + "\n"), Configs.toYaml(two));
        // inside outputs paths shrink to file names, a list of one to the scalar
        assertTrue(Configs.toPortableYaml(two, List.of()).contains("target:\n- first.h5ad\n- second.h5ad\n"), Configs.toPortableYaml(two, List.of()));
        assertTrue(Configs.toPortableYaml(one, List.of()).contains("\ntarget: first.h5ad\n"), Configs.toPortableYaml(one, List.of()));
        assertEquals(List.of(), config("m").targets());
    }

    @Test
    void aMissingEmptyOrRepeatedEntryIsNamedByItsIndex() throws Exception {
        ConfigException missing = assertThrows(ConfigException.class, () -> config("m", "target=[" + first + ", " + dir.resolve("nope.h5ad") + "]"));
        assertTrue(missing.getMessage().startsWith("--set: target[1]: input not found: " + dir.resolve("nope.h5ad")), missing.getMessage());
        ConfigException empty = assertThrows(ConfigException.class, () -> config("m", "target=[" + first + ", '']"));
        assertTrue(empty.getMessage().startsWith("--set: target[1]: empty path"), empty.getMessage());
        ConfigException twice = assertThrows(ConfigException.class, () -> config("m", "target=[" + first + ", " + second + ", " + dir.resolve("x/../first.h5ad") + "]"));
        assertTrue(twice.getMessage().startsWith("--set: target[2]: names the same file as target[0]"), twice.getMessage());
        Path link = Files.createSymbolicLink(dir.resolve("link.h5ad"), second);
        ConfigException linked = assertThrows(ConfigException.class, () -> config("m", "target=[" + second + ", " + link + "]"));
        assertTrue(linked.getMessage().startsWith("--set: target[1]: names the same file as target[0]"), linked.getMessage());
        // a byte-identical copy under another name passed (its spots counted twice), though model.yaml recorded one SHA-256 for both
        Path copy = Files.copy(first, dir.resolve("copy.h5ad"));
        InputDataException copied = assertThrows(InputDataException.class, () -> TrainRun.run(config("copied", "target=[" + first + ", " + copy + "]")));
        assertTrue(copied.getMessage().startsWith(copy + ": the same content as target[0]"), copied.getMessage());
        assertFalse(Files.exists(dir.resolve("copied")));
        // one slide keeps the plain key, as before lists
        ConfigException single = assertThrows(ConfigException.class, () -> config("m", "target=" + dir.resolve("nope.h5ad")));
        assertTrue(single.getMessage().startsWith("--set: target: input not found"), single.getMessage());
    }

    @Test
    void everyEntryIsAnInputTheOutputMustKeepClearOf() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("slide_folder"));
        TrainConfig cfg = config("slide_folder/model", "target=[" + first + ", " + folder + "]");
        ConfigException e = assertThrows(ConfigException.class, () -> TrainRun.run(cfg));
        assertTrue(e.getMessage().contains("lies inside the input target[1] (" + folder + ")"), e.getMessage());
    }

    @Test
    void aBadSlideIsNamedByItsIndexAndFile() {
        List<String> upper = new ArrayList<>();
        for (String g : firstData.varNames()) upper.add(g.toUpperCase(Locale.ROOT) + "_X");
        Path renamed = write("renamed.h5ad", firstData.withCounts(firstData.counts(), upper));
        InputDataException e = assertThrows(InputDataException.class, () -> TrainingData.load(config("m", "target=[" + first + ", " + renamed + "]")));
        assertTrue(e.getMessage().startsWith("target[1]: " + renamed + ": var index (gene names): only 0 of"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void slidesAreConcatenatedInConfigOrderEachAsItWouldBeAlone() {
        TrainingData both = TrainingData.load(config("m", "target=[" + first + ", " + second + "]"));
        TrainingData alone = TrainingData.load(config("m", "target=" + second));
        List<TargetSlide> slides = both.targetSlides();
        assertEquals(List.of("target[0]", "target[1]"), slides.stream().map(TargetSlide::key).toList());
        assertEquals(List.of(0, 100), slides.stream().map(TargetSlide::offset).toList());
        assertEquals(200, both.target().length);
        for (int i = 0; i < 100; i++) assertArrayEquals(alone.target()[i], both.target()[100 + i], "spot " + i + " of the second slide");
        assertEquals(alone.targetXy()[5][0], both.targetXy()[105][0]);
    }

    @Test
    void theModelKeepsTheGenesEverySlideHasAndRefusesTooFewTogether() {
        // the first slide lacks genes 0-99, the second 100-199: each has 75% of the training genes, together 50%
        Path a = withoutGenes("a.h5ad", firstData, 0, 100);
        Path b = withoutGenes("b.h5ad", DemoData.generate(9, SMALL).slide(), 100, 200);
        TrainingData data = TrainingData.load(config("m", "target=[" + a + ", " + b + "]"));
        assertEquals(firstData.varNames().subList(200, 400), data.genes());
        assertEquals(200, data.target()[0].length);
        assertEquals(200, data.target()[150].length);

        // 0-119 and 120-239 missing: 70% each, 40% together
        Path c = withoutGenes("c.h5ad", firstData, 0, 120);
        Path d = withoutGenes("d.h5ad", firstData, 120, 240);
        InputDataException e = assertThrows(InputDataException.class, () -> TrainingData.load(config("m", "target=[" + c + ", " + d + "]")));
        assertTrue(e.getMessage().startsWith("target: only 160 of the training data's 400 genes (40.0%) are in every target slide, below the 50% training requires"), e.getMessage());
    }

    @Test
    void realSpotBatchesDrawFromBothSlidesInProportionToTheirSpots() {
        TrainingData data = TrainingData.load(config("m", "target=[" + first + ", " + second + "]"));
        BatchOrder order = TargetBatches.of(data, 32, 11);
        // one pass: 200 spots in 6 batches of 32 (8 sit out); each spot at most once
        int[] seen = new int[200];
        for (int b = 0; b < 6; b++) for (int row : order.next()) seen[row]++;
        int fromFirst = 0, fromSecond = 0;
        for (int row = 0; row < 200; row++) {
            assertTrue(seen[row] <= 1, "row " + row + " drawn twice in one pass");
            if (row < 100) fromFirst += seen[row];
            else fromSecond += seen[row];
        }
        assertEquals(192, fromFirst + fromSecond);
        assertTrue(fromFirst >= 92 && fromSecond >= 92, fromFirst + " + " + fromSecond);
    }

    @Test
    void neighboursNeverCrossSlidesEvenWhereTheirCoordinatesCoincide() {
        TrainingData data = TrainingData.load(config("m", "target=[" + first + ", " + second + "]"));
        TargetNeighbours graph = TargetNeighbours.of(data.targetSlides(), data.target());
        int edges = 0;
        for (int row = 0; row < 200; row++) {
            for (int nb : graph.neighbours(row)) assertEquals(row < 100, nb < 100, "spot " + row + " and its neighbour " + nb);
            edges += graph.neighbours(row).length;
            assertEquals(graph.neighbours(row).length, graph.weights(row).length);
        }
        assertTrue(edges > 600, "a 10 x 10 grid per slide has neighbours: " + edges);
        // the same grid per slide, so the second slide's neighbours are the first's, shifted
        for (int row = 0; row < 100; row++) {
            int[] shifted = graph.neighbours(row).clone();
            for (int e = 0; e < shifted.length; e++) shifted[e] += 100;
            assertArrayEquals(shifted, graph.neighbours(100 + row));
        }
        // what the test guards against: one graph over the pooled coordinates joins spots of both slides
        SpotGraph pooled = SpotGraph.unweighted(data.targetXy());
        assertTrue(java.util.Arrays.stream(pooled.neighbours(0)).anyMatch(nb -> nb >= 100));
    }

    @Test
    void modelYamlRecordsEveryTargetAndItsSpots() {
        TrainRun.Result r = TrainRun.run(config("model", "target=[" + first + ", " + second + "]", "domain_adaptation.mode=both", "slide_smoothness.weight=1"));
        ModelManifest m = ModelStore.readManifest(r.modelDir());
        assertEquals(Map.of("target[0]", 100, "target[1]", 100), m.result.get("target_spots"));
        List<String> roles = m.trainingFiles.stream().map(f -> f.role + " " + f.path).toList();
        assertEquals(List.of("training_data " + training, "target[0] " + first, "target[1] " + second), roles);
        assertTrue(Double.isFinite(r.outcome().validationRmse()));
    }
}
