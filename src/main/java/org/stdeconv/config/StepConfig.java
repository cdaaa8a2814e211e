package org.stdeconv.config;

/** The whole config of one step (the root of its YAML file). */
public abstract class StepConfig extends ConfigSection {
}
