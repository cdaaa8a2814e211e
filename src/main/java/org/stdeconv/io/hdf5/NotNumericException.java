package org.stdeconv.io.hdf5;

/** A dataset that should hold numbers holds something else (text, say): the readers name the dataset with it. */
public final class NotNumericException extends IllegalArgumentException {
    private final String field;

    public NotNumericException(String field, String holds, String expected) {
        super(field + " holds " + holds + ", not " + expected);
        this.field = field;
    }

    /** The one line a user sees: the file, the dataset, what it holds, and {@code hint}. */
    public org.stdeconv.InputDataException in(java.nio.file.Path file, String hint) {
        return new org.stdeconv.InputDataException(file, field, getMessage().substring(field.length() + 1), hint);
    }

    /** The dataset's path inside the file, without the leading slash (e.g. "X/data", "obsm/spatial"). */
    public String field() {
        return field;
    }

    /** Runs a conversion of {@code field}'s data, naming the field when the data is not numeric. */
    static <T> T converting(String field, Object data, java.util.function.Function<Object, T> convert) {
        try {
            return convert.apply(data);
        } catch (IllegalArgumentException e) {
            if (e instanceof NotNumericException) throw e;
            String holds = data == null ? "nothing" : data.getClass().getComponentType() == null ? data.getClass().getSimpleName()
                    : data.getClass().getComponentType().getSimpleName() + " values";
            throw new NotNumericException(field, holds, String.valueOf(e.getMessage()).startsWith("not an integer") ? "integers" : "numbers");
        }
    }

    /** The same for a dataset. */
    public static <T> T converting(io.jhdf.api.Dataset ds, java.util.function.Function<Object, T> convert) {
        return converting(ds, ds.getData(), convert);
    }

    /** The same for a part of a dataset's data (a slice read on its own). */
    public static <T> T converting(io.jhdf.api.Dataset ds, Object slice, java.util.function.Function<Object, T> convert) {
        return converting(field(ds), slice, convert);
    }

    /** Dataset {@code ds} holds {@code holds} ("String values") where {@code expected} ("numbers") belong, known from its type alone. */
    public static NotNumericException of(io.jhdf.api.Dataset ds, String holds, String expected) {
        return new NotNumericException(field(ds), holds, expected);
    }

    private static String field(io.jhdf.api.Dataset ds) {
        return ds.getPath().replaceFirst("^/", "").replaceFirst("/$", "");
    }
}
