package org.stdeconv.config;

/** The whole config of one step (the root of its YAML file). */
public abstract class StepConfig extends ConfigSection {
    /** Where the config came from (the config file, or "--set"), for messages; no YAML key. */
    private String source = "config";

    public String source() {
        return source;
    }

    void source(String source) {
        this.source = source;
    }
}
