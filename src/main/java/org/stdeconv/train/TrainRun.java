package org.stdeconv.train;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.core.type.TypeReference;
import org.stdeconv.ConfigException;
import org.stdeconv.InputDataException;
import org.stdeconv.Versions;
import org.stdeconv.config.Configs;
import org.stdeconv.model.IntervalCalibration;
import org.stdeconv.model.DeconvNetwork;
import org.stdeconv.model.EngineSetup;
import org.stdeconv.model.FileChecksums;
import org.stdeconv.model.ModelManifest;
import org.stdeconv.model.ModelStore;
import org.stdeconv.model.NetworkSpec;
import org.stdeconv.log.Log;
import org.stdeconv.step.OutputStage;
import org.stdeconv.step.StepFrame;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One training run from a loaded config to a committed model folder: parameters.bin, model.yaml,
 * training_metrics.tsv, loss_curve.png and train.config.yaml. Everything is staged and moved into place only after
 * training succeeded, so a failed run (bad input, non-finite loss) leaves no model behind.
 */
public final class TrainRun {
    public static final String EFFECTIVE_CONFIG = "train.config.yaml";

    private TrainRun() {
    }

    /** The trained model's folder and its validation figures. */
    public record Result(Path modelDir, DeconvTrainer.Outcome outcome, double seconds) {
    }

    /** Trains in the step frame, which checks the outputs first and commits model_dir only when training succeeded. */
    public static Result run(TrainConfig cfg) {
        return StepFrame.run("train", cfg, TrainRun::train);
    }

