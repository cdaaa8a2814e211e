package org.stdeconv.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.PairList;

/**
 * The ST-deconv network: encoder (genes -> 512 -> 256, LeakyReLU 0.2), proportion head (256 -> 128 -> K, softmax)
 * and domain classifier (256 -> 128 -> 1). {@link #forward} gives proportions; training reaches the three parts
 * through {@link #encoder()}, {@link #head()} and {@link #domainClassifier()}. The domain classifier returns a
 * logit: the sigmoid is folded into the loss, which is the numerically stable form of sigmoid + BCE. With
 * {@link NetworkSpec#projection} the encoder starts with a fixed linear layer (no activation) that training leaves
 * alone.
 */
public final class DeconvNetwork extends AbstractBlock {
    private static final byte VERSION = 1;

    private final NetworkSpec spec;
    private final SequentialBlock encoder;
    /** The encoder's trained layers: the encoder itself, or what follows the frozen projection. */
    private final SequentialBlock trainedEncoder;
    /** Null without network.projection. */
    private final Linear projection;
    private final SequentialBlock head;
    private final SequentialBlock domain;
    private final DropoutMasks masks = new DropoutMasks();

    public DeconvNetwork(NetworkSpec spec) {
        super(VERSION);
        this.spec = spec;
        this.trainedEncoder = encoder(spec, masks);
        if (spec.projection > 0) {
            this.projection = Linear.builder().setUnits(spec.projection).build();
            this.encoder = addChildBlock("encoder", new SequentialBlock().add(projection).add(trainedEncoder));
        } else {
            this.projection = null;
            this.encoder = addChildBlock("encoder", trainedEncoder);
        }
        this.head = addChildBlock("proportions", hiddenThen(spec.headWidth, spec.headDropout, spec.leakyReluSlope, spec.outputs, true, masks));
        this.domain = addChildBlock("domain", hiddenThen(spec.domainWidth, spec.domainDropout, spec.leakyReluSlope, 1, false, masks));
        // PyTorch's default for Linear weights: U(-1/sqrt(fan_in), 1/sqrt(fan_in)); biases start at 0.
        setInitializer(new XavierInitializer(XavierInitializer.RandomType.UNIFORM, XavierInitializer.FactorType.IN, 1), Parameter.Type.WEIGHT);
    }

    public NetworkSpec spec() {
        return spec;
    }

    /** Restarts the dropout masks' stream: training with the same seed draws the same masks, on any thread. */
    public void seedDropout(long seed) {
        masks.seed(seed);
    }

    public Block encoder() {
        return encoder;
    }

    /** The encoder's layers that training updates (all of them unless there is a fixed projection). */
    public Block trainedEncoder() {
        return trainedEncoder;
    }

    /** The fixed first layer, or null when the network has none. */
    public Block projection() {
        return projection;
    }

    public Block head() {
        return head;
    }

    public Block domainClassifier() {
        return domain;
    }

    private static SequentialBlock encoder(NetworkSpec spec, DropoutMasks masks) {
        SequentialBlock b = new SequentialBlock();
        for (int i = 0; i < spec.encoderWidths.size(); i++) addDense(b, spec.encoderWidths.get(i), spec.encoderDropouts.get(i), spec.leakyReluSlope, masks);
        return b;
    }

    private static SequentialBlock hiddenThen(int hidden, double dropout, double slope, int outputs, boolean softmax, DropoutMasks masks) {
        SequentialBlock b = new SequentialBlock();
        addDense(b, hidden, dropout, slope, masks);
        b.add(Linear.builder().setUnits(outputs).build());
        if (softmax) b.add(new LambdaBlock(x -> new NDList(x.singletonOrThrow().softmax(1)), "softmax"));
        return b;
    }

    private static void addDense(SequentialBlock b, int units, double dropout, double slope, DropoutMasks masks) {
        b.add(Linear.builder().setUnits(units).build());
        b.add(Activation.leakyReluBlock((float) slope));
        if (dropout > 0) b.add(new SeededDropout((float) dropout, masks));
    }

    /**
     * Proportions from inputs that have already passed the fixed first layer (network.projection): the operations
     * {@link #forward} runs after that layer, on the same values, so the result is the same.
     */
    public NDList forwardAfterProjection(ParameterStore ps, NDList projected, boolean training) {
        return head.forward(ps, trainedEncoder.forward(ps, projected, training), training);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return head.forward(ps, encoder.forward(ps, inputs, training), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return head.getOutputShapes(encoder.getOutputShapes(inputShapes));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        encoder.initialize(manager, dataType, inputShapes);
        Shape[] embedding = encoder.getOutputShapes(inputShapes);
        head.initialize(manager, dataType, embedding);
        domain.initialize(manager, dataType, embedding);
    }

    /** Initializes all parameters for inputs of {@link NetworkSpec#inputSize} columns. */
    public void initialize(NDManager manager) {
        initialize(manager, DataType.FLOAT32, new Shape(1, spec.inputSize));
    }
}
