package org.stdeconv.config;

import java.util.List;

/** The whole config of one step (the root of its YAML file). */
public abstract class StepConfig extends ConfigSection {
    /** Where the config came from (the config file, or "--set"), for messages; no YAML key. */
    private String source = "config";
    /** The dotted keys given with --set (they win over the file); no YAML key. */
    private List<String> overriddenKeys = List.of();

    public String source() {
        return source;
    }

    /**
     * Where the value of {@code key} came from, for a message about it: "--set" when an override set the key (or a
     * section or list holding it), else {@link #source()}.
     */
    public String sourceOf(String key) {
        return Configs.sourceOf(key, source, overriddenKeys);
    }

    void source(String source, List<String> overriddenKeys) {
        this.source = source;
        this.overriddenKeys = List.copyOf(overriddenKeys);
    }
}