    static Result train(TrainConfig cfg, OutputStage stage) {
        long t0 = System.nanoTime();
        EngineSetup.startSeeded(cfg.effectiveThreads(), cfg.seed);
        TrainingData data = TrainingData.load(cfg);
        int trainingSpots = data.split().train().length;
        if (cfg.ensembleSpots == EnsembleSpots.DISJOINT && trainingSpots < 2 * cfg.ensemble) {
            throw new ConfigException(cfg.sourceOf("ensemble_spots"), "ensemble_spots", "disjoint gives each of the " + cfg.ensemble + " networks its own part of the "
                    + trainingSpots + " training spots, fewer than 2 each", "simulate more pseudo-spots, lower ensemble, or set ensemble_spots: shared");
        }
        EnsembleSpots split = cfg.ensembleSpots.resolve(cfg.ensemble, trainingSpots, cfg.network.projection);
        if (cfg.ensemble > 1 && cfg.ensembleSpots == EnsembleSpots.AUTO) {
            Log.info("ensemble_spots auto: %s (%d training spots for %d networks; a part needs %d)", split == EnsembleSpots.DISJOINT
                    ? "each network its own part" : "every network all of them", trainingSpots, cfg.ensemble, EnsembleSpots.enoughForOnePart(cfg.network.projection));
        }
        // with disjoint ensemble spots the fixed layer must fit the smallest network's part (the last)
        ModelManifest manifest = manifest(cfg, split == EnsembleSpots.DISJOINT ? data.memberPart(cfg.ensemble - 1, cfg.ensemble) : data);
        if (cfg.ensemble > 1) manifest.result.put("ensemble_spots", split.toString());
        NetworkFootprint.check(manifest.network, cfg.ensemble, MemberTraining.atOnce(cfg), cfg.optimization.batchShards);
        Log.info("training on %d spots (%d held out), %d genes, %d cell types%s; preset %s, %s schedule, %d thread(s)",
                data.split().train().length, data.split().heldOut().length, data.genes().size(), data.cellTypes().size(),
                targetSummary(data.targetSlides()), cfg.preset, cfg.optimization.schedule, cfg.effectiveThreads());
        TrainingDataWarnings.warn(data, cfg.trainingData, cfg.folds);
        if (System.getenv("MKL_CBWR") == null) {
            Log.warn("MKL_CBWR is not set: matrix products may round differently between runs, so the same config can give "
                    + "different models; run through bin/stdeconv (sets it) or export MKL_CBWR=AVX2");
        }
        if (cfg.contrastive.weight > 0 && data.xy() == null) Log.warn("training spots have no coordinates (obsm['spatial']): the contrastive loss is off");
        if (cfg.slideSmoothness.weight > 0 && !data.hasTargetCoordinates()) Log.warn("slide_smoothness needs a target slide with coordinates (obsm['spatial']): it is off");
        else if (cfg.slideSmoothness.weight > 0) {
            for (TargetSlide t : data.targetSlides()) if (t.xy() == null) Log.warn("%s %s has no coordinates (obsm['spatial']): slide_smoothness leaves its spots out", t.key(), t.file().getFileName());
        }
        Path modelDir = stage.destination();
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            List<MemberTraining.Member> members = MemberTraining.trainAll(cfg, data, split, manifest, manager);
            List<DeconvNetwork> networks = members.stream().map(MemberTraining.Member::network).toList();
            List<Long> seeds = members.stream().map(MemberTraining.Member::seed).toList();
            List<DeconvTrainer.Outcome> outcomes = members.stream().map(MemberTraining.Member::outcome).toList();
            // the held-out proportions the model gives: one network's, or the networks' mean
            float[][] heldOut = data.hasValidation() ? meanHeldOut(members) : null;
            boolean ensembleMean = heldOut != null && members.size() > 1;
            DeconvTrainer.Outcome outcome = outcomes.get(0);
            double rmse = outcome.validationRmse();
            if (ensembleMean) {
                rmse = HeldOutValidation.rmse(data, heldOut);
                manifest.result.put("member_validation_rmse", outcomes.stream().map(o -> (Object) o.validationRmse()).toList());
            }
            manifest.result.put("validation_rmse", Double.isNaN(rmse) ? "NA" : rmse);
            manifest.result.put("best_" + unit(cfg), outcome.bestUnit());
            manifest.result.put(unit(cfg) + "s_run", outcome.unitsRun());
            manifest.result.put("stopped_early", outcome.stoppedEarly());
            IntervalCalibration calibration = data.hasValidation() ? HeldOutCalibration.fit(data, heldOut) : null;
            if (calibration != null) manifest.result.put(IntervalCalibration.KEY, calibration.toResult());
            ModelStore.write(networks, seeds, manifest, stage.path("."));
            if (calibration != null) calibration.writeFiles(stage.path("."));
            // the first network's curves; an ensemble's further networks get training_metrics_member2.tsv, ...
            TrainingMetrics.writeTsv(outcome.history(), stage.path(TrainingMetrics.TSV));
            TrainingMetrics.writeChart(outcome.history(), unit(cfg), stage.path(TrainingMetrics.PNG));
            for (int member = 1; member < outcomes.size(); member++) {
                TrainingMetrics.writeTsv(outcomes.get(member).history(), stage.path("training_metrics_member" + (member + 1) + ".tsv"));
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            Log.info("model written to %s (validation RMSE %s%s, %.1f s)", modelDir,
                    Double.isNaN(rmse) ? "NA" : String.format(java.util.Locale.ROOT, "%.4f", rmse), cfg.ensemble > 1 ? " of the " + cfg.ensemble + "-network mean" : "", seconds);
            return new Result(modelDir, ensembleMean ? outcome.withValidationRmse(rmse) : outcome, seconds);
        }
    }

    /** Whether network.projection applies: the training spots span its components (centred, n spots span n - 1). */
    private static boolean projects(TrainConfig cfg, TrainingData data) {
        int components = cfg.network.projection;
        return components > 0 && components <= data.split().train().length - 1 && components < data.genes().size();
    }

    /** The networks' held-out proportions averaged entry by entry (summed in network order, then divided), or the one network's. */
    private static float[][] meanHeldOut(List<MemberTraining.Member> members) {
        float[][] first = members.get(0).heldOut();
        if (members.size() == 1) return first;
        float[][] mean = new float[first.length][];
        for (int i = 0; i < first.length; i++) mean[i] = first[i].clone();
        for (MemberTraining.Member m : members.subList(1, members.size())) {
            for (int i = 0; i < mean.length; i++) for (int j = 0; j < mean[i].length; j++) mean[i][j] += m.heldOut()[i][j];
        }
        for (float[] row : mean) for (int j = 0; j < row.length; j++) row[j] /= members.size();
        return mean;
    }

    private static String unit(TrainConfig cfg) {
        return cfg.optimization.schedule == Schedule.JOINT ? "epoch" : "round";
    }

