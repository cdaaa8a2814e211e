package org.stdeconv.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stdeconv.ConfigException;
import org.stdeconv.StdeconvException;
import org.stdeconv.qc.QcConfig;
import org.stdeconv.simulate.SimulateConfig;
import org.stdeconv.train.TrainConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** {@code --set key=value}: text keys take the value as written, and errors in an override name --set, not the file. */
class SetOverridesTest {
    @TempDir
    Path dir;

    private Path qcYaml() throws Exception {
        Files.writeString(dir.resolve("ref.h5ad"), "x");
        Files.writeString(dir.resolve("slide.h5ad"), "x");
        return Files.writeString(dir.resolve("qc.yaml"), "reference: ref.h5ad\nslide: slide.h5ad\noutput_dir: out\n");
    }

    private QcConfig qc(String... sets) throws Exception {
        return Configs.load(QcConfig.class, qcYaml(), List.of(sets));
    }

    private ConfigException qcError(String... sets) throws Exception {
        Path yaml = qcYaml();
        ConfigException e = assertThrows(ConfigException.class, () -> Configs.load(QcConfig.class, yaml, List.of(sets)));
        assertEquals(StdeconvException.USAGE, e.exitCode());
        return e;
    }

    // ---- F15: text and path keys take the value verbatim

    @Test
    void aPathKeyKeepsAHashAfterABlank() throws Exception {
        assertEquals(dir.resolve("x #1/inf").toString(), qc("output_dir=" + dir.resolve("x #1/inf")).outputDir);
        Path input = Files.writeString(dir.resolve("ref #2.h5ad"), "x");
        assertEquals(input.toString(), qc("reference=" + input).reference);
    }

    @Test
    void aTextKeyKeepsWordsThatYamlWouldRetype() throws Exception {
        assertEquals("yes", qc("cell_type_column=yes").cellTypeColumn);
        assertEquals("1e3", qc("cell_type_column=1e3").cellTypeColumn);
        assertEquals("0123", qc("cell_type_column=0123").cellTypeColumn);
        assertEquals("a: b", qc("cell_type_column=a: b").cellTypeColumn);
        assertEquals("[x]", qc("cell_type_column=[x]").cellTypeColumn);
    }

    @Test
    void aTextKeyTakesQuotesAwayAndNullUnsetsIt() throws Exception {
        assertEquals("yes", qc("cell_type_column=\"yes\"").cellTypeColumn);
        assertEquals("a #1", qc("cell_type_column='a #1'").cellTypeColumn);
        Files.writeString(dir.resolve("r.h5ad"), "x");
        Files.writeString(dir.resolve("t.h5ad"), "x");
        Path yaml = Files.writeString(dir.resolve("sim.yaml"), "reference: r.h5ad\noutput: o.h5ad\ntarget_slide: t.h5ad\n");
        assertEquals(dir.resolve("t.h5ad").toString(), Configs.load(SimulateConfig.class, yaml, List.of()).targetSlide);
        assertNull(Configs.load(SimulateConfig.class, yaml, List.of("target_slide=null")).targetSlide);
    }

    @Test
    void aListOfPathsTakesOnePathVerbatimAndAYamlListAsAList() throws Exception {
        Path training = Files.writeString(dir.resolve("train.h5ad"), "x");
        Path a = Files.writeString(dir.resolve("a #1.h5ad"), "x");
        Path b = Files.writeString(dir.resolve("b.h5ad"), "x");
        List<String> base = List.of("training_data=" + training, "model_dir=" + dir.resolve("m"));
        List<String> one = new ArrayList<>(base);
        one.add("target=" + a);
        assertEquals(List.of(a.toString()), Configs.load(TrainConfig.class, null, one).targets());
        List<String> two = new ArrayList<>(base);
        two.add("target=[\"" + a + "\", " + b + "]");
        assertEquals(List.of(a.toString(), b.toString()), Configs.load(TrainConfig.class, null, two).targets());
        assertEquals(List.of("mt-", "x #1"), qc("mito_prefixes=[mt-, \"x #1\"]").mitoPrefixes);
    }

    @Test
    void otherKeysStillReadYaml() throws Exception {
        Path training = Files.writeString(dir.resolve("train.h5ad"), "x");
        TrainConfig t = Configs.load(TrainConfig.class, null, List.of("training_data=" + training, "model_dir=" + dir.resolve("m"),
                "network.encoder_widths=[64, 32]", "append_coordinates=true", "seed=7", "preset=paper", "optimization.learning_rate=1e-3"));
        assertEquals(List.of(64, 32), t.network.encoderWidths);
        assertTrue(t.appendCoordinates);
        assertEquals(7, t.seed);
        assertEquals("paper", t.preset.toString());
        assertEquals(0.001, t.optimization.learningRate);
        assertEquals(3, qc("min_shared_genes=3").minSharedGenes);
    }

    @Test
    void aCommentInANonTextValueIsRefusedNotDropped() throws Exception {
        ConfigException n = qcError("min_shared_genes=5 #five");
        assertTrue(n.getMessage().startsWith("--set: min_shared_genes: '5 #five' has a '#'"), n.getMessage());
        assertTrue(n.getMessage().contains("comment"), n.getMessage());
        ConfigException list = qcError("mito_prefixes=[mt-, x #1]");
        assertTrue(list.getMessage().startsWith("--set: mito_prefixes: ") && list.getMessage().contains("quote an item"), list.getMessage());
        assertFalse(SetOverride.startsComment("[\"a #1\", 'b #2', c#3]"));
        assertTrue(SetOverride.startsComment("#1"));
        assertTrue(SetOverride.startsComment("[a, \"b\" #c]"));
    }

