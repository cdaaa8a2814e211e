package org.stdeconv.qc;

import org.stdeconv.InputDataException;
import org.stdeconv.data.GeneAlignment;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** The genes reference and slide share; too few is an error that shows both sides and guesses why. */
final class GeneOverlap {
    private static final Pattern ENSEMBL = Pattern.compile("^ENS[A-Z]*G\\d{6,}(\\.\\d+)?$");
    private static final Pattern ENSEMBL_VERSIONED = Pattern.compile("^ENS[A-Z]*G\\d{6,}\\.\\d+$");

    private GeneOverlap() {
    }

    /** Shared genes in reference order; fewer than {@code minShared} throws {@link InputDataException}. */
    static List<String> shared(List<String> reference, List<String> slide, int minShared, Path referenceFile, Path slideFile) {
        List<String> shared = GeneAlignment.intersect(reference, slide);
        if (shared.size() >= minShared) return shared;
        String problem = "only " + shared.size() + " genes shared with " + referenceFile.getFileName() + " (min_shared_genes = " + minShared
                + "); reference genes e.g. " + sample(reference) + "; slide genes e.g. " + sample(slide);
        throw new InputDataException(slideFile, "var index (gene names)", problem, hint(reference, slide));
    }

    static String hint(List<String> reference, List<String> slide) {
        double ensRef = fraction(reference, ENSEMBL), ensSlide = fraction(slide, ENSEMBL);
        if ((ensRef > 0.5) != (ensSlide > 0.5)) {
            return "one file uses Ensembl ids (ENSG...) and the other gene symbols: convert one of them to the other's naming";
        }
        if (ensRef > 0.5 && (fraction(reference, ENSEMBL_VERSIONED) > 0.5) != (fraction(slide, ENSEMBL_VERSIONED) > 0.5)) {
            return "one file has versioned Ensembl ids (ENSG00000111640.15) and the other not: strip the '.N' version suffix";
        }
        int caseless = caselessOverlap(reference, slide);
        if (caseless > 2 * Math.max(1, GeneAlignment.intersect(reference, slide).size())) {
            return caseless + " genes match when case is ignored (e.g. Gapdh vs GAPDH): the files probably come from different species"
                    + " or one was upper-cased; map the genes to one species' symbols";
        }
        return "check that both files come from the same species and name genes the same way (symbols vs ids)";
    }

    private static String sample(List<String> genes) {
        int n = Math.min(4, genes.size());
        return genes.isEmpty() ? "(none)" : String.join(", ", genes.subList(0, n)) + (genes.size() > n ? ", ..." : "");
    }

    private static double fraction(List<String> genes, Pattern p) {
        if (genes.isEmpty()) return 0;
        int c = 0;
        for (String g : genes) if (p.matcher(g).matches()) c++;
        return (double) c / genes.size();
    }

    private static int caselessOverlap(List<String> a, List<String> b) {
        Set<String> s = new HashSet<>();
        for (String g : b) s.add(g.toUpperCase(Locale.ROOT));
        Set<String> seen = new HashSet<>();
        for (String g : a) if (s.contains(g.toUpperCase(Locale.ROOT))) seen.add(g.toUpperCase(Locale.ROOT));
        return seen.size();
    }
}
