package org.stdeconv.data;

import org.stdeconv.InputDataException;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Whether two files' genes overlap enough to be used together (qc: reference and slide; train: training data and
 * target; infer: model and slide). Too little overlap is one error that names the file, shows a few genes from
 * each side and guesses why (Ensembl ids against symbols, version suffixes, case), because a naming mismatch is
 * the usual cause and the genes themselves show it.
 */
public final class GeneOverlap {
    private static final Pattern ENSEMBL = Pattern.compile("^ENS[A-Z]*G\\d{6,}(\\.\\d+)?$");
    private static final Pattern ENSEMBL_VERSIONED = Pattern.compile("^ENS[A-Z]*G\\d{6,}\\.\\d+$");
    private static final String FIELD = "var index (gene names)";
    private static final int EXAMPLES = 5;

    private GeneOverlap() {
    }

    /** Shared genes in reference order; fewer than {@code minShared} (qc's min_shared_genes) throws {@link InputDataException}. */
    public static List<String> requireShared(List<String> reference, List<String> slide, int minShared, Path referenceFile, Path slideFile) {
        List<String> shared = GeneAlignment.intersect(reference, slide);
        if (shared.size() >= minShared) return shared;
        String problem = "only " + shared.size() + " genes shared with " + referenceFile.getFileName() + " (min_shared_genes = " + minShared
                + "); reference genes e.g. " + examples(reference) + "; slide genes e.g. " + examples(slide);
        throw new InputDataException(slideFile, FIELD, problem, hint(reference, slide));
    }

    /**
     * The alignment of {@code file}'s genes ({@code have}) onto the genes a model works on ({@code wanted}); fewer
     * than {@code minShare} of them present throws {@link InputDataException}. Reading the message: "only 10 of
     * {@code whose} 20 genes (50.0%) are in the {@code fileRole}, below {@code threshold}".
     *
     * @param threshold the limit as the user can change it ("min_gene_overlap 0.5"), or as fixed ("the 0.5 training needs")
     * @param remedy    what else the user can do besides fixing the gene names, or null
     */
    public static GeneAlignment requireShare(List<String> wanted, String whose, List<String> have, Path file, String fileRole,
                                             double minShare, String threshold, String remedy) {
        GeneAlignment a = GeneAlignment.of(have, wanted);
        if (a.fractionFound() >= minShare) return a;
        List<String> missing = a.missingGenes(EXAMPLES + 1);
        String problem = String.format(Locale.ROOT, "only %d of %s %d genes (%.1f%%) are in the %s, below %s; missing e.g. %s; %s genes e.g. %s",
                a.found(), whose, wanted.size(), 100 * a.fractionFound(), fileRole, threshold, examples(missing), fileRole, examples(have));
        String hint = hint(wanted, have);
        throw new InputDataException(file, FIELD, problem, remedy == null ? hint : hint + ", or " + remedy);
    }

    /** Why two gene lists may not match, from the names alone. */
    static String hint(List<String> first, List<String> second) {
        double ensFirst = fraction(first, ENSEMBL), ensSecond = fraction(second, ENSEMBL);
        if ((ensFirst > 0.5) != (ensSecond > 0.5)) {
            return "one file uses Ensembl ids (ENSG...) and the other gene symbols: convert one of them to the other's naming"
                    + " (an .h5ad whose var has a symbol column, e.g. cellxgene's feature_name: stdeconv convert --var-names feature_name IN OUT.h5ad)";
        }
        if (ensFirst > 0.5 && (fraction(first, ENSEMBL_VERSIONED) > 0.5) != (fraction(second, ENSEMBL_VERSIONED) > 0.5)) {
            return "one file has versioned Ensembl ids (ENSG00000111640.15) and the other not: strip the '.N' version suffix";
        }
        int caseless = caselessOverlap(first, second);
        if (caseless > 2 * Math.max(1, GeneAlignment.intersect(first, second).size())) {
            return caseless + " genes match when case is ignored (e.g. Gapdh vs GAPDH): the files probably come from different species"
                    + " or one was upper-cased; map the genes to one species' symbols";
        }
        return "check that both files come from the same species and name genes the same way (symbols vs ids)";
    }

    private static String examples(List<String> genes) {
        int n = Math.min(EXAMPLES, genes.size());
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
