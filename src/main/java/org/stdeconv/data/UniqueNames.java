package org.stdeconv.data;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Names that must not repeat (spot ids, genes, cell types): the first repeat, for an error line that names it. */
public final class UniqueNames {
    private UniqueNames() {
    }

    /** The first name that occurs a second time, or null when all differ. */
    public static String firstRepeated(List<String> names) {
        Set<String> seen = new HashSet<>(names.size() * 2);
        for (String n : names) if (!seen.add(n)) return n;
        return null;
    }
}
