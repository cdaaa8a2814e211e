package org.stdeconv.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The whole config of one step (the root of its YAML file). */
public abstract class StepConfig extends ConfigSection {
    /** Where the config came from (the config file, or "--set"), for messages; no YAML key. */
    private String source = "config";
    /** The dotted keys given with --set (they win over the file); no YAML key. */
    private List<String> overriddenKeys = List.of();
    /** The YAML file the config was read from, null when it came from --set alone; no YAML key. */
    private Path configFile;

    /** The YAML file the config was read from (an input of the step like its data: no output may replace it). */
    public Optional<Path> configFile() {
        return Optional.ofNullable(configFile);
    }

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

    void source(String source, List<String> overriddenKeys, Path configFile) {
        this.source = source;
        this.overriddenKeys = List.copyOf(overriddenKeys);
        this.configFile = configFile;
    }
}
