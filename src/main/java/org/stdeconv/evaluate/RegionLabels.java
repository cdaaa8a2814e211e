package org.stdeconv.evaluate;

import org.stdeconv.InputDataException;
import org.stdeconv.data.ExpressionData;
import org.stdeconv.data.TsvNames;

import java.nio.file.Path;
import java.util.List;

/** The annotated regions (or layers) of a slide's spots, which evaluate's cluster and region figures compare against. */
final class RegionLabels {
    private RegionLabels() {
    }

    /** The labels of {@code column} in {@code file}'s spots, checked: null for the unannotated ones. */
    static String[] read(ExpressionData d, String column, List<String> unannotated, Path file) {
        String[] regions = labels(d, column, unannotated);
        requireUsableRegions(regions, file, column);
        return regions;
    }

    /** The configured annotation column, or 'region' / 'layer' when not configured; null when absent. */
    static String column(ExpressionData d, String configured) {
        if (configured != null && !configured.isEmpty()) return d.obs().has(configured) ? configured : null;
        for (String candidate : new String[]{"region", "layer"}) if (d.obs().has(candidate)) return candidate;
        return null;
    }

    /** Region labels become rows of region_means.tsv, where a TAB or line break in one would shift or split its row. */
    private static void requireUsableRegions(String[] regions, Path file, String column) {
        for (String r : regions) {
            if (TsvNames.breaksRow(r)) {
                throw new InputDataException(file, "obs/" + column, "label '" + TsvNames.shown(r) + "' holds a TAB or line break, which would break region_means.tsv",
                        "rename the region");
            }
        }
    }

    /** Labels as text, null for the unannotated ones. */
    static String[] labels(ExpressionData d, String column, List<String> unannotated) {
        String[] text = d.obs().text(column);
        double[] num = d.obs().numeric(column);
        String[] out = new String[d.nObs()];
        for (int i = 0; i < out.length; i++) {
            String v = text != null ? text[i] : Double.isNaN(num[i]) ? null : Labels.format(num[i]);
            if (v == null) continue;
            String trimmed = v.trim();
            boolean none = unannotated.stream().anyMatch(u -> u.equalsIgnoreCase(trimmed));
            out[i] = none ? null : trimmed;
        }
        return out;
    }
}
