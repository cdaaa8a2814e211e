package org.stdeconv.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/** Scalars in an array's own precision: a Java double would promote float32 arrays to float64 in PyTorch. */
final class Scalars {
    private Scalars() {
    }

    static Number like(NDArray array, double value) {
        return array.getDataType() == DataType.FLOAT64 ? (Number) value : (Number) (float) value;
    }
}
