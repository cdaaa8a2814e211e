package org.stdeconv;

/** A usage or configuration problem (exit code 2): unknown or missing key, wrong type, missing file. */
public final class ConfigException extends StdeconvException {
    private final Object file;
    private final String key;
    private final String problem;
    private final String hint;

    public ConfigException(String message) {
        super(USAGE, message);
        this.file = null;
        this.key = null;
        this.problem = message;
        this.hint = null;
    }

    public ConfigException(Object file, String key, String problem, String hint) {
        this(file, key, problem, hint, null);
    }

    public ConfigException(Object file, String key, String problem, String hint, Throwable cause) {
        super(USAGE, format(file, key, problem, hint), cause);
        this.file = file;
        this.key = key;
        this.problem = problem;
        this.hint = hint;
    }

    /** The file (or "--set") the error names; null for a plain message. */
    public Object file() {
        return file;
    }

    /** The config key the error names; null when none. */
    public String key() {
        return key;
    }

    /** The same error blamed on {@code otherFile} (e.g. "--set" when the key's value came from an override). */
    public ConfigException blamedOn(Object otherFile) {
        return new ConfigException(otherFile, key, problem, hint, this);
    }
}
