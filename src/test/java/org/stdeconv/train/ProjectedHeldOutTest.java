package org.stdeconv.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;
import org.stdeconv.model.DeconvNetwork;
import org.stdeconv.model.EngineSetup;
import org.stdeconv.model.NetworkSpec;

import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Validation from the kept outputs of the fixed first layer must give a whole pass's proportions, to the bit. */
class ProjectedHeldOutTest {
    @Test
    void keptProjectionGivesTheWholePasssProportionsInTheRowsOrder() {
        EngineSetup.startSeeded(1, 9);
        int genes = 40, k = 5;
        // more rows than one chunk, in an order of their own, so that chunking and row order both count
        int spots = HeldOutValidation.CHUNK + 300;
        try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            NetworkSpec spec = new NetworkSpec(genes, List.of(32, 16), List.of(0.0, 0.3), 16, 0.2, 8, 0.2, k);
            spec.projection = 12;
            DeconvNetwork net = new DeconvNetwork(spec);
            net.initialize(m);
            Random random = new Random(3);
            float[] x = new float[spots * genes];
            for (int i = 0; i < x.length; i++) x[i] = (float) Math.log1p(random.nextInt(20));
            NDArray inputs = m.create(x, new Shape(spots, genes));
            int[] rows = IntStream.range(0, spots).map(i -> (i * 37) % spots).toArray();
            ParameterStore ps = new ParameterStore(m, false);

            float[][] whole = HeldOutValidation.proportions(m, ps, net, inputs, rows, k);
            ProjectedHeldOut kept = new ProjectedHeldOut(m.newSubManager(), ps, net, inputs, rows);
            for (int pass = 0; pass < 2; pass++) {
                float[][] fromKept = kept.proportions(m, ps, net, k);
                assertEquals(spots, fromKept.length);
                for (int i = 0; i < spots; i++) assertArrayEquals(whole[i], fromKept[i], "row " + i + ", pass " + pass);
            }
        }
    }
}
