package org.stdeconv.io.h5ad;

import org.stdeconv.data.ObsTable;

import java.nio.file.Path;
import java.util.AbstractList;
import java.util.List;
import java.util.Map;

/**
 * Run in its own JVM by {@link StreamingH5adWriterTest}: streams ROWS x COLS with PER_ROW non-zeros per row into
 * FILE (non-zeros not announced, so the indices take the temporary-file route). Row r has its values at columns
 * {@link #column}(r, j) with values {@link #value}(r, j), so the test can check any row without holding the matrix.
 */
public final class StreamingWriteProbe {
    private StreamingWriteProbe() {
    }

    static int column(int r, int j, int cols, int perRow) {
        int stride = cols / perRow;
        return j * stride + r % stride;
    }

    static float value(int r, int j) {
        return 1 + (r * 31 + j) % 1000;
    }

    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        int rows = Integer.parseInt(args[1]), cols = Integer.parseInt(args[2]), perRow = Integer.parseInt(args[3]);
        List<String> genes = names("g", cols), spots = names("s", rows);
        int[] idx = new int[perRow];
        float[] val = new float[perRow];
        try (StreamingH5adWriter w = StreamingH5adWriter.create(file, genes)) {
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < perRow; j++) {
                    idx[j] = column(r, j, cols, perRow);
                    val[j] = value(r, j);
                }
                w.appendRow(idx, val, perRow);
            }
            w.finish(spots, new ObsTable(rows), null, Map.of(), Map.of());
        }
        System.out.println("max heap " + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB");
    }

    private static List<String> names(String prefix, int n) {
        return new AbstractList<>() {
            @Override
            public String get(int i) {
                return prefix + i;
            }

            @Override
            public int size() {
                return n;
            }
        };
    }
}
