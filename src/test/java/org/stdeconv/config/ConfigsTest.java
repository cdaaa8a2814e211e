package org.stdeconv.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stdeconv.ConfigException;
import org.stdeconv.StdeconvException;
import org.stdeconv.qc.QcConfig;
import org.stdeconv.simulate.SimulateConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class ConfigsTest {
    @TempDir
    Path dir;

    private Path yaml(String text) throws Exception {
        Path f = dir.resolve("c.yaml");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void relativePathsResolveAgainstTheConfigFolderAndDefaultsApply() throws Exception {
        Files.writeString(dir.resolve("ref.h5ad"), "x");
        Files.writeString(dir.resolve("slide.h5ad"), "x");
        QcConfig c = Configs.load(QcConfig.class, yaml("reference: ref.h5ad\nslide: slide.h5ad\noutput_dir: out\n"), List.of());
        assertEquals(dir.resolve("ref.h5ad").toString(), c.reference);
        assertEquals(dir.resolve("out").toString(), c.outputDir);
        assertEquals("cell_type", c.cellTypeColumn);
    }

    @Test
    void unknownKeyIsNamedWithTheValidOnes() throws Exception {
        ConfigException e = assertThrows(ConfigException.class,
                () -> Configs.load(SimulateConfig.class, yaml("reference: r\noutput: o\nn_spot: 5\n"), List.of()));
        assertTrue(e.getMessage().contains("n_spot"), e.getMessage());
        assertTrue(e.getMessage().contains("n_spots"), e.getMessage());
        assertEquals(StdeconvException.USAGE, e.exitCode());
    }

    @Test
    void overridesWinOverTheFileAndKeepTheirTypes() throws Exception {
        Files.writeString(dir.resolve("r.h5ad"), "x");
        SimulateConfig c = Configs.load(SimulateConfig.class, yaml("reference: r.h5ad\noutput: o.h5ad\nn_spots: 5\n"), List.of("n_spots=7", "seed=99"));
        assertEquals(7, c.nSpots);
        assertEquals(99, c.seed);
    }

    @Test
    void configMayBeLeftOutWhenSetGivesEveryRequiredKey() throws Exception {
        Path ref = Files.writeString(dir.resolve("r.h5ad"), "x");
        SimulateConfig c = Configs.load(SimulateConfig.class, null, List.of("reference=" + ref, "output=" + dir.resolve("o.h5ad")));
        assertEquals(ref.toString(), c.reference);
    }

    @Test
    void missingRequiredKeyWrongTypeAndMissingInputAreErrors() throws Exception {
        Files.writeString(dir.resolve("r.h5ad"), "x");
        ConfigException missing = assertThrows(ConfigException.class, () -> Configs.load(SimulateConfig.class, yaml("reference: r.h5ad\n"), List.of()));
        assertTrue(missing.getMessage().contains("output"), missing.getMessage());
        ConfigException type = assertThrows(ConfigException.class, () -> Configs.load(SimulateConfig.class, yaml("reference: r.h5ad\noutput: o\nn_spots: many\n"), List.of()));
        assertTrue(type.getMessage().contains("n_spots") && type.getMessage().contains("integer"), type.getMessage());
        ConfigException input = assertThrows(ConfigException.class, () -> Configs.load(SimulateConfig.class, yaml("reference: nope.h5ad\noutput: o\n"), List.of()));
        assertTrue(input.getMessage().contains("reference") && input.getMessage().contains("nope.h5ad"), input.getMessage());
    }

    @Test
    void templateListsEveryKeyWithItsDefault() {
        String t = Configs.template(SimulateConfig.class);
        for (String k : List.of("reference:", "cell_type_column: cell_type", "output:", "n_spots:", "seed:")) assertTrue(t.contains(k), k + " in\n" + t);
    }

    @Test
    void portableYamlKeepsOnlyFileNamesOfPaths() throws Exception {
        Files.writeString(dir.resolve("r.h5ad"), "x");
        SimulateConfig c = Configs.load(SimulateConfig.class, yaml("reference: r.h5ad\noutput: sub/o.h5ad\n"), List.of());
        String y = Configs.toPortableYaml(c, List.of("output"));
        assertTrue(y.contains("reference: r.h5ad"), y);
        assertFalse(y.contains(dir.toString()), y);
        assertFalse(y.contains("output:"), y);
    }
}
