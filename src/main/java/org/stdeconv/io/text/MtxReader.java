package org.stdeconv.io.text;

import org.stdeconv.InputDataException;
import org.stdeconv.io.GeneExpressionFeatures;
import org.stdeconv.data.CsrMatrix;
import org.stdeconv.data.ExpressionData;
import org.stdeconv.io.Coordinates;
import org.stdeconv.io.DataChecks;
import org.stdeconv.io.ObsTableJoin;
import org.stdeconv.io.ReadOptions;
import org.stdeconv.log.Log;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A MatrixMarket set: the counts file plus name lists found beside it, and optional side tables.
 * <ul>
 * <li>Point at a folder holding {@code matrix.mtx[.gz]} + {@code features.tsv[.gz]} or {@code genes.tsv[.gz]} +
 * {@code barcodes.tsv[.gz]} (10x / Cell Ranger), or holding exactly one {@code *.mtx[.gz]}.</li>
 * <li>Or point at the {@code .mtx[.gz]} file itself. Its name gives the prefix of the set:
 * {@code sc_counts.mtx.gz} (or {@code sc_matrix.mtx.gz}) names the prefix {@code sc_}, and the lists are
 * {@code sc_genes|sc_features} and {@code sc_barcodes} with extension .txt, .tsv or .csv, plain or .gz.</li>
 * <li>With a non-empty prefix, every other {@code PREFIX*.csv|tsv[.gz]} beside it is a side table joined by id
 * (e.g. {@code sc_meta.csv.gz} gives cell types, {@code spatial_location.csv.gz} coordinates); more tables can be
 * given explicitly. Without coordinates from a table, "XxY" barcodes give them.</li>
 * </ul>
 * Orientation follows from the list lengths (genes x barcodes as 10x and R write it, or the transpose); a square
 * matrix is taken as genes x barcodes unless declared. A feature list with ids and symbols (10x) uses the symbols,
 * made unique as anndata does, and keeps only 'Gene Expression' features; a single-column list must be unique.
 */
public final class MtxReader {
    private static final String[] LIST_EXTENSIONS = {".tsv.gz", ".tsv", ".txt.gz", ".txt", ".csv.gz", ".csv"};

    private MtxReader() {
    }

    public static ExpressionData read(Path path) {
        return read(path, ReadOptions.defaults());
    }

    public static ExpressionData read(Path path, ReadOptions options) {
        Path mtx = Files.isDirectory(path) ? findMatrix(path) : path;
        String prefix = prefixOf(mtx);
        Path dir = mtx.toAbsolutePath().getParent();
        Path geneList = findList(dir, prefix, "features", "genes");
        Path barcodeList = findList(dir, prefix, "barcodes", "cells");
        if (geneList == null || barcodeList == null) {
            throw new InputDataException(mtx, null, "no " + (geneList == null ? "gene" : "barcode") + " list beside the matrix (looked for "
                    + prefix + (geneList == null ? "features|genes" : "barcodes|cells") + ".tsv|txt|csv[.gz])", "put the name lists next to the .mtx file with matching names");
        }
        FeatureList genes = readFeatures(geneList);
        List<String> barcodes = firstColumn(barcodeList);
        MatrixMarket.Header h = MatrixMarket.header(mtx);
        boolean obsAreRows = orientation(mtx, h, genes.all.size(), barcodes.size(), options.orientation());
        CsrMatrix x = MatrixMarket.read(mtx, obsAreRows);
        List<String> geneNames = genes.all;
        if (genes.keep != null) {
            List<String> kept = new ArrayList<>();
            int[] src = new int[genes.keep.length];
            for (int j = 0; j < src.length; j++) { src[j] = genes.keep[j]; kept.add(genes.all.get(genes.keep[j])); }
            x = x.remapColumns(src);
            geneNames = kept;
        }
        if (genes.symbols) geneNames = DataChecks.makeUnique(geneList, geneNames);
        else DataChecks.requireUsableNames(geneList, "gene names", geneNames);
        DataChecks.requireUsableNames(barcodeList, "barcodes", barcodes);
        ExpressionData d = new ExpressionData(x, barcodes, geneNames, null, null, null);
        List<Path> tables = new ArrayList<>();
        if (!prefix.isEmpty()) tables.addAll(sideTables(dir, prefix, List.of(mtx, geneList, barcodeList)));
        tables.addAll(options.obsTables());
        for (Path t : tables) {
            Log.info("joining %s onto %s", t.getFileName(), mtx.getFileName());
            d = ObsTableJoin.join(d, t);
        }
        if (!d.hasSpatial()) {
            double[][] xy = Coordinates.fromSpotNames(d.obsNames());
            if (xy != null) d = new ExpressionData(d.counts(), d.obsNames(), d.varNames(), d.obs(), xy, d.uns(), d.obsm());
        }
        return DataChecks.requireUsable(mtx, d, "counts");
    }

