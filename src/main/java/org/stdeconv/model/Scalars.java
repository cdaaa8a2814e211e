package org.stdeconv.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

/**
 * Scalar operands for arrays that take part in autograd. Never pass a Java number to {@code mul}, {@code div},
 * {@code maximum} and the like in training code: DJL turns it into a 0-d tensor over a Java direct buffer, runs the
 * operation and closes that tensor at once, while autograd keeps a pointer to it for the backward pass; once the
 * garbage collector frees the buffer, backward multiplies by whatever lies in that memory. That made training
 * depend on the collector's timing (two identical processes parted after a few dozen steps, runs with a small young
 * generation hit NaN within one round, and paper-preset runs collapsed). {@link #of} returns a copy that PyTorch
 * allocated and owns, in the array's type (float64 keeps its precision), attached to the array's manager.
 */
public final class Scalars {
    private Scalars() {
    }

    public static NDArray of(NDArray like, double value) {
        NDManager m = like.getManager();
        try (NDArray wrapped = like.getDataType() == DataType.FLOAT64 ? m.create(value) : m.create((float) value)) {
            return wrapped.duplicate();
        }
    }
}
