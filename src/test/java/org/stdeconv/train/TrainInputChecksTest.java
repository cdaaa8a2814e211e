package org.stdeconv.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stdeconv.InputDataException;
import org.stdeconv.config.Configs;
import org.stdeconv.data.ExpressionData;
import org.stdeconv.data.ObsTable;
import org.stdeconv.demo.DemoData;
import org.stdeconv.io.h5ad.H5adWriter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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
        TrainConfig cfg = Configs.load(TrainConfig.class, null, List.of("training_data=" + file, "model_dir=" + dir.resolve("model"), "contrastive.weight=0.01"));
        InputDataException e = assertThrows(InputDataException.class, () -> TrainRun.run(cfg));
        assertTrue(e.getMessage().contains("obsm/spatial: spot '" + slide.obsNames().get(17) + "' has no finite coordinates"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("model")));
        // with the loss off (fast's default) the spot's position is never read
        TrainConfig off = Configs.load(TrainConfig.class, null, List.of("training_data=" + file, "model_dir=" + dir.resolve("model")));
        assertDoesNotThrow(() -> TrainingData.load(off));
        assertEquals(0.0, off.contrastive.weight, "fast trains without the contrastive loss");
    }

    @Test
    void fewerGenesThanCellTypesAreRefusedBySimulateAndTrain() {
        // a one-gene reference ended simulate with an internal error (the paper layout's second component)
        DemoData demo = DemoData.generate(7);
        ExpressionData ref = demo.reference();
        Path oneGene = dir.resolve("one_gene.h5ad");
        H5adWriter.write(ref.alignGenes(ref.varNames().subList(0, 1)), oneGene);
        java.io.PrintStream err = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured, true));
        int code;
        try {
            code = org.stdeconv.cli.Main.execute("simulate", "--set", "reference=" + oneGene, "--set", "output=" + dir.resolve("sim.h5ad"),
                    "--set", "n_spots=100", "--set", "layout.mode=paper");
        } finally {
            System.setErr(err);
        }
        assertEquals(3, code, captured.toString());
        assertTrue(captured.toString().contains(oneGene + ": var index (gene names): 1 gene for 6 cell types: fewer genes than types"), captured.toString());
        assertFalse(Files.exists(dir.resolve("sim.h5ad")));
        // training spots of 3 genes for the demo's 6 types
        ExpressionData spots = demo.slide();
        Path threeGenes = dir.resolve("three_genes.h5ad");
        H5adWriter.write(spots.alignGenes(spots.varNames().subList(0, 3)), threeGenes);
        InputDataException e = assertThrows(InputDataException.class, () -> TrainRun.run(Configs.load(TrainConfig.class, null,
                List.of("training_data=" + threeGenes, "model_dir=" + dir.resolve("model")))));
        assertTrue(e.getMessage().startsWith(threeGenes + ": var index (gene names): 3 genes for 6 cell types"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("model")));
    }

    @Test
    void oneCellTypeOrNoCountsAtAllAreRefusedBeforeAnyModelFolder() {
        ExpressionData slide = DemoData.generate(7).slide();
        ObsTable one = new ObsTable(slide.nObs());
        one.putNumeric("true_Bcell", new double[slide.nObs()]);
        java.util.Arrays.fill(one.numeric("true_Bcell"), 1.0);
        Path single = dir.resolve("one_type.h5ad");
        H5adWriter.write(new ExpressionData(slide.counts(), slide.obsNames(), slide.varNames(), one, slide.spatial(), slide.uns()), single);
        InputDataException e = assertThrows(InputDataException.class, () -> TrainRun.run(Configs.load(TrainConfig.class, null,
                List.of("training_data=" + single, "model_dir=" + dir.resolve("model")))));
        assertTrue(e.getMessage().startsWith(single + ": obs: only one cell type (true_Bcell): nothing to deconvolve"), e.getMessage());
        float[][] zeros = new float[slide.nObs()][slide.nVars()];
        Path empty = dir.resolve("zeros.h5ad");
        H5adWriter.write(new ExpressionData(org.stdeconv.data.CsrMatrix.fromDense(zeros, slide.nVars()), slide.obsNames(), slide.varNames(), slide.obs(), slide.spatial(), slide.uns()), empty);
        e = assertThrows(InputDataException.class, () -> TrainRun.run(Configs.load(TrainConfig.class, null, List.of("training_data=" + empty, "model_dir=" + dir.resolve("model")))));
        assertTrue(e.getMessage().startsWith(empty + ": X: every training spot has zero counts"), e.getMessage());
        Path spots = dir.resolve("spots.h5ad");
        H5adWriter.write(slide, spots);
        e = assertThrows(InputDataException.class, () -> TrainRun.run(Configs.load(TrainConfig.class, null,
                List.of("training_data=" + spots, "target=" + empty, "model_dir=" + dir.resolve("model")))));
        assertEquals(empty + ": X: every target spot has zero counts over the model's genes; give the slide with its counts", e.getMessage());
        assertFalse(Files.exists(dir.resolve("model")));
    }

    @Test
    void networksThatCannotFitInTheMachinesMemoryAreRefusedWithExit144() {
        Path file = dir.resolve("spots.h5ad");
        H5adWriter.write(DemoData.generate(7).slide(), file);
        org.stdeconv.StdeconvException e = assertThrows(org.stdeconv.StdeconvException.class, () -> TrainRun.run(Configs.load(TrainConfig.class, null,
                List.of("training_data=" + file, "model_dir=" + dir.resolve("model"), "ensemble=100000"))));
        assertEquals(org.stdeconv.StdeconvException.OUT_OF_MEMORY, e.exitCode());
        assertTrue(e.getMessage().startsWith("ensemble: 100000 network(s) of "), e.getMessage());
        e = assertThrows(org.stdeconv.StdeconvException.class, () -> TrainRun.run(Configs.load(TrainConfig.class, null,
                List.of("training_data=" + file, "model_dir=" + dir.resolve("model"), "network.projection=0", "network.encoder_widths=[2000000000, 32]"))));
        assertTrue(e.getMessage().startsWith("network.encoder_widths: 1 network(s) of "), e.getMessage());
        // each shard of a batch trains a copy of the network
        e = assertThrows(org.stdeconv.StdeconvException.class, () -> TrainRun.run(Configs.load(TrainConfig.class, null,
                List.of("training_data=" + file, "model_dir=" + dir.resolve("model"), "optimization.batch_shards=1000000"))));
        assertEquals(org.stdeconv.StdeconvException.OUT_OF_MEMORY, e.exitCode());
        assertTrue(e.getMessage().startsWith("optimization.batch_shards: ") && e.getMessage().endsWith("lower optimization.batch_shards"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("model")));
    }

    @Test
    void aTruthColumnStoredAsTextIsNamedNotBlamedOnTheSums() {
        ExpressionData slide = DemoData.generate(7).slide();
        ObsTable obs = new ObsTable(slide.nObs());
        slide.obs().textColumns().forEach(obs::putText);
        slide.obs().numericColumns().forEach((k, v) -> {
            if (!k.equals("true_Bcell")) obs.putNumeric(k, v);
        });
        obs.putText("true_Bcell", java.util.Arrays.stream(slide.obs().numeric("true_Bcell")).mapToObj(String::valueOf).toArray(String[]::new));
        Path file = dir.resolve("strtrue.h5ad");
        H5adWriter.write(new ExpressionData(slide.counts(), slide.obsNames(), slide.varNames(), obs, slide.spatial(), slide.uns()), file);
        TrainConfig cfg = Configs.load(TrainConfig.class, null, List.of("training_data=" + file, "model_dir=" + dir.resolve("model")));
        InputDataException e = assertThrows(InputDataException.class, () -> TrainRun.run(cfg));
        assertTrue(e.getMessage().startsWith(file + ": obs/true_Bcell: not numeric"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("model")));
    }

    @Test
    void aTargetWithLessThanHalfTheTrainingGenesIsRefusedWithExamplesFromBothSides() {
        ExpressionData spots = DemoData.generate(7).slide();
        Path training = dir.resolve("spots.h5ad");
        H5adWriter.write(spots, training);
        // the target names 60% of the genes in upper case: only 40% of the training genes are found there
        List<String> genes = new ArrayList<>(spots.varNames());
        int renamed = (int) Math.round(0.6 * genes.size());
        for (int j = 0; j < renamed; j++) genes.set(j, genes.get(j).toUpperCase(Locale.ROOT) + "_X");
        Path target = dir.resolve("target.h5ad");
        H5adWriter.write(new ExpressionData(spots.counts(), spots.obsNames(), genes, spots.obs(), spots.spatial(), spots.uns()), target);
        TrainConfig cfg = Configs.load(TrainConfig.class, null, List.of("training_data=" + training, "target=" + target, "model_dir=" + dir.resolve("model")));
        InputDataException e = assertThrows(InputDataException.class, () -> TrainRun.run(cfg));
        String found = (genes.size() - renamed) + " of the training data's " + genes.size() + " genes (40.0%) are in the target, below the 50% training requires";
        assertTrue(e.getMessage().startsWith(target + ": var index (gene names): only " + found), e.getMessage());
        assertTrue(e.getMessage().contains("missing e.g. " + spots.varNames().get(0) + ", ") && e.getMessage().contains("target genes e.g. " + genes.get(0)), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        assertFalse(Files.exists(dir.resolve("model")));
    }
}
