package org.stdeconv.train;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stdeconv.cli.Main;
import org.stdeconv.config.Configs;
import org.stdeconv.data.ExpressionData;
import org.stdeconv.data.GeneAlignment;
import org.stdeconv.data.ObsTable;
import org.stdeconv.data.ProportionTable;
import org.stdeconv.demo.DemoData;
import org.stdeconv.io.h5ad.H5adWriter;
import org.stdeconv.model.ModelStore;
import org.stdeconv.model.ProportionModel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** End-to-end training on the demo slide (400 spots with true proportions and coordinates), kept to seconds. */
class TrainRunTest {
    @TempDir
    static Path dir;
    static Path slide;
    static Path otherSlide;
    static ExpressionData slideData;

    @BeforeAll
    static void data() {
        slideData = DemoData.generate(7).slide();
        slide = dir.resolve("slide.h5ad");
        H5adWriter.write(slideData, slide);
        otherSlide = dir.resolve("target.h5ad");
        H5adWriter.write(DemoData.generate(8).slide(), otherSlide);
    }

    /** A small network and a short schedule so that the test takes seconds. */
    private static TrainConfig config(String modelDir, String... extra) {
        // one network unless a test asks for more
        return SmallTraining.config(slide, dir.resolve(modelDir), List.of("optimization.epochs=40", "optimization.early_stopping_patience=0", "seed=3", "ensemble=1"), extra);
    }

    @Test
    void learnsProportionsWellBeyondTheMeanBaselineAndReloadsIdentically() throws Exception {
        TrainConfig cfg = config("model", "network.encoder_widths=[256, 128]", "network.head_width=64", "optimization.epochs=80");
        TrainRun.Result r = TrainRun.run(cfg);
        FoldSplit split = FoldSplit.of(slideData.nObs(), 5, 0, 42);
        double[][] y = ProportionTable.fromTruthColumns(slideData, slide).values();
        double baseline = meanBaselineRmse(y, split);
        double rmse = r.outcome().validationRmse();
        assertTrue(rmse < 0.5 * baseline, "validation RMSE " + rmse + " vs mean-proportion baseline " + baseline);

        // the loaded model reproduces the in-training validation RMSE from the files alone
        try (ProportionModel model = ModelStore.load(r.modelDir())) {
            assertEquals(ProportionTable.truthTypes(slideData), model.cellTypes());
            ExpressionData held = slideData.selectRows(split.heldOut()).alignGenes(model.genes());
            float[][] x = model.transform().apply(held.counts());
            float[][] p = model.predict(x, null);
            double sum = 0;
            for (int i = 0; i < p.length; i++) {
                double rowSum = 0;
                for (int j = 0; j < p[i].length; j++) {
                    assertTrue(p[i][j] >= 0);
                    rowSum += p[i][j];
                    double e = p[i][j] - y[split.heldOut()[i]][j];
                    sum += e * e;
                }
                assertEquals(1, rowSum, 1e-5);
            }
            assertEquals(rmse, Math.sqrt(sum / (p.length * (double) p[0].length)), 1e-7);
        }
        for (String f : List.of("parameters.bin", "model.yaml", "training_metrics.tsv", "loss_curve.png", "loss_curve.svg", "train.config.yaml")) {
            assertTrue(Files.isRegularFile(r.modelDir().resolve(f)), f);
        }
        List<String> metrics = Files.readAllLines(r.modelDir().resolve("training_metrics.tsv"));
        assertEquals("epoch\tloss_total\tloss_l1\tloss_kl\tloss_contrastive\tloss_mmd\tloss_domain\tloss_smoothness\tloss_self_training\tlearning_rate\tvalidation_rmse", metrics.get(0));
        assertEquals(81, metrics.size());
    }

    static double meanBaselineRmse(double[][] y, FoldSplit split) {
        int k = y[0].length;
        double[] mean = new double[k];
        for (int i : split.train()) for (int j = 0; j < k; j++) mean[j] += y[i][j] / split.train().length;
        double s = 0;
        for (int i : split.heldOut()) for (int j = 0; j < k; j++) s += Math.pow(y[i][j] - mean[j], 2);
        return Math.sqrt(s / (split.heldOut().length * (double) k));
    }

