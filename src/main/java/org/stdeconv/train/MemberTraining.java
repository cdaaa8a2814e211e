package org.stdeconv.train;

import ai.djl.ndarray.NDManager;
import org.stdeconv.ThreadResults;
import org.stdeconv.log.Log;
import org.stdeconv.model.DeconvNetwork;
import org.stdeconv.model.EngineSetup;
import org.stdeconv.model.ModelManifest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Trains the networks of one run: one, or the {@code ensemble} networks, all at once (up to two per thread) when
 * there are two threads or more.
 * Why at once: a network of this size keeps two cores only partly busy (small matrix products, a thread waiting at
 * each barrier), so two networks on one thread each finish in about two thirds of the time they take one after the
 * other on two threads (docs/benchmarks/train.md, session 16). The bytes do not depend on it: each network has its
 * own seed, batch order and dropout stream, and its weights are drawn here, one network after the other, before any
 * training starts.
 */
final class MemberTraining {
    private MemberTraining() {
    }

    /** One trained network: its seed, how training went, and its proportions for the held-out spots (null without). */
    record Member(DeconvNetwork network, long seed, DeconvTrainer.Outcome outcome, float[][] heldOut) {
    }

    /** A network with its weights drawn, waiting to be trained on its spots. */
    private record Job(int index, DeconvNetwork network, NDManager manager, TrainingData spots, long seed) {
    }

    static List<Member> trainAll(TrainConfig cfg, TrainingData data, EnsembleSpots split, ModelManifest manifest, NDManager manager) {
        int count = cfg.ensemble;
        // all at once, up to two per thread: three networks on two cores share them instead of the third running alone
        // on one (STARmap, 30,000 pseudo-spots: 50.4 s against 63.2 s); each network in flight holds its own arrays.
        // One thread gains nothing from sharing, and threads: 1 promises one busy thread.
        int threads = cfg.effectiveThreads();
        int atOnce = atOnce(cfg);
        int threadsEach = Math.max(1, threads / atOnce);
        if (atOnce > 1) Log.info("training the %d networks %s, %d thread(s) each", count, atOnce == count ? "at once" : atOnce + " at a time", threadsEach);
        List<Job> jobs = new ArrayList<>();
        for (int member = 0; member < count; member++) {
            long seed = cfg.seed + member;
            TrainingData spots = split == EnsembleSpots.DISJOINT ? data.memberPart(member, count) : data;
            if (count > 1) {
                Log.info("ensemble network %d of %d (seed %d)%s", member + 1, count, seed, spots == data ? ""
                        : String.format(": its own part %d of %d of the training spots (%d of %d)", member + 1, count, spots.split().train().length, data.split().train().length));
            }
            // re-seed right before initialisation so that nothing run earlier in this JVM changes the weights
            EngineSetup.startSeeded(threadsEach, seed);
            NDManager own = manager.newSubManager();
            DeconvNetwork network = new DeconvNetwork(manifest.network);
            network.initialize(own);
            jobs.add(new Job(member, network, own, spots, seed));
        }
        if (atOnce == 1) {
            List<Member> members = new ArrayList<>();
            try (ProgressReporter progress = ProgressReporter.forThisProcess()) {
                for (Job job : jobs) members.add(train(cfg, manifest, job, threadsEach, progress));
            }
            return members;
        }
        ExecutorService pool = Executors.newFixedThreadPool(atOnce, r -> {
            Thread t = new Thread(r, "stdeconv-train");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Member>> futures = new ArrayList<>();
            for (Job job : jobs) {
                Callable<Member> task = () -> {
                    try (ProgressReporter progress = ProgressReporter.forOneOfSeveral(job.index() + 1, count)) {
                        return train(cfg, manifest, job, threadsEach, progress);
                    }
                };
                futures.add(pool.submit(task));
            }
            List<Member> members = new ArrayList<>();
            for (Future<Member> f : futures) members.add(ThreadResults.await(f));
            return members;
        } finally {
            pool.shutdown();
            // what follows (held-out calibration) runs on this thread alone: give it every thread again
            EngineSetup.start(cfg.effectiveThreads());
        }
    }

    /** How many of the config's networks train at the same time. */
    static int atOnce(TrainConfig cfg) {
        int threads = cfg.effectiveThreads();
        return threads == 1 ? 1 : Math.min(cfg.ensemble, 2 * threads);
    }

    private static Member train(TrainConfig cfg, ModelManifest manifest, Job job, int threads, ProgressReporter progress) {
        // fitted per network with its seed, so that an ensemble's networks are those single runs would give
        PrincipalProjection projection = projection(cfg, job.spots(), manifest, job.manager(), job.seed());
        if (projection != null) projection.install(job.network());
        DeconvTrainer trainer = new DeconvTrainer(cfg, job.spots(), manifest, progress, job.seed(), threads);
        DeconvTrainer.Outcome outcome = trainer.train(job.manager(), job.network());
        float[][] heldOut = job.spots().hasValidation() ? trainer.heldOutPredictions() : null;
        return new Member(job.network(), job.seed(), outcome, heldOut);
    }

    /**
     * network.projection's fixed layer, fitted on the training rows, or null without one. A layer of P components
     * needs training spots that span P directions (centred, n spots span n - 1): with fewer, the layer would keep only
     * the directions a few hundred labelled spots happen to span, which cost 0.045 of MOB layer purity
     * (docs/benchmarks/train.md), so the encoder reads every gene instead.
     */
    private static PrincipalProjection projection(TrainConfig cfg, TrainingData data, ModelManifest manifest, NDManager manager, long seed) {
        int components = cfg.network.projection, genes = data.genes().size();
        if (manifest.network.projection == 0) {
            if (components > 0) Log.info("network.projection %d: %d training spots and %d genes span fewer directions; the encoder reads every gene",
                    components, data.split().train().length, genes);
            return null;
        }
        long t0 = System.nanoTime();
        int[] rows = data.split().train();
        int types = data.cellTypes().size();
        boolean typesFirst = cfg.network.projectionBasis == ProjectionBasis.CELL_TYPES_FIRST && types < components;
        if (cfg.network.projectionBasis == ProjectionBasis.CELL_TYPES_FIRST && !typesFirst) {
            Log.info("network.projection_basis cell_types_first: %d cell types leave no room among %d components; principal components only", types, components);
        }
        double[][] proportions = null;
        if (typesFirst) {
            proportions = new double[rows.length][];
            for (int i = 0; i < rows.length; i++) proportions[i] = data.y()[rows[i]];
        }
        PrincipalProjection p = PrincipalProjection.fit(manager, data.x(), proportions, rows, components, manifest.network.inputSize, seed);
        Log.info("fixed first layer: %d genes -> %s%d principal components (%.1f s)", genes,
                typesFirst ? "the " + types + " cell types' directions + " : "", components - (typesFirst ? types : 0), (System.nanoTime() - t0) / 1e9);
        return p;
    }
}
