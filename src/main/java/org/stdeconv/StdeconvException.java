package org.stdeconv;

/**
 * An error the user can act on. Its message is printed as one line (no stack trace unless --debug), and
 * {@link #exitCode()} becomes the process exit code: 1 internal, 2 usage or config, 3 bad input data.
 */
public class StdeconvException extends RuntimeException {
    public static final int INTERNAL = 1;
    public static final int USAGE = 2;
    public static final int BAD_INPUT = 3;

    private final int exitCode;

    public StdeconvException(int exitCode, String message) {
        this(exitCode, message, null);
    }

    public StdeconvException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    /** "FILE: FIELD: problem; hint" — the one-line shape every user-facing error takes. */
    protected static String format(Object file, String field, String problem, String hint) {
        StringBuilder sb = new StringBuilder();
        if (file != null) sb.append(file).append(": ");
        if (field != null && !field.isEmpty()) sb.append(field).append(": ");
        sb.append(problem);
        if (hint != null && !hint.isEmpty()) sb.append("; ").append(hint);
        return sb.toString().replace('\n', ' ');
    }
}
