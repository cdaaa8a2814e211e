package org.stdeconv.infer;

import org.stdeconv.InputDataException;
import org.stdeconv.data.GeneAlignment;
import org.stdeconv.log.Log;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Aligns a slide's genes to a model's gene order and enforces the minimum overlap. */
public final class GeneOverlap {
    static final int EXAMPLES = 5;

    private GeneOverlap() {
    }

    /**
     * The alignment of {@code slideGenes} onto {@code modelGenes}: warns how many model genes are missing (they are
     * fed as zero counts), fails (exit 3) when fewer than {@code minOverlap} of them are present.
     */
    public static GeneAlignment check(List<String> slideGenes, List<String> modelGenes, double minOverlap, Path slide) {
        GeneAlignment a = GeneAlignment.of(slideGenes, modelGenes);
        if (a.fractionFound() < minOverlap) {
            throw new InputDataException(slide, "var (gene names)", String.format(Locale.ROOT,
                            "only %d of the model's %d genes (%.1f%%) are in the slide, below min_gene_overlap %s; missing e.g. %s; slide genes e.g. %s",
                            a.found(), modelGenes.size(), 100 * a.fractionFound(), minOverlap, String.join(", ", a.missingGenes(EXAMPLES)),
                            String.join(", ", slideGenes.subList(0, Math.min(EXAMPLES, slideGenes.size())))),
                    "use a model trained on the same species and gene identifiers (symbols vs Ensembl IDs), or lower min_gene_overlap");
        }
        if (a.missing() > 0) {
            Log.warn("%s: %d of the model's %d genes (%.1f%%) are missing from the slide and are filled with 0 (e.g. %s)",
                    slide, a.missing(), modelGenes.size(), 100.0 * a.missing() / modelGenes.size(), String.join(", ", a.missingGenes(EXAMPLES)));
        }
        return a;
    }
}