    @Test
    void sameSeedGivesIdenticalParameterBytes() throws Exception {
        String[] shortRun = {"optimization.epochs=6", "target=" + otherSlide, "domain_adaptation.mode=both"};
        TrainRun.run(config("a", shortRun));
        TrainRun.run(config("b", shortRun));
        TrainRun.run(config("c", concat(shortRun, "seed=4")));
        byte[] a = Files.readAllBytes(dir.resolve("a/parameters.bin"));
        assertArrayEquals(a, Files.readAllBytes(dir.resolve("b/parameters.bin")));
        assertEquals(Files.readString(dir.resolve("a/training_metrics.tsv")), Files.readString(dir.resolve("b/training_metrics.tsv")));
        assertFalse(java.util.Arrays.equals(a, Files.readAllBytes(dir.resolve("c/parameters.bin"))), "another seed gives other parameters");
    }

    /**
     * The default network's widths and batch, so that the matrix products are large enough for a second thread to
     * take part (with MKL_CBWR set, as the build sets it): the thread count must not reach the parameters.
     */
    @Test
    void theThreadCountDoesNotChangeTheParameters() throws Exception {
        List<String> run = List.of("training_data=" + slide, "target=" + otherSlide, "optimization.epochs=3", "seed=3");
        List<byte[]> params = new ArrayList<>();
        for (int threads : new int[] {1, 2}) {
            List<String> o = new ArrayList<>(run);
            o.add("model_dir=" + dir.resolve("threads" + threads));
            o.add("threads=" + threads);
            TrainRun.Result r = TrainRun.run(Configs.load(TrainConfig.class, null, o));
            params.add(Files.readAllBytes(r.modelDir().resolve("parameters.bin")));
            assertTrue(Files.readString(r.modelDir().resolve("model.yaml")).contains("threads: " + threads), "model.yaml records the threads used");
        }
        assertArrayEquals(params.get(0), params.get(1));
        assertEquals(Runtime.getRuntime().availableProcessors(), config("unused_threads").effectiveThreads(), "0 (the default) uses every core");
    }

    @Test
    void spotMixingLearnsReproduciblyAndDiffersFromPlainTraining() throws Exception {
        assertTrue(config("unused_mix").optimization.spotMixing, "the fast preset mixes spots");
        String[] shortRun = {"optimization.epochs=6", "optimization.spot_mixing=true"};
        byte[] a = Files.readAllBytes(TrainRun.run(config("mix_a", shortRun)).modelDir().resolve("parameters.bin"));
        assertArrayEquals(a, Files.readAllBytes(TrainRun.run(config("mix_b", shortRun)).modelDir().resolve("parameters.bin")));
        byte[] plain = Files.readAllBytes(TrainRun.run(config("mix_plain", "optimization.epochs=6", "optimization.spot_mixing=false")).modelDir().resolve("parameters.bin"));
        assertFalse(java.util.Arrays.equals(a, plain), "mixing changes what is learnt");

        TrainRun.Result mixed = TrainRun.run(config("mix_long", "optimization.spot_mixing=true", "network.encoder_widths=[256, 128]",
                "network.head_width=64", "optimization.epochs=80"));
        FoldSplit split = FoldSplit.of(slideData.nObs(), 5, 0, 42);
        double baseline = meanBaselineRmse(ProportionTable.fromTruthColumns(slideData, slide).values(), split);
        double rmse = mixed.outcome().validationRmse();
        assertTrue(rmse < 0.5 * baseline, "validation RMSE with spot mixing " + rmse + " vs mean-proportion baseline " + baseline);
        assertTrue(Files.readString(mixed.modelDir().resolve("train.config.yaml")).contains("spot_mixing: true"));
    }