    // ---- F16: an error in an override names --set, also when --config is given

    @Test
    void anUnknownKeyFromSetNamesSet() throws Exception {
        ConfigException e = qcError("nosuchkey=3");
        assertTrue(e.getMessage().startsWith("--set: nosuchkey: unknown key; valid keys here: "), e.getMessage());
        ConfigException nested = qcError("genes.nosuch=3");
        assertTrue(nested.getMessage().startsWith("--set: genes.nosuch: unknown key"), nested.getMessage());
        ConfigException below = qcError("nosuch.deeper=3");
        assertTrue(below.getMessage().startsWith("--set: nosuch: unknown key"), below.getMessage());
    }

    @Test
    void aWrongTypeRangeOrMissingInputFromSetNamesSet() throws Exception {
        ConfigException type = qcError("min_shared_genes=abc");
        assertTrue(type.getMessage().startsWith("--set: min_shared_genes: "), type.getMessage());
        ConfigException range = qcError("min_shared_genes=0");
        assertTrue(range.getMessage().startsWith("--set: min_shared_genes: must be >= 1"), range.getMessage());
        ConfigException nested = qcError("genes.q_threshold=2");
        assertTrue(nested.getMessage().startsWith("--set: genes.q_threshold: must be in (0, 1]"), nested.getMessage());
        ConfigException input = qcError("reference=nope.h5ad");
        assertTrue(input.getMessage().startsWith("--set: reference: input not found: " + dir.resolve("nope.h5ad")), input.getMessage());
        ConfigException blank = qcError("output_dir=");
        assertTrue(blank.getMessage().startsWith("--set: output_dir: required key is missing"), blank.getMessage());
    }

    @Test
    void anErrorInTheFileStillNamesTheFileWhenOtherKeysAreSet() throws Exception {
        qcYaml();
        Path yaml = Files.writeString(dir.resolve("qc.yaml"), "reference: ref.h5ad\nslide: slide.h5ad\noutput_dir: out\nmin_shared_genes: 0\nnosuch: 1\n");
        ConfigException unknown = assertThrows(ConfigException.class, () -> Configs.load(QcConfig.class, yaml, List.of("min_shared_genes=4")));
        assertTrue(unknown.getMessage().startsWith(yaml + ": nosuch: unknown key"), unknown.getMessage());
        Files.writeString(yaml, "reference: ref.h5ad\nslide: slide.h5ad\noutput_dir: out\nmin_shared_genes: 0\n");
        ConfigException range = assertThrows(ConfigException.class, () -> Configs.load(QcConfig.class, yaml, List.of("min_cells_per_gene=4")));
        assertTrue(range.getMessage().startsWith(yaml + ": min_shared_genes: must be >= 1"), range.getMessage());
        // the override wins, so the file's bad value is not used
        assertEquals(4, Configs.load(QcConfig.class, yaml, List.of("min_shared_genes=4")).minSharedGenes);
    }

    @Test
    void anElementOfAListFromSetNamesSet() throws Exception {
        Path training = Files.writeString(dir.resolve("train.h5ad"), "x");
        Path a = Files.writeString(dir.resolve("a.h5ad"), "x");
        Path yaml = Files.writeString(dir.resolve("train.yaml"), "training_data: train.h5ad\nmodel_dir: m\n");
        ConfigException e = assertThrows(ConfigException.class,
                () -> Configs.load(TrainConfig.class, yaml, List.of("target=[" + a + ", nope.h5ad]")));
        assertTrue(e.getMessage().startsWith("--set: target[1]: input not found"), e.getMessage());
        assertNotNull(training);
    }

    @Test
    void theLoadedConfigTellsWhereEachKeyCameFrom() throws Exception {
        QcConfig c = qc("output_dir=" + dir.resolve("o2"), "genes.q_threshold=0.05");
        assertEquals("--set", c.sourceOf("output_dir"));
        assertEquals("--set", c.sourceOf("genes.q_threshold"));
        assertEquals(dir.resolve("qc.yaml").toString(), c.sourceOf("reference"));
        assertEquals(dir.resolve("qc.yaml").toString(), c.sourceOf("genes.max_markers_per_type"));
        assertEquals(dir.resolve("qc.yaml").toString(), c.source());
    }

    // ---- F23: an integer out of its type's range names the key and the range

    @Test
    void anIntegerOutOfRangeNamesTheKeyAndTheRange() throws Exception {
        Path training = Files.writeString(dir.resolve("train.h5ad"), "x");
        Path yaml = Files.writeString(dir.resolve("train.yaml"), "training_data: train.h5ad\nmodel_dir: m\n");
        ConfigException set = assertThrows(ConfigException.class, () -> Configs.load(TrainConfig.class, yaml, List.of("seed=99999999999999999999")));
        assertTrue(set.getMessage().startsWith("--set: seed: 99999999999999999999 is out of range; give an integer from "
                + Long.MIN_VALUE + " to " + Long.MAX_VALUE), set.getMessage());
        Files.writeString(yaml, "training_data: train.h5ad\nmodel_dir: m\nensemble: 3000000000\n");
        ConfigException file = assertThrows(ConfigException.class, () -> Configs.load(TrainConfig.class, yaml, List.of()));
        assertTrue(file.getMessage().startsWith(yaml + ": ensemble: 3000000000 is out of range; give an integer from "
                + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE), file.getMessage());
        ConfigException element = assertThrows(ConfigException.class,
                () -> Configs.load(TrainConfig.class, null, List.of("training_data=" + training, "model_dir=m", "network.encoder_widths=[64, 99999999999]")));
        assertTrue(element.getMessage().startsWith("--set: network.encoder_widths[1]: 99999999999 is out of range"), element.getMessage());
    }
}
