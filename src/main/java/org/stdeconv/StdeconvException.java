package org.stdeconv;

/**
 * An error the user can act on. Its message is printed as one line (no stack trace unless --debug), and
 * {@link #exitCode()} becomes the process exit code: 1 internal, 2 usage or config, 3 bad input data, 144 out of
 * memory.
 */
public class StdeconvException extends RuntimeException {
    public static final int INTERNAL = 1;
    public static final int USAGE = 2;
    public static final int BAD_INPUT = 3;
    /**
     * Out of Java heap, met or foreseen: 144 = 128 + 16 (SIGSTKFLT, a signal no shell, kernel or scheduler sends), so
     * it is inside the 130-145 range that the pipeline (and nf-core's base.config) retries with more memory, yet not
     * 137 (SIGKILL, e.g. the kernel's OOM killer) or 140 (SLURM's memory/time limit), and a log reader can tell that
     * the JVM heap itself ran out.
     */
    public static final int OUT_OF_MEMORY = 144;

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
