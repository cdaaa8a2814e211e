package org.stdeconv.evaluate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Marker genes per cell type for the marker-agreement score: the genes whose mean log1p(cp10k) in the type exceeds
 * the highest mean among the other types most (a log fold change against the runner-up, so a marker is specific to
 * its type), at least {@code minLogFoldChange}, at most {@code perType} of them, ties broken by gene name.
 * Deliberately not qc's {@code MarkerSelection}: that one picks the model's input genes (Welch t-test of a type
 * against all other cells, permissive by design: 4601 of 4976 PDAC genes pass), whereas a marker-agreement score
 * needs a few genes that only one type expresses, which a test against the pooled rest does not guarantee (a gene
 * shared by two types passes it for both).
 */
public final class ReferenceMarkers {
    private ReferenceMarkers() {
    }

    /** {@code log1pProfiles}: profiles under the log1p_cp10k transform. */
    public static Map<String, List<String>> select(ReferenceProfiles log1pProfiles, int perType, double minLogFoldChange) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        List<String> genes = log1pProfiles.genes();
        for (int t = 0; t < log1pProfiles.types().size(); t++) {
            List<double[]> scored = new ArrayList<>();
            for (int j = 0; j < genes.size(); j++) {
                double lfc = log1pProfiles.mean()[t][j] - log1pProfiles.maxOfOthers(t, j);
                if (lfc >= minLogFoldChange) scored.add(new double[]{lfc, j});
            }
            scored.sort(Comparator.<double[]>comparingDouble(a -> -a[0]).thenComparing(a -> genes.get((int) a[1])));
            List<String> markers = new ArrayList<>();
            for (int m = 0; m < Math.min(perType, scored.size()); m++) markers.add(genes.get((int) scored.get(m)[1]));
            out.put(log1pProfiles.types().get(t), markers);
        }
        return out;
    }
}
