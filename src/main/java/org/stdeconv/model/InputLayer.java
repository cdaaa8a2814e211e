package org.stdeconv.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The first encoder layer, genes -> units: x W + b with W stored genes x units (DJL's Linear stores units x genes).
 * With this orientation the weight gradient x^T dY comes out of the matrix product in the weight's own layout, so
 * the training loop can compute it directly (see DeconvTrainer) instead of letting autograd produce a transposed
 * product and add it into an accumulated gradient; for a 3000-gene input that layer dominates a training step.
 * Initialised like PyTorch's Linear: W ~ U(-1/sqrt(genes), 1/sqrt(genes)), b = 0.
 */
public final class InputLayer extends AbstractBlock {
    private static final byte VERSION = 1;

    private final int units;
    private final Parameter weight;
    private final Parameter bias;

    public InputLayer(int units) {
        super(VERSION);
        this.units = units;
        this.weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT).build());
        this.bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS).build());
        weight.setInitializer((manager, shape, type) -> {
            float bound = (float) (1 / Math.sqrt(shape.get(0)));
            return manager.randomUniform(-bound, bound, shape, type);
        });
    }

    public Parameter weight() {
        return weight;
    }

    public Parameter bias() {
        return bias;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        Device device = x.getDevice();
        return new NDList(x.matMul(ps.getValue(weight, device, training)).add(ps.getValue(bias, device, training)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[]{new Shape(inputShapes[0].get(0), units)};
    }

    @Override
    public void prepare(Shape[] inputShapes) {
        weight.setShape(new Shape(inputShapes[0].get(1), units));
        bias.setShape(new Shape(units));
    }
}
