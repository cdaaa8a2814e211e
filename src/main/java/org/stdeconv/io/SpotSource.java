package org.stdeconv.io;

import org.stdeconv.data.CsrMatrix;
import org.stdeconv.data.ObsTable;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A slide read a block of spots at a time, so that work over a huge slide needs memory for one block of counts,
 * not for the whole matrix. The per-spot annotations (names, coordinates, obs columns) are held whole.
 */
public interface SpotSource extends AutoCloseable {
    Path path();

    int rows();

    List<String> obsNames();

    /** Gene names, in column order of {@link #readRows}. */
    List<String> varNames();

    /** n x 2 coordinates, or null when the slide has none. */
    double[][] spatial();

    ObsTable obs();

    /** String-valued metadata (AnnData's uns, flattened). */
    Map<String, String> uns();

    /** Stored non-zero entries of the whole matrix (rows x cols for dense storage): sizes outputs before reading. */
    long storedEntries();

    /** Raw counts of spots [start, start + n), all genes; bad values fail with the file and field named. */
    CsrMatrix readRows(int start, int n);

    @Override
    void close();
}
