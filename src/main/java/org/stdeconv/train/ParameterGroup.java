package org.stdeconv.train;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

import java.util.ArrayList;
import java.util.List;

/**
 * Parameters updated by one Adam optimizer (the paper has two: encoder + proportion head, and domain classifier).
 * The optimizer's moment estimates persist for the whole run; the published code re-created Adam every round.
 */
final class ParameterGroup {
    private final List<Parameter> parameters = new ArrayList<>();
    private final Optimizer adam;

    ParameterGroup(float learningRate, Block... blocks) {
        for (Block b : blocks) b.getParameters().values().forEach(parameters::add);
        for (Parameter p : parameters) p.getArray().setRequiresGradient(true);
        this.adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(learningRate)).build();
    }

    /** One Adam step on the gradients collected since {@link #zeroGradients}. */
    void step() {
        for (Parameter p : parameters) {
            NDArray w = p.getArray();
            try (NDArray g = w.getGradient()) {
                adam.update(p.getId(), w, g);
            }
        }
    }

    /** PyTorch accumulates gradients: clear them before each backward pass. */
    void zeroGradients() {
        for (Parameter p : parameters) {
            NDArray w = p.getArray();
            if (!w.hasGradient()) continue;
            try (NDArray g = w.getGradient()) {
                g.subi(g);
            }
        }
    }

    int size() {
        return parameters.size();
    }

    /** A copy of every parameter's values (for keeping the best epoch). */
    List<float[]> snapshot() {
        List<float[]> out = new ArrayList<>(parameters.size());
        for (Parameter p : parameters) out.add(p.getArray().toFloatArray());
        return out;
    }

    void restore(List<float[]> values) {
        for (int i = 0; i < parameters.size(); i++) parameters.get(i).getArray().set(values.get(i));
    }
}