    @Test
    void anEnsembleIsTheMeanOfNetworksTrainedAsSingleRunsWithTheirSeeds() throws Exception {
        // whole batches: fast's single network cuts its batches into shards, an ensemble's networks do not
        String[] shortRun = {"optimization.epochs=8", "optimization.batch_shards=1"};
        TrainRun.Result ensemble = TrainRun.run(config("ens", concat(shortRun, "ensemble=2")));
        TrainRun.Result first = TrainRun.run(config("ens_seed3", shortRun));
        TrainRun.Result second = TrainRun.run(config("ens_seed4", concat(shortRun, "seed=4")));
        assertArrayEquals(Files.readAllBytes(first.modelDir().resolve("parameters.bin")), Files.readAllBytes(ensemble.modelDir().resolve("parameters.bin")));
        assertArrayEquals(Files.readAllBytes(second.modelDir().resolve("parameters.bin")), Files.readAllBytes(ensemble.modelDir().resolve("parameters_member2.bin")));
        assertTrue(Files.isRegularFile(ensemble.modelDir().resolve("training_metrics_member2.tsv")));

        FoldSplit split = FoldSplit.of(slideData.nObs(), 5, 0, 42);
        double[][] y = ProportionTable.fromTruthColumns(slideData, slide).values();
        try (ProportionModel e = ModelStore.load(ensemble.modelDir()); ProportionModel a = ModelStore.load(first.modelDir());
             ProportionModel b = ModelStore.load(second.modelDir())) {
            float[][] x = e.transform().apply(slideData.selectRows(split.heldOut()).alignGenes(e.genes()).counts());
            float[][] pe = e.predict(x, null), pa = a.predict(x, null), pb = b.predict(x, null);
            double sum = 0;
            for (int i = 0; i < pe.length; i++) {
                for (int j = 0; j < pe[i].length; j++) {
                    assertEquals((pa[i][j] + pb[i][j]) / 2, pe[i][j], 1e-6, "mean of the two networks at [" + i + "][" + j + "]");
                    sum += Math.pow(pe[i][j] - y[split.heldOut()[i]][j], 2);
                }
            }
            double rmse = ensemble.outcome().validationRmse();
            assertEquals(Math.sqrt(sum / (pe.length * (double) pe[0].length)), rmse, 1e-6, "reported RMSE is the mean prediction's");
            // the mean's squared error is at most the mean of the members' (Jensen)
            double bound = Math.sqrt((Math.pow(first.outcome().validationRmse(), 2) + Math.pow(second.outcome().validationRmse(), 2)) / 2);
            assertTrue(rmse <= bound + 1e-9, "ensemble " + rmse + " vs members' root mean square " + bound);
            assertFalse(e.checksum().equals(a.checksum()), "the ensemble's checksum covers every network");
        }
    }

    /**
     * With two threads the three networks train at the same time, one thread each; with one, one after the other. If
     * anything in training drew from a generator the two threads share (PyTorch's, for dropout), the bytes would
     * depend on how the threads interleaved.
     */
    @Test
    void anEnsembleTrainedAllAtOnceHasTheBytesOfOneAtATime() throws Exception {
        String[] files = {"parameters.bin", "parameters_member2.bin", "parameters_member3.bin"};
        List<List<byte[]>> runs = new ArrayList<>();
        for (int threads : new int[] {1, 2}) {
            TrainRun.Result r = TrainRun.run(config("ens_threads" + threads, "optimization.epochs=6", "ensemble=3", "threads=" + threads));
            List<byte[]> networks = new ArrayList<>();
            for (String f : files) networks.add(Files.readAllBytes(r.modelDir().resolve(f)));
            runs.add(networks);
        }
        for (int m = 0; m < files.length; m++) assertArrayEquals(runs.get(0).get(m), runs.get(1).get(m), files[m]);
        assertFalse(java.util.Arrays.equals(runs.get(0).get(0), runs.get(0).get(1)), "the networks differ");
    }

