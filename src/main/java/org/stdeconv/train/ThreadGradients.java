package org.stdeconv.train;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Records the operations of one training step for a backward pass, on the calling thread only. It does what DJL's
 * PyTorch GradientCollector does (turn PyTorch's thread-local grad mode on, run backward with a gradient of ones,
 * restore the mode) without that class's process-wide "one collector at a time" flag, which would stop the networks
 * of an ensemble from training at the same time on different threads.
 */
final class ThreadGradients implements AutoCloseable {
    private final boolean wasRecording;

    ThreadGradients() {
        wasRecording = JniUtils.isGradMode();
        JniUtils.setGradMode(true);
    }

    /** Accumulates d(loss)/d(parameter) into the gradients of the parameters the loss was computed from. */
    void backward(NDArray loss) {
        try (NDArray ones = loss.onesLike()) {
            JniUtils.backward((PtNDArray) loss, (PtNDArray) ones, false, false);
        }
    }

    @Override
    public void close() {
        if (!wasRecording) JniUtils.setGradMode(false);
    }
}
