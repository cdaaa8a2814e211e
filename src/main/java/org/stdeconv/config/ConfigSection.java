package org.stdeconv.config;

/**
 * A group of config keys (a YAML mapping). Fields are the keys (snake_case in YAML), their initial values the
 * defaults, {@code @JsonPropertyDescription} their documentation; fields of a ConfigSection type nest.
 */
public abstract class ConfigSection {
    /**
     * Checks that need several keys at once, run after paths are resolved. Throw {@link org.stdeconv.ConfigException}
     * naming the key; {@code source} is the config file (or "--set" when there is none).
     */
    public void validate(String source) {
    }
}