    @Test
    void fastTrainsOneNetworkInTwoBatchShardsUnlessATermComparesSpotsOrSeveralNetworksTakeTheThreads() {
        List<String> plain = List.of("training_data=" + slide, "model_dir=" + dir.resolve("fast_default"));
        TrainConfig fast = Configs.load(TrainConfig.class, null, plain);
        assertEquals(1, fast.ensemble);
        assertEquals(256, (int) fast.optimization.batchSize);
        assertEquals(2, (int) fast.optimization.batchShards);
        assertEquals(1, (int) load(plain, "preset=paper").optimization.batchShards);
        assertEquals(1, (int) load(plain, "ensemble=2").optimization.batchShards, "an ensemble's networks take the threads");
        assertEquals(1, (int) load(plain, "contrastive.weight=0.1").optimization.batchShards, "the contrastive loss compares a batch's spots");
        assertEquals(1, (int) load(plain, "target=" + otherSlide, "domain_adaptation.mode=mmd").optimization.batchShards, "so does the MMD");
        assertEquals(2, (int) load(plain, "target=" + otherSlide).optimization.batchShards, "a target alone changes nothing");
    }

    private static TrainConfig load(List<String> keys, String... more) {
        List<String> all = new ArrayList<>(keys);
        all.addAll(List.of(more));
        return Configs.load(TrainConfig.class, null, all);
    }

    @Test
    void anEnsembleSharesOutTheSpotsOnlyWhereEachPartIsATrainingSetOfItsOwn() throws Exception {
        TrainConfig two = config("ensemble_auto", "ensemble=2", "optimization.epochs=4");
        assertEquals(EnsembleSpots.AUTO, two.ensembleSpots);
        assertEquals(EnsembleSpots.SHARED, load(List.of("training_data=" + slide, "model_dir=" + dir.resolve("p"), "preset=paper")).ensembleSpots);

        // the demo slide's few hundred labelled spots: both networks learn from all of them
        TrainRun.Result r = TrainRun.run(two);
        assertTrue(Files.isRegularFile(r.modelDir().resolve("parameters_member2.bin")));
        String yaml = Files.readString(r.modelDir().resolve("model.yaml"));
        assertTrue(yaml.contains("ensemble_spots: auto") && yaml.contains("ensemble_spots: shared"), "model.yaml records what was asked and what auto chose");
    }

    @Test
    void aDisjointEnsembleGivesEachNetworkItsOwnPartOfTheTrainingSpots() throws Exception {
        TrainingData data = TrainingData.load(config("unused_parts"));
        int[] train = data.split().train();
        TrainingData first = data.memberPart(0, 2), second = data.memberPart(1, 2);
        assertArrayEquals(data.split().heldOut(), first.split().heldOut(), "the held-out spots are every network's");
        assertArrayEquals(data.split().heldOut(), second.split().heldOut());
        assertEquals(train.length, first.split().train().length + second.split().train().length);
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int r : first.split().train()) assertTrue(seen.add(r));
        for (int r : second.split().train()) assertTrue(seen.add(r), "spot " + r + " in both parts");
        for (int r : train) assertTrue(seen.contains(r), "spot " + r + " in neither part");