    private static Path findMatrix(Path dir) {
        for (String n : new String[]{"matrix.mtx.gz", "matrix.mtx"}) if (Files.isRegularFile(dir.resolve(n))) return dir.resolve(n);
        List<Path> found = list(dir).filter(p -> {
            String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
            return n.endsWith(".mtx") || n.endsWith(".mtx.gz");
        }).sorted().toList();
        if (found.size() == 1) return found.get(0);
        if (found.isEmpty()) throw new InputDataException(dir, null, "no .mtx or .mtx.gz file in this folder", "give a folder with matrix.mtx[.gz], features.tsv[.gz], barcodes.tsv[.gz]");
        throw new InputDataException(dir, null, "several MatrixMarket files here (" + String.join(", ", found.stream().map(p -> p.getFileName().toString()).toList()) + ")",
                "give the .mtx[.gz] file you mean instead of the folder");
    }

    /** "sc_counts.mtx.gz" -> "sc_", "matrix.mtx" -> "", "liver.mtx" -> "liver_" (then "liver." and "liver" are tried too). */
    static String prefixOf(Path mtx) {
        String n = mtx.getFileName().toString();
        String stem = n.replaceFirst("(?i)\\.mtx(\\.gz)?$", "");
        for (String word : new String[]{"counts", "count", "matrix"}) {
            if (stem.toLowerCase(Locale.ROOT).endsWith(word)) return stem.substring(0, stem.length() - word.length());
        }
        return stem + "_";
    }

    private static Path findList(Path dir, String prefix, String... names) {
        List<String> prefixes = new ArrayList<>(List.of(prefix));
        if (prefix.endsWith("_")) {
            String stem = prefix.substring(0, prefix.length() - 1);
            prefixes.add(stem + ".");
        }
        for (String p : prefixes) for (String name : names) for (String ext : LIST_EXTENSIONS) {
            Path f = dir.resolve(p + name + ext);
            if (Files.isRegularFile(f)) return f;
        }
        return null;
    }

    private static List<Path> sideTables(Path dir, String prefix, List<Path> taken) {
        return list(dir).filter(p -> {
            String n = p.getFileName().toString();
            String lower = DelimitedText.plainName(p);
            return n.startsWith(prefix) && (lower.endsWith(".csv") || lower.endsWith(".tsv"))
                    && taken.stream().noneMatch(t -> sameFile(t, p));
        }).sorted().toList();
    }

    private static boolean sameFile(Path a, Path b) {
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    private static Stream<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList().stream();
        } catch (java.nio.file.AccessDeniedException e) {
            // a folder that can be entered but not listed (mode 311): its matrix opens, its name lists cannot be found
            throw new InputDataException(dir, null, "cannot list the folder (permission denied), so the gene and barcode lists beside the matrix cannot be found",
                    "give read permission on the folder, or copy the MatrixMarket set to a folder you can read");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean orientation(Path mtx, MatrixMarket.Header h, int nGenes, int nBarcodes, ReadOptions.Orientation declared) {
        boolean genesByBarcodes = h.rows() == nGenes && h.cols() == nBarcodes;
        boolean barcodesByGenes = h.rows() == nBarcodes && h.cols() == nGenes;
        if (declared == ReadOptions.Orientation.GENES_BY_SPOTS && genesByBarcodes) return false;
        if (declared == ReadOptions.Orientation.SPOTS_BY_GENES && barcodesByGenes) return true;
        if (declared == ReadOptions.Orientation.AUTO && genesByBarcodes) return false;
        if (declared == ReadOptions.Orientation.AUTO && barcodesByGenes) return true;
        throw new InputDataException(mtx, "size line", "the matrix is " + h.rows() + " x " + h.cols() + " but the lists name " + nGenes + " genes and " + nBarcodes + " barcodes"
                + (declared == ReadOptions.Orientation.AUTO ? "" : " (declared " + declared + ")"), "give the name lists that belong to this matrix");
    }

    /** Gene names, whether they are symbols beside ids (10x), and which rows are gene expression (null: all). */
    private record FeatureList(List<String> all, boolean symbols, int[] keep) {
    }

    private static FeatureList readFeatures(Path file) {
        List<List<String>> rows = DelimitedText.readAll(file);
        if (rows.isEmpty()) throw new InputDataException(file, null, "no gene names", "give one gene per line");
        boolean twoColumns = rows.get(0).size() >= 2;
        List<String> names = new ArrayList<>(rows.size());
        List<String> types = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            List<String> r = rows.get(i);
            if (twoColumns && r.size() < 2) throw new InputDataException(file, "line " + (i + 1), "1 field where the first line has " + rows.get(0).size(), "give every line the same fields");
            names.add(twoColumns ? r.get(1) : r.get(0));
            types.add(r.size() < 3 ? "Gene Expression" : r.get(2));
        }
        int[] keep = GeneExpressionFeatures.of(types, file, "column 3 (feature type)");
        return new FeatureList(names, twoColumns, keep.length < rows.size() ? keep : null);
    }

    private static List<String> firstColumn(Path file) {
        List<String> out = new ArrayList<>();
        for (List<String> r : DelimitedText.readAll(file)) out.add(r.get(0));
        if (out.isEmpty()) throw new InputDataException(file, null, "no names", "give one name per line");
        return out;
    }

}
