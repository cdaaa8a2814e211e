package org.stdeconv;

/** Input data that cannot be used (exit code 3): corrupt or wrong files, non-count values, duplicates. */
public final class InputDataException extends StdeconvException {
    public InputDataException(String message) {
        super(BAD_INPUT, message);
    }

    public InputDataException(String message, Throwable cause) {
        super(BAD_INPUT, message, cause);
    }

    public InputDataException(Object file, String field, String problem, String hint) {
        super(BAD_INPUT, format(file, field, problem, hint));
    }

    /** A file or folder this user may not read: said as such, not as a missing or damaged input. */
    public static InputDataException permissionDenied(Object file) {
        return new InputDataException(file, null, "cannot read it (permission denied)", "check its permissions");
    }

    /**
     * A path that should be a regular file and is not: missing, a folder, or something else (/dev/null, a named pipe),
     * each said as what it is rather than "not found" for a path that exists.
     */
    public static InputDataException notARegularFile(java.nio.file.Path file) {
        return new InputDataException(file, null, NotARegularFile.what(file, "file"), "check the path");
    }
}
