import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import org.stdeconv.data.InputTransform;
import org.stdeconv.infer.InferConfig;
import org.stdeconv.infer.Inference;
import org.stdeconv.io.SpotSource;
import org.stdeconv.io.SpotSources;
import org.stdeconv.model.ProportionModel;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Runs infer's code path (Inference.run: streaming reader, batches, outputs) on a slide with a stand-in network
 * until trained models can be loaded (ModelStore): a DJL/PyTorch MLP GENES -> 512 -> 256 -> 128 -> 6 with fixed
 * random weights and softmax output, each batch in its own NDManager sub-manager as a trained model would do.
 *   java -cp ... InferBench SLIDE.h5ad OUT_DIR BATCH_SIZE THREADS
 */
public final class InferBench {
    public static void main(String[] args) {
        InferConfig c = new InferConfig();
        c.slide = Path.of(args[0]).toAbsolutePath().toString();
        c.outputDir = Path.of(args[1]).toAbsolutePath().toString();
        c.modelDir = "(bench stand-in MLP)";
        c.batchSize = Integer.parseInt(args[2]);
        c.threads = Integer.parseInt(args[3]);
        long t0 = System.nanoTime();
        try (SpotSource slide = SpotSources.open(Path.of(c.slide)); MlpModel model = new MlpModel(slide.varNames(), new int[]{512, 256, 128}, 6)) {
            Inference.run(c, slide, model);
            double s = (System.nanoTime() - t0) / 1e9;
            System.err.printf("InferBench: %d spots in %.1f s = %.0f spots/s%n", slide.rows(), s, slide.rows() / s);
        }
    }

    static final class MlpModel implements ProportionModel {
        private final List<String> genes;
        private final List<String> types;
        private final NDManager root = NDManager.newBaseManager();
        private final NDArray[] w, b;

        MlpModel(List<String> genes, int[] hidden, int nTypes) {
            this.genes = List.copyOf(genes);
            this.types = java.util.stream.IntStream.range(0, nTypes).mapToObj(i -> "Type" + i).toList();
            int[] sizes = new int[hidden.length + 2];
            sizes[0] = genes.size();
            System.arraycopy(hidden, 0, sizes, 1, hidden.length);
            sizes[sizes.length - 1] = nTypes;
            SplittableRandom r = new SplittableRandom(42);
            w = new NDArray[sizes.length - 1];
            b = new NDArray[sizes.length - 1];
            for (int l = 0; l < w.length; l++) {
                float[] v = new float[sizes[l] * sizes[l + 1]];
                double scale = Math.sqrt(2.0 / sizes[l]);
                for (int k = 0; k < v.length; k++) v[k] = (float) ((r.nextDouble() * 2 - 1) * scale);
                w[l] = root.create(v, new Shape(sizes[l], sizes[l + 1]));
                b[l] = root.zeros(new Shape(sizes[l + 1]));
            }
        }

        @Override public List<String> genes() { return genes; }
        @Override public List<String> cellTypes() { return types; }
        @Override public InputTransform transform() { return InputTransform.log1pCp10k(); }
        @Override public boolean needsCoordinates() { return false; }
        @Override public String checksum() { return "bench-standin-mlp-seed42"; }

        @Override
        public float[][] predict(float[][] batch, double[][] xy) {
            int n = batch.length, g = genes.size();
            float[] flat = new float[n * g];
            for (int i = 0; i < n; i++) System.arraycopy(batch[i], 0, flat, i * g, g);
            try (NDManager sub = root.newSubManager()) {
                NDArray h = sub.create(flat, new Shape(n, g));
                for (int l = 0; l < w.length; l++) {
                    h = h.matMul(w[l]).add(b[l]);
                    if (l < w.length - 1) h = Activation.relu(h);
                }
                float[] p = h.softmax(1).toFloatArray();
                float[][] out = new float[n][types.size()];
                for (int i = 0; i < n; i++) System.arraycopy(p, i * types.size(), out[i], 0, types.size());
                return out;
            }
        }

        @Override
        public void close() {
            root.close();
        }
    }
}