    static ModelManifest manifest(TrainConfig cfg, TrainingData data) {
        ModelManifest m = new ModelManifest();
        m.genes = List.copyOf(data.genes());
        m.cellTypes = List.copyOf(data.cellTypes());
        m.inputTransform = data.transform();
        m.appendCoordinates = cfg.appendCoordinates;
        if (cfg.appendCoordinates) scaleCoordinates(m, data);
        NetworkSection n = cfg.network;
        int inputs = data.genes().size() + (cfg.appendCoordinates ? 2 : 0);
        m.network = new NetworkSpec(inputs, n.encoderWidths, n.encoderDropouts, n.headWidth, n.headDropout, n.domainWidth, n.domainDropout, data.cellTypes().size());
        if (projects(cfg, data)) m.network.projection = n.projection + (cfg.appendCoordinates ? 2 : 0);
        m.seed = cfg.seed;
        m.threads = cfg.effectiveThreads();
        m.versions.put("stdeconv", Versions.stdeconv());
        m.versions.put("djl", Versions.djl());
        m.versions.put("pytorch", Versions.pytorch());
        m.versions.put("java", System.getProperty("java.specification.version"));
        m.versions.put("mkl_cbwr", System.getenv().getOrDefault("MKL_CBWR", "unset"));
        // the same MKL_CBWR runs other kernels (other bytes) on a non-Intel CPU when the launcher's shim is preloaded
        if (System.getenv().getOrDefault("LD_PRELOAD", "").contains("stdeconv-mkl-avx512")) m.versions.put("mkl_vendor_check", "stdeconv-mkl-avx512");
        m.trainingFiles.add(new ModelManifest.TrainingFile("training_data", cfg.trainingData, FileChecksums.sha256(Path.of(cfg.trainingData))));
        Map<String, Object> targetSpots = new LinkedHashMap<>();
        Map<String, String> keyBySum = new LinkedHashMap<>();
        for (TargetSlide t : data.targetSlides()) {
            String sum = FileChecksums.sha256(t.file());
            // the config refuses a path listed twice; a copy of the slide would count its spots twice as well
            String earlier = keyBySum.putIfAbsent(sum, t.key());
            if (earlier != null) {
                throw new InputDataException(t.file(), null, "the same content as " + earlier + " (SHA-256 " + sum.substring(0, 12) + "...): one slide listed twice, as a copy",
                        "list each slide once in target");
            }
            m.trainingFiles.add(new ModelManifest.TrainingFile(t.key(), t.file().toString(), sum));
            targetSpots.put(t.key(), t.spots());
        }
        if (!targetSpots.isEmpty()) m.result.put("target_spots", targetSpots);
        m.config = Configs.yamlMapper().convertValue(cfg, new TypeReference<LinkedHashMap<String, Object>>() { });
        return m;
    }

    /** The log's words for the target slides: ", target 144 spots", ", 2 target slides (target[0] a.h5ad 144 spots, target[1] b.h5ad 100 spots)". */
    static String targetSummary(List<TargetSlide> slides) {
        if (slides.isEmpty()) return ", no target";
        if (slides.size() == 1) return ", target " + slides.get(0).spots() + " spots";
        return ", " + slides.size() + " target slides (" + String.join(", ", slides.stream().map(t -> t.key() + " " + t.file().getFileName() + " " + t.spots() + " spots").toList()) + ")";
    }

    /** Centre and one common scale (the larger standard deviation) of the training spots' coordinates. */
    private static void scaleCoordinates(ModelManifest m, TrainingData data) {
        int[] rows = data.split().train();
        double[] mean = new double[2];
        for (int r : rows) for (int a = 0; a < 2; a++) mean[a] += data.xy()[r][a] / rows.length;
        double sd = 0;
        for (int a = 0; a < 2; a++) {
            double v = 0;
            for (int r : rows) v += Math.pow(data.xy()[r][a] - mean[a], 2) / rows.length;
            sd = Math.max(sd, Math.sqrt(v));
        }
        m.coordinateCenter = List.of(mean[0], mean[1]);
        m.coordinateScale = sd > 0 ? sd : 1;
    }

    /** For tests and benchmarks: the result fields of model.yaml. */
    public static Map<String, Object> result(Path modelDir) {
        return ModelStore.readManifest(modelDir).result;
    }
}
