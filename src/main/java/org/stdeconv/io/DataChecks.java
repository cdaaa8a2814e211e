package org.stdeconv.io;

import org.stdeconv.InputDataException;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Checks every reader applies, so that bad input fails at the door with the file and field named. */
public final class DataChecks {
    private DataChecks() {
    }

    public static void requireUniqueNames(Path file, String field, List<String> names) {
        Set<String> seen = new HashSet<>(names.size() * 2);
        for (String n : names) {
            if (!seen.add(n)) {
                throw new InputDataException(file, field, "duplicate name '" + n + "'", "make the names unique (e.g. anndata's var_names_make_unique)");
            }
        }
    }

    /** Counts must be finite and non-negative (raw or at least unnormalised counts, never log or scaled values). */
    public static void requireCounts(Path file, float[] values, String field) {
        for (float v : values) {
            if (!Float.isFinite(v)) {
                throw new InputDataException(file, field, "non-finite value (" + v + ") in the counts", "give raw counts without NaN or Inf");
            }
            if (v < 0) {
                throw new InputDataException(file, field, "negative value (" + v + ") in the counts", "give raw counts, not scaled or log-centred values");
            }
        }
    }
}
