package org.stdeconv.io;

import org.stdeconv.InputDataException;
import org.stdeconv.log.Log;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * 10x feature types: only 'Gene Expression' features are genes; antibody capture, CRISPR guides and the like are left
 * out. One rule for the .h5 matrix and the features.tsv of a MatrixMarket folder.
 */
public final class GeneExpressionFeatures {
    private GeneExpressionFeatures() {
    }

    /** Indices of the gene expression features among {@code types} (case and surrounding blanks ignored). */
    public static int[] of(List<String> types, Path file, String field) {
        int[] keep = new int[types.size()];
        int n = 0;
        for (int j = 0; j < types.size(); j++) if (types.get(j).strip().equalsIgnoreCase("Gene Expression")) keep[n++] = j;
        if (n == 0 && !types.isEmpty()) {
            throw new InputDataException(file, field, "no 'Gene Expression' features (feature types here: " + String.join(", ", new TreeSet<>(types)) + ")",
                    "give the gene expression matrix of the run; stdeconv reads only 'Gene Expression' features");
        }
        if (n < types.size()) Log.info("%s: %d non-gene features (antibody capture, CRISPR ...) left out", file.getFileName(), types.size() - n);
        return Arrays.copyOf(keep, n);
    }
}