        String[] shortRun = {"optimization.epochs=8", "ensemble=2"};
        TrainRun.Result shared = TrainRun.run(config("ens_shared", shortRun));
        TrainRun.Result disjoint = TrainRun.run(config("ens_disjoint", concat(shortRun, "ensemble_spots=disjoint")));
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(shared.modelDir().resolve("parameters.bin")), Files.readAllBytes(disjoint.modelDir().resolve("parameters.bin"))),
                "the first network learnt from half the spots");
        assertTrue(Files.readString(disjoint.modelDir().resolve("train.config.yaml")).contains("ensemble_spots: disjoint"));
        FoldSplit split = FoldSplit.of(slideData.nObs(), 5, 0, 42);
        double baseline = meanBaselineRmse(ProportionTable.fromTruthColumns(slideData, slide).values(), split);
        assertTrue(disjoint.outcome().validationRmse() < baseline, "validation RMSE " + disjoint.outcome().validationRmse() + " vs mean-proportion baseline " + baseline);

        org.stdeconv.ConfigException refused = org.junit.jupiter.api.Assertions.assertThrows(org.stdeconv.ConfigException.class,
                () -> config("unused_one", "ensemble_spots=disjoint").validate("train.yaml"));
        assertTrue(refused.getMessage().contains("ensemble_spots") && refused.getMessage().contains("ensemble is 1"), refused.getMessage());
        // more networks than the training spots can give two each: refused before any training, naming the key
        int spots = train.length;
        org.stdeconv.ConfigException tooMany = org.junit.jupiter.api.Assertions.assertThrows(org.stdeconv.ConfigException.class,
                () -> TrainRun.run(config("ens_too_many", "ensemble=" + (spots / 2 + 1), "ensemble_spots=disjoint")));
        assertTrue(tooMany.getMessage().contains("ensemble_spots") && tooMany.getMessage().contains("fewer than 2 each"), tooMany.getMessage());
        assertFalse(Files.exists(dir.resolve("ens_too_many")), "no model folder");
    }

    private static String[] concat(String[] a, String... b) {
        List<String> l = new ArrayList<>(List.of(a));
        l.addAll(List.of(b));
        return l.toArray(new String[0]);
    }

    @Test
    void alternatingScheduleWithBothAdaptationsAndTheKlLossRecordsEveryLoss() throws Exception {
        TrainRun.Result r = TrainRun.run(config("alt", "preset=paper", "target=" + otherSlide, "optimization.rounds=2", "slide_smoothness.weight=1",
                "self_training.weight=0.1", "self_training.start=0", "self_training.spots=16", "optimization.epochs=2", "optimization.domain_epochs=2", "optimization.batch_size=64", "optimization.proportion_loss=kl"));
        List<String> rows = Files.readAllLines(r.modelDir().resolve("training_metrics.tsv"));
        assertEquals(3, rows.size());
        for (String v : rows.get(2).split("\t")) assertFalse(v.equals("NA"), "every loss term is active: " + rows.get(2));
        String yaml = Files.readString(r.modelDir().resolve("train.config.yaml"));
        assertTrue(yaml.contains("schedule: alternating") && yaml.contains("learning_rate: 3.0E-4"), "the effective config records the preset's values");
    }

    @Test
    void genesTheTargetLacksAreLeftOutOfTheModel() {
        // the target keeps every gene but the first 100 (the Epithelial and Fibroblast markers among them)
        ExpressionData other = DemoData.generate(8).slide();
        int drop = 100;
        int[] keep = new int[other.nVars() - drop];
        for (int j = 0; j < keep.length; j++) keep[j] = drop + j;
        Path partial = dir.resolve("partial_genes.h5ad");
        H5adWriter.write(other.withCounts(other.counts().remapColumns(keep), other.varNames().subList(drop, other.nVars())), partial);
        TrainingData data = TrainingData.load(config("unused2", "target=" + partial));
        assertEquals(slideData.varNames().subList(drop, slideData.nVars()), data.genes(), "training genes the target has, in training order");
        assertEquals(data.genes().size(), data.x()[0].length);
        assertEquals(data.genes().size(), data.target()[0].length);
        // the input transform's spot total runs over the kept genes only: each spot's CP10k values sum to 10^4
        double cp10k = 0;
        for (float v : data.target()[0]) cp10k += Math.expm1(v);
        assertEquals(1e4, cp10k, 1.0);
    }

    @Test
    void explicitKeysOverrideThePreset() {
        TrainConfig cfg = config("unused", "preset=paper", "optimization.batch_size=16");
        assertEquals(16, cfg.optimization.batchSize);
        assertEquals(60, cfg.optimization.rounds);
        assertEquals(Schedule.ALTERNATING, cfg.optimization.schedule);
        assertFalse(cfg.appendCoordinates);
        assertFalse(cfg.optimization.spotMixing, "the paper trains on its spots as they are");
        assertEquals(0, cfg.optimization.learningRateDecayPatience, "the paper keeps its learning rate");
    }

    @Test
    void learningRateHalvesOnPlateausAndThePlateauAfterTheLastHalvingEndsTraining() throws Exception {
        TrainConfig defaults = Configs.load(TrainConfig.class, null, List.of("training_data=" + slide, "model_dir=" + dir.resolve("unused_plateau")));
        assertEquals(0, defaults.optimization.learningRateDecayPatience, "off unless asked for");
        assertEquals(3, defaults.optimization.learningRateDecays);
        assertEquals(40, defaults.optimization.earlyStoppingPatience);

        // a flat rate (no warmup, no annealing): the learning_rate column reports the rate in effect, so only halvings change it
        TrainRun.Result r = TrainRun.run(config("plateau", "optimization.epochs=400", "optimization.learning_rate=0.003",
                "optimization.warmup_steps=0", "optimization.annealing=none",
                "optimization.learning_rate_decay_patience=2", "optimization.learning_rate_decays=2"));
        List<String> rows = Files.readAllLines(r.modelDir().resolve("training_metrics.tsv"));
        List<String> header = List.of(rows.get(0).split("\t"));
        int rateColumn = header.indexOf("learning_rate");
        int rmseColumn = header.indexOf("validation_rmse");
        List<Double> rates = new ArrayList<>();
        List<Double> rmse = new ArrayList<>();
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.split("\t");
            rates.add(Double.parseDouble(f[rateColumn]));
            rmse.add(Double.parseDouble(f[rmseColumn]));
        }
        assertTrue(r.outcome().stoppedEarly() && rates.size() < 400, "stopped at epoch " + rates.size());
        assertEquals(List.of(0.003, 0.0015, 0.00075), rates.stream().distinct().toList(), "two halvings, in order");
        // each halving and the stop come after 2 epochs without a new best
        double best = Double.POSITIVE_INFINITY;
        int sinceChange = 0;
        for (int e = 0; e < rates.size(); e++) {
            boolean improved = rmse.get(e) < best;
            best = Math.min(best, rmse.get(e));
            sinceChange = improved ? 0 : sinceChange + 1;
            boolean halvedNext = e + 1 < rates.size() && rates.get(e + 1) < rates.get(e);
            if (halvedNext || e == rates.size() - 1) {
                assertEquals(2, sinceChange, "epoch " + (e + 1) + " ends a plateau of 2");
                sinceChange = 0;
            }
        }
        // the model keeps the best epoch's parameters
        assertEquals(best, r.outcome().validationRmse(), 1e-5 * best);
        assertEquals(rmse.indexOf(best) + 1, r.outcome().bestUnit());
    }

    private static int train(String... sets) {
        List<String> args = new ArrayList<>(List.of("train"));
        for (String s : sets) {
            args.add("--set");
            args.add(s);
        }
        return Main.execute(args.toArray(new String[0]));
    }

    @Test
    void badInputExitsWithCode3AndLeavesNoModel() {
        ObsTable noTruth = new ObsTable(slideData.nObs());
        Path plain = dir.resolve("no_truth.h5ad");
        H5adWriter.write(new ExpressionData(slideData.counts(), slideData.obsNames(), slideData.varNames(), noTruth, slideData.spatial(), null), plain);
        assertEquals(3, train("training_data=" + plain, "model_dir=" + dir.resolve("bad1")));
        assertFalse(Files.exists(dir.resolve("bad1/model.yaml")));

        assertEquals(3, train("training_data=" + slide, "model_dir=" + dir.resolve("bad2"), "cell_types=[Epithelial, Tcell]"));

        Path tiny = dir.resolve("tiny.h5ad");
        H5adWriter.write(slideData.selectRows(new int[]{0, 1, 2}), tiny);
        assertEquals(3, train("training_data=" + tiny, "model_dir=" + dir.resolve("bad3")));

        Path renamed = dir.resolve("renamed_genes.h5ad");
        List<String> genes = new ArrayList<>();
        for (String g : slideData.varNames()) genes.add("ENSG_" + g);
        H5adWriter.write(slideData.withCounts(slideData.counts(), genes), renamed);
        assertEquals(0, GeneAlignment.of(genes, slideData.varNames()).found());
        assertEquals(3, train("training_data=" + slide, "target=" + renamed, "model_dir=" + dir.resolve("bad4")));
        assertFalse(Files.exists(dir.resolve("bad4")) && Files.exists(dir.resolve("bad4/parameters.bin")));

        assertEquals(2, train("training_data=" + slide, "model_dir=" + dir.resolve("bad5"), "device=gpu"));
    }
}
