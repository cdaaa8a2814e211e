package org.stdeconv.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;
import org.stdeconv.ConfigException;
import org.stdeconv.StdeconvException;
import org.stdeconv.cli.ConfigTemplateCommand;
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
    void nanInfAndNonUtf8ConfigsNameTheKeyOrTheEncoding() throws Exception {
        Path nan = Files.writeString(dir.resolve("nan.yaml"), "reference: r.h5ad\noutput: x.h5ad\ncells:\n  mean: .nan\n");
        ConfigException e = assertThrows(ConfigException.class, () -> Configs.load(SimulateConfig.class, nan, List.of()));
        assertEquals(nan + ": cells.mean: '.nan' (line 4) is not a finite number; give a finite number", e.getMessage());
        Path latin = Files.write(dir.resolve("latin.yaml"), "reference: r\u00e9f.h5ad\noutput: x.h5ad\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        e = assertThrows(ConfigException.class, () -> Configs.load(SimulateConfig.class, latin, List.of()));
        assertTrue(e.getMessage().startsWith(latin + ": not UTF-8 text") && e.getMessage().endsWith("save the file as UTF-8"), e.getMessage());
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
    void aLeadingTildeIsTheUsersHome() throws Exception {
        // "reference: ~/ref.h5ad" was looked for in a folder named ~ beside the config
        Files.writeString(dir.resolve("r.h5ad"), "x");
        String home = System.getProperty("user.home");
        assertEquals(Path.of(home, "sims", "a.h5ad").toString(), Configs.load(SimulateConfig.class, yaml("reference: r.h5ad\noutput: ~/sims/a.h5ad\n"), List.of()).output);
        assertEquals(dir.resolve("a~/b.h5ad").toString(), Configs.load(SimulateConfig.class, yaml("reference: r.h5ad\noutput: a~/b.h5ad\n"), List.of()).output);
        ConfigException missing = assertThrows(ConfigException.class,
                () -> Configs.load(SimulateConfig.class, yaml("reference: ~/stdeconv-no-such-file-" + System.nanoTime() + ".h5ad\noutput: o.h5ad\n"), List.of()));
        assertTrue(missing.getMessage().contains("input not found: " + home + "/stdeconv-no-such-file-"), missing.getMessage());
    }

    @Test
    void aFileOutputWrittenAsAFolderIsRefused() throws Exception {
        // "output: sims/" was written as a file named sims, without an extension
        Files.writeString(dir.resolve("r.h5ad"), "x");
        ConfigException e = assertThrows(ConfigException.class, () -> Configs.load(SimulateConfig.class, yaml("reference: r.h5ad\noutput: sims/\n"), List.of()));
        assertEquals(dir.resolve("c.yaml") + ": output: 'sims/' ends with '/', a folder, but this output is a file; give the file's path, e.g. sims/pseudo_spots.h5ad",
                e.getMessage());
        e = assertThrows(ConfigException.class, () -> Configs.load(SimulateConfig.class, yaml("reference: r.h5ad\noutput: o.h5ad\n"), List.of("output=sims/")));
        assertTrue(e.getMessage().startsWith("--set: output: 'sims/' ends with '/'"), e.getMessage());
        assertEquals(dir.resolve("sims/a.h5ad").toString(), Configs.load(SimulateConfig.class, yaml("reference: r.h5ad\noutput: sims/a.h5ad\n"), List.of()).output);
    }

    @Test
    void whatYamlBindsButNoKeyTakesIsRefusedNamingTheKey() throws Exception {
        Files.writeString(dir.resolve("r.h5ad"), "");
        Files.writeString(dir.resolve("s.h5ad"), "");
        String qc = "reference: r.h5ad\nslide: s.h5ad\noutput_dir: out\n";
        String[][] cases = {
                {qc + "cells: null\n", "cells: is empty"},
                {qc + "genes:\n", "genes: is empty"},
                {qc + "mito_prefixes: [null]\n", "mito_prefixes[0]: is empty"},
                {qc + "cells:\n  min_counts: 1e309\n", "cells.min_counts: 'Infinity' is not a finite number"},
                {"reference: \"r.h5ad\\0x\"\nslide: s.h5ad\noutput_dir: out\n", "reference: not a usable path"},
                // an alias bound as the word after '*' (here the column "c", not "cell_type")
                {qc + "mito_prefixes: [&c cell_type]\ncell_type_column: *c\n", "cell_type_column: YAML aliases (*c, line 5) are not supported"},
                {qc + "---\noutput_dir: elsewhere\n", "holds several YAML documents (line 5)"},
                // YAML 1.1's octal: batch_size 064 ran as 52
                {qc + "min_cells_per_gene: 064\n", "min_cells_per_gene: '064' (line 4) is read by YAML's number rules as 52"},
                {qc + "min_cells_per_gene: 1_0\n", "min_cells_per_gene: '1_0' (line 4) is read by YAML's number rules as 10"},
                // a complex key was said in SnakeYAML's event class names
                {qc + "? [a, b]\n: 1\n", "line 4: a key must be a plain name, not a list or mapping"}};
        for (String[] c : cases) {
            ConfigException e = assertThrows(ConfigException.class, () -> Configs.load(QcConfig.class, yaml(c[0]), List.of()), c[0]);
            assertTrue(e.getMessage().contains(c[1]), e.getMessage());
        }
        ConfigException folder = assertThrows(ConfigException.class, () -> Configs.load(QcConfig.class, dir, List.of()));
        assertTrue(folder.getMessage().contains("a folder, not a config file"), folder.getMessage());
        ConfigException set = assertThrows(ConfigException.class, () -> Configs.load(QcConfig.class, yaml(qc), List.of("cells.min_counts=1e309")));
        assertTrue(set.getMessage().contains("--set: cells.min_counts: 'Infinity' is not a finite number"), set.getMessage());
        // values that bind and pass a sign check but would never end: a Poisson mean of 1e12 cells, 100,000 threads
        ConfigException cells = assertThrows(ConfigException.class, () -> Configs.load(SimulateConfig.class, yaml("reference: r.h5ad\noutput: o.h5ad\n"),
                List.of("cells.mode=poisson", "cells.mean=1e12")));
        assertTrue(cells.getMessage().contains("cells.mean: 1.0E12 cells per spot is more than the 100000"), cells.getMessage());
        for (String[] bound : new String[][]{{"layout.contrast=1e308", "layout.contrast: must be from 0 to 100"}, {"layout.length_scale=1e-300", "layout.length_scale: must be from 0.001"},
                {"proportions.concentration=1e308", "proportions.concentration: must be at most 1e6"}}) {
            ConfigException e = assertThrows(ConfigException.class, () -> Configs.load(SimulateConfig.class, yaml("reference: r.h5ad\noutput: o.h5ad\n"), List.of(bound[0])));
            assertTrue(e.getMessage().contains(bound[1]), e.getMessage());
        }
        ConfigException threads = assertThrows(ConfigException.class, () -> Configs.load(org.stdeconv.train.TrainConfig.class, yaml("training_data: r.h5ad\nmodel_dir: m\n"),
                List.of("threads=100000")));
        assertTrue(threads.getMessage().contains("threads: 100000 is more than 1024"), threads.getMessage());
    }

    @Test
    void oneKeyOfAQcFilterSectionKeepsTheOthersAtTheirDefaults() throws Exception {
        // setting cells.max_mito_fraction reset min_counts / min_genes to 0 (filters off), in a YAML and with --set alike
        String qc = "reference: r.h5ad\nslide: s.h5ad\noutput_dir: out\n";
        Files.writeString(dir.resolve("r.h5ad"), "x");
        Files.writeString(dir.resolve("s.h5ad"), "x");
        QcConfig set = Configs.load(QcConfig.class, yaml(qc), List.of("cells.max_mito_fraction=0.3", "spots.min_genes=60"));
        assertEquals(List.of(100.0, 10.0, 0.3), List.of(set.cells.minCounts, (double) set.cells.minGenes, set.cells.maxMitoFraction));
        assertEquals(List.of(100.0, 60.0, 0.5), List.of(set.spots.minCounts, (double) set.spots.minGenes, set.spots.maxMitoFraction));
        QcConfig inYaml = Configs.load(QcConfig.class, yaml(qc + "cells:\n  max_mito_fraction: 0.3\n"), List.of());
        assertEquals(List.of(100.0, 10.0, 0.3), List.of(inYaml.cells.minCounts, (double) inYaml.cells.minGenes, inYaml.cells.maxMitoFraction));
        QcConfig defaults = Configs.load(QcConfig.class, yaml(qc), List.of());
        assertEquals(100.0, defaults.spots.minCounts);
        assertEquals(0.2, new QcConfig().cells.maxMitoFraction, "one config's merge does not change another's defaults");
    }

    @Test
    void aKeyGivenTwiceIsRefusedNotSilentlyOverwritten() throws Exception {
        Files.writeString(dir.resolve("r.h5ad"), "x");
        ConfigException e = assertThrows(ConfigException.class,
                () -> Configs.load(SimulateConfig.class, yaml("reference: r.h5ad\noutput: o.h5ad\nn_spots: 5\nn_spots: 500\n"), List.of()));
        assertEquals(StdeconvException.USAGE, e.exitCode());
        assertTrue(e.getMessage().contains("n_spots") && e.getMessage().contains("line 4"), e.getMessage());
    }

    @Test
    void aFractionWhereAnIntegerIsMeantIsRefused() throws Exception {
        Files.writeString(dir.resolve("r.h5ad"), "x");
        ConfigException file = assertThrows(ConfigException.class,
                () -> Configs.load(SimulateConfig.class, yaml("reference: r.h5ad\noutput: o.h5ad\nn_spots: 2.9\n"), List.of()));
        assertTrue(file.getMessage().contains("n_spots") && file.getMessage().contains("integer"), file.getMessage());
        ConfigException set = assertThrows(ConfigException.class,
                () -> Configs.load(SimulateConfig.class, yaml("reference: r.h5ad\noutput: o.h5ad\n"), List.of("n_spots=2.9")));
        assertTrue(set.getMessage().contains("n_spots"), set.getMessage());
        // a number key still takes an integer
        assertEquals(2.0, Configs.load(SimulateConfig.class, yaml("reference: r.h5ad\noutput: o.h5ad\n"), List.of("proportions.concentration=2")).proportions.concentration);
    }

    /** Every template, with its required keys filled in, is a config its step accepts. */
    @ParameterizedTest
    @EnumSource(ConfigTemplateCommand.Step.class)
    void everyTemplateWithItsRequiredKeysFilledLoads(ConfigTemplateCommand.Step step) throws Exception {
        Class<? extends StepConfig> type = switch (step) {
            case qc -> QcConfig.class;
            case simulate -> SimulateConfig.class;
            case train -> org.stdeconv.train.TrainConfig.class;
            case infer -> org.stdeconv.infer.InferConfig.class;
            case evaluate -> org.stdeconv.evaluate.EvaluateConfig.class;
        };
        Path input = Files.createDirectories(dir.resolve("in"));
        StringBuilder filled = new StringBuilder();
        boolean required = false;
        for (String line : ConfigTemplates.template(type).split("\n")) {
            if (required && line.endsWith(": null")) {
                String key = line.substring(0, line.indexOf(':'));
                boolean output = key.equals("output") || key.equals("output_dir") || key.equals("model_dir") && step.name().equals("train");
                line = key + ": " + (output ? dir.resolve("out-" + key) : input);
            }
            required = line.trim().startsWith("#") && line.endsWith("(required)");
            filled.append(line).append('\n');
        }
        assertFalse(filled.toString().contains("---"), filled.toString());
        assertNotNull(Configs.load(type, yaml(filled.toString()), List.of()));
    }

    @Test
    void templateListsEveryKeyWithItsDefault() {
        String t = ConfigTemplates.template(SimulateConfig.class);
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
