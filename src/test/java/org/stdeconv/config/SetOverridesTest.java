package org.stdeconv.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stdeconv.ConfigException;
import org.stdeconv.StdeconvException;
import org.stdeconv.qc.QcConfig;
import org.stdeconv.train.TrainConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** {@code --set key=value}: errors in an override name --set, not the file. */
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

}
