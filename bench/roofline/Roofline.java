import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * The roofline line of docs/benchmarks/train.md: how fast this machine multiplies matrices of a training step's
 * shapes through the same engine (DJL on PyTorch, one intra-op thread), so that a training run's achieved GFLOP/s
 * can be set against it. One training step of the MLP GENES -> 512 -> 256 -> 128 -> K on B spots has, per layer
 * (n_in x n_out), three products of 2 B n_in n_out flops each: forward, weight gradient, input gradient, except the
 * first layer, whose input (the spots' expression) needs no gradient, so autograd skips that product there.
 *   java -cp 'target/stdeconv.jar:target/lib/*' bench/roofline/Roofline.java GENES K BATCH [REPEATS]
 */
public final class Roofline {
    public static void main(String[] args) {
        int genes = Integer.parseInt(args[0]), k = Integer.parseInt(args[1]), batch = Integer.parseInt(args[2]);
        int repeats = args.length > 3 ? Integer.parseInt(args[3]) : 300;
        int[] widths = {genes, 512, 256, 128, k};
        Engine.getInstance().setRandomSeed(1);
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            // every operand contiguous in the layout its product wants, so that the figure is the GEMMs alone
            int layers = widths.length - 1;
            NDArray[] x = new NDArray[layers], w = new NDArray[layers], wt = new NDArray[layers], g = new NDArray[layers], gt = new NDArray[layers];
            double flops = 0;
            for (int l = 0; l < widths.length - 1; l++) {
                x[l] = m.randomNormal(new Shape(batch, widths[l]));
                w[l] = m.randomNormal(new Shape(widths[l + 1], widths[l]));
                wt[l] = m.randomNormal(new Shape(widths[l], widths[l + 1]));
                g[l] = m.randomNormal(new Shape(batch, widths[l + 1]));
                gt[l] = m.randomNormal(new Shape(widths[l + 1], batch));
                flops += (l == 0 ? 2.0 : 3.0) * 2 * batch * widths[l] * widths[l + 1];
            }
            for (int r = 0; r < 20; r++) step(x, w, wt, g, gt);
            long t0 = System.nanoTime();
            for (int r = 0; r < repeats; r++) step(x, w, wt, g, gt);
            double seconds = (System.nanoTime() - t0) / 1e9 / repeats;
            System.out.printf("shapes %d -> 512 -> 256 -> 128 -> %d, batch %d: %.3f GFLOP per step, products alone %.3f ms per step = %.1f GFLOP/s%n",
                    genes, k, batch, flops / 1e9, seconds * 1e3, flops / seconds / 1e9);
        }
    }

    /** The products of one step: per layer forward x W^T, weight gradient g^T x and (not the first) input gradient g W. */
    private static void step(NDArray[] x, NDArray[] w, NDArray[] wt, NDArray[] g, NDArray[] gt) {
        for (int l = 0; l < x.length; l++) {
            try (NDArray a = x[l].matMul(wt[l]); NDArray b = gt[l].matMul(x[l])) {
                b.getFloat(0, 0);
            }
            if (l > 0) {
                try (NDArray c = g[l].matMul(w[l])) {
                    c.getFloat(0, 0);
                }
            }
        }
    }
}
