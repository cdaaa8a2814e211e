package org.stdeconv.step;

import org.stdeconv.config.StepConfig;

import java.io.IOException;

/** The computing part of a step: reads the config's inputs and writes its output into the stage the frame opened. */
@FunctionalInterface
public interface Step<C extends StepConfig, R> {
    R compute(C config, OutputStage output) throws IOException;
}
