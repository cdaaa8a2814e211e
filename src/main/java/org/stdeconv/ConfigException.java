package org.stdeconv;

/** A usage or configuration problem (exit code 2): unknown or missing key, wrong type, missing file. */
public final class ConfigException extends StdeconvException {
    public ConfigException(String message) {
        super(USAGE, message);
    }

    public ConfigException(Object file, String key, String problem, String hint) {
        super(USAGE, format(file, key, problem, hint));
    }
}
