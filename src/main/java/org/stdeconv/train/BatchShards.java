package org.stdeconv.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import org.stdeconv.ThreadResults;
import org.stdeconv.model.DeconvNetwork;
import org.stdeconv.model.EngineSetup;
import org.stdeconv.model.ModelManifest;
import org.stdeconv.model.ProportionLoss;
import org.stdeconv.model.Scalars;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * optimization.batch_shards: one network's batch (and self-training's target spots) cut into row ranges, each passed forward and backward through its
 * own copy of the network, then one Adam step on the sum of the copies' gradients, whose new weights every copy takes.
 * Why: one network of this size keeps two cores only partly busy (its products are too small to split well inside
 * PyTorch), while two row ranges on one thread each keep both busy (docs/benchmarks/train.md, session 17).
 *
 * <p>Each shard's loss is its mean scaled by its share of the batch, so the gradients sum to the batch's; they are
 * summed in shard order element by element, so the bytes depend on the shard count, not on the threads. With a
 * thread per shard, the shards run at once (shard 0 on the calling thread, the others on threads of their own that
 * live as long as this object), and the Adam update is cut into element ranges, one per thread; with fewer threads
 * the shards run in turn on the calling thread.
 *
 * <p>Only for steps whose terms are means over spots (the proportion loss, self-training's): the contrastive, MMD,
 * domain and smoothness terms compare the spots of a batch with each other, and a shard would see only some of them
 * (TrainConfig refuses them).
 */
final class BatchShards implements AutoCloseable {
    private final int count;
    /** Training-mode passes of each shard's network: shard 0's is the trained network itself, the others its copies. */
    private final NetworkPasses[] passes;
    /** The trained parameters of each network (those of ParameterGroup's predictor, in its order). */
    private final List<List<Parameter>> trained = new ArrayList<>();
    /** Self-training's part of a step: the target rows it acts on, their soft labels and the term's weight. */
    record SelfTraining(int[] rows, PseudoLabels labels, double weight) {
    }

    private final TrainingArrays arrays;
    /** Null when the shards run in turn on the calling thread. */
    private final SpinBarrier barrier;
    /** The engine's intra-op threads outside the shards' passes (the network's threads), restored on close. */
    private final int engineThreads;

    // the step in progress, published to the workers by the barrier
    private BatchDraw batch;
    private NDManager[] managers;
    private ProportionLoss loss;
    private SelfTraining selfTraining;
    private ParameterGroup group;
    private float rate;
    private final double[][] measured;
    private final Throwable[] failures;
    private volatile boolean closing;

    /** @param threads the threads this network trains on: with as many as shards, the shards run at once */
    BatchShards(int count, int threads, DeconvNetwork network, NetworkPasses networkPasses, TrainingArrays arrays, NDManager root, ModelManifest manifest, long seed) {
        this.count = count;
        this.arrays = arrays;
        this.passes = new NetworkPasses[count];
        this.measured = new double[count][];
        this.failures = new Throwable[count];
        passes[0] = networkPasses;
        trained.add(trainedParameters(network));
        for (int k = 1; k < count; k++) {
            DeconvNetwork copy = new DeconvNetwork(manifest.network);
            copy.initialize(root);
            // the weights just drawn are overwritten: nothing after weight initialisation draws from PyTorch's generator
            copyAll(network, copy);
            if (copy.projection() != null) copy.projection().freezeParameters(true);
            // each shard its own dropout stream, derived from the network's seed
            copy.seedDropout(seed + 0x5DEECE66DL * k);
            List<Parameter> params = trainedParameters(copy);
            params.forEach(ParameterGroup::trained);
            passes[k] = new NetworkPasses(copy, new ParameterStore(root, false), arrays);
            trained.add(params);
        }
        this.barrier = threads >= count ? new SpinBarrier(count) : null;
        // the shards' passes run on one intra-op thread each (their products are too small to split well)
        this.engineThreads = barrier != null ? EngineSetup.useThreads(Math.max(1, threads / count)) : EngineSetup.threads();
        if (barrier != null) {
            for (int k = 1; k < count; k++) {
                int shard = k;
                Thread t = new Thread(() -> work(shard), "stdeconv-shard-" + k);
                t.setDaemon(true);
                t.start();
            }
        }
    }

    /**
     * One training step on {@code batch} (and, unless null, self-training's target rows): every shard's forward and
     * backward pass, then {@code predictor}'s Adam step on the summed gradients. Returns the batch's proportion loss,
     * its mean absolute error and self-training's term (0 without), each shard's weighted by its rows; a loss that is
     * not finite leaves the weights as they were (the caller stops the run).
     */
    double[] step(NDManager sm, BatchDraw batch, ProportionLoss loss, SelfTraining selfTraining, ParameterGroup predictor) {
        this.batch = batch;
        this.loss = loss;
        this.selfTraining = selfTraining;
        this.group = predictor;
        this.managers = new NDManager[count];
        for (int k = 0; k < count; k++) managers[k] = sm.newSubManager();
        this.rate = predictor.beginStep();
        if (barrier == null) {
            for (int k = 0; k < count; k++) measured[k] = backward(k);
            double[] total = total();
            if (Double.isFinite(total[0])) predictor.applyPart(rate, 0, 1, this);
            predictor.endStep();
            return total;
        }
        barrier.await();
        run(0);
        predictor.endStep();
        for (Throwable t : failures) if (t != null) ThreadResults.rethrow(t);
        return total();
    }

    /** A worker thread: shard {@code shard} of every step until closed. */
    private void work(int shard) {
        while (true) {
            barrier.await();
            if (closing) return;
            run(shard);
        }
    }

    /** This thread's part of a step: its shard's passes, then (once every shard is done) its range of the update. */
    private void run(int shard) {
        failures[shard] = null;
        try {
            measured[shard] = backward(shard);
        } catch (Throwable t) {
            failures[shard] = t;
        }
        barrier.await();
        boolean update = Double.isFinite(total()[0]);
        for (Throwable t : failures) update &= t == null;
        try {
            if (update) group.applyPart(rate, shard, count, this);
        } catch (Throwable t) {
            if (failures[shard] == null) failures[shard] = t;
        }
        barrier.await();
    }

    private double[] total() {
        double[] sum = new double[3];
        for (double[] m : measured) {
            if (m == null) return new double[]{Double.NaN, Double.NaN, Double.NaN};
            for (int i = 0; i < sum.length; i++) sum[i] += m[i];
        }
        // the update needs the whole loss finite; [0] alone is what the callers test
        if (!Double.isFinite(sum[2])) sum[0] = Double.NaN;
        return sum;
    }

    private double[] backward(int shard) {
        int n = batch.size(), from = (int) ((long) n * shard / count), to = (int) ((long) n * (shard + 1) / count);
        NDManager own = managers[shard];
        measured[shard] = null;
        if (from == to) {
            // more shards than spots in a batch: this copy sits the step out, its gradient stays zero
            own.close();
            return new double[]{0, 0, 0};
        }
        try (ThreadGradients gc = new ThreadGradients()) {
            NDArray[] xy = batch.arrays(own, from, to);
            NDArray p = passes[shard].proportions(xy[0]);
            NDArray value = loss.evaluate(p, xy[1]);
            double share = (to - from) / (double) n;
            double error = ProportionLoss.meanAbsoluteError(p, xy[1]).getFloat();
            NDArray scaled = value.mul(Scalars.of(value, share));
            double selfTrainingPart = 0;
            if (selfTraining != null) {
                int m = selfTraining.rows().length, tf = (int) ((long) m * shard / count), tt = (int) ((long) m * (shard + 1) / count);
                if (tt > tf) {
                    int[] rows = Arrays.copyOfRange(selfTraining.rows(), tf, tt);
                    NDArray term = PredictorLoss.selfTrainingLoss(passes[shard].proportions(arrays.target(own, rows)), selfTraining.labels().of(own, rows));
                    double targetShare = (tt - tf) / (double) m;
                    scaled = scaled.add(term.mul(Scalars.of(term, selfTraining.weight() * targetShare)));
                    selfTrainingPart = targetShare * term.getFloat();
                }
            }
            gc.backward(scaled);
            return new double[]{share * value.getFloat(), share * error, selfTrainingPart};
        } finally {
            // on this thread: closing a shard's hundred-odd tensors is work the other shards need not wait for
            own.close();
        }
    }

    /**
     * Runs {@code work} (validation) with every thread of the network inside PyTorch's products: between steps the
     * shard threads wait, and one 4,000-spot validation pass a epoch on one thread cost about 3 s of a 30 s STARmap run.
     */
    <T> T onAllThreads(Supplier<T> work) {
        int had = EngineSetup.useThreads(engineThreads);
        try {
            return work.get();
        } finally {
            EngineSetup.useThreads(had);
        }
    }

    /**
     * The gradients of parameter {@code i} (in the order of {@link #trainedParameters}) in the copies, shard 1 on: the
     * optimizer adds them to the trained network's in this order. Views of the tensors' memory, valid until the next
     * backward pass (the parameters hold the tensors).
     */
    FloatBuffer[] copyGradients(int i) {
        FloatBuffer[] out = new FloatBuffer[count - 1];
        for (int k = 1; k < count; k++) {
            try (NDArray g = trained.get(k).get(i).getArray().getGradient()) {
                out[k - 1] = ParameterGroup.view(g);
            }
        }
        return out;
    }

    /** The weights of parameter {@code i} in the copies, for the optimizer to write the new values into. */
    FloatBuffer[] copyWeights(int i) {
        FloatBuffer[] out = new FloatBuffer[count - 1];
        for (int k = 1; k < count; k++) out[k - 1] = ParameterGroup.view(trained.get(k).get(i).getArray());
        return out;
    }

    private static List<Parameter> trainedParameters(DeconvNetwork network) {
        List<Parameter> out = new ArrayList<>();
        network.trainedEncoder().getParameters().values().forEach(out::add);
        network.head().getParameters().values().forEach(out::add);
        return out;
    }

    private static void copyAll(DeconvNetwork from, DeconvNetwork to) {
        List<Parameter> source = from.getParameters().values(), target = to.getParameters().values();
        for (int i = 0; i < source.size(); i++) {
            FloatBuffer values = ParameterGroup.view(source.get(i).getArray());
            ParameterGroup.view(target.get(i).getArray()).put(0, values, 0, values.capacity());
        }
    }

    @Override
    public void close() {
        if (barrier == null || closing) return;
        closing = true;
        barrier.await();
        EngineSetup.useThreads(engineThreads);
    }
}
