package org.stdeconv.evaluate;

import org.stdeconv.ConfigException;
import org.stdeconv.data.ExpressionData;
import org.stdeconv.log.Log;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Marker genes the user names per cell type (evaluate's markers.genes: known biology such as MS4A1 and CR2 for B
 * cells), checked against the predicted types and the slide's genes, and scored on the slide's own genes so that
 * a marker absent from the reference still counts.
 */
final class GivenMarkers {
    private GivenMarkers() {
    }

    /**
     * The given markers found in {@code spots}, per predicted type; a type that is not predicted, or of whose
     * markers the slide has none, is an error naming it.
     */
    static Map<String, List<String>> resolve(Map<String, List<String>> given, List<String> predictedTypes, ExpressionData spots, String source) {
        Set<String> genes = new java.util.HashSet<>(spots.varNames());
        Map<String, List<String>> found = new LinkedHashMap<>();
        given.forEach((type, list) -> {
            if (!predictedTypes.contains(type)) {
                throw new ConfigException(source, "markers.genes." + type, "is not a predicted cell type (predicted: " + String.join(", ", predictedTypes) + ")",
                        "name the type as the predictions do");
            }
            List<String> present = new ArrayList<>(), missing = new ArrayList<>();
            for (String g : list) (genes.contains(g) ? present : missing).add(g);
            if (present.isEmpty()) {
                throw new ConfigException(source, "markers.genes." + type, "none of " + list + " is a gene of the slide",
                        "check the gene naming (symbols vs Ensembl ids) against the slide's var names");
            }
            if (!missing.isEmpty()) Log.warn("evaluate: markers of %s not in the slide, left out: %s", type, String.join(", ", missing));
            found.put(type, present);
        });
        return found;
    }

    /** {@code selected} (reference markers, may be null) with the given types' lists in place of theirs. */
    static Map<String, List<String>> override(Map<String, List<String>> selected, Map<String, List<String>> given) {
        Map<String, List<String>> out = selected == null ? new LinkedHashMap<>() : new LinkedHashMap<>(selected);
        out.putAll(given);
        return out;
    }
}
