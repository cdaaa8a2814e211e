package org.stdeconv.io;

import org.stdeconv.InputDataException;
import org.stdeconv.data.ExpressionData;
import org.stdeconv.io.h5ad.H5adReader;
import org.stdeconv.io.hdf5.H5Files;
import org.stdeconv.io.tenx.SpaceRangerPaths;
import org.stdeconv.io.tenx.TenxReader;
import org.stdeconv.io.text.CsvReader;
import org.stdeconv.io.text.DelimitedText;
import org.stdeconv.io.text.MtxReader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Picks the reader for a path by its form, unless the format is declared: an {@code .h5ad} (or any AnnData HDF5)
 * file; a 10x Space Ranger folder or 10x {@code .h5}; a MatrixMarket folder or {@code .mtx[.gz]} file; a CSV/TSV
 * table ({@code .csv .tsv .txt}, plain or .gz). Then applies what every format shares: side tables, true
 * proportions, and the coordinate requirement.
 */
public final class ExpressionReaders {
    private static final byte[] HDF5_SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

    private ExpressionReaders() {
    }

    public static ExpressionData read(Path path) {
        return read(path, ReadOptions.defaults());
    }

    public static ExpressionData read(Path path, ReadOptions options) {
        if (!Files.exists(path)) throw new InputDataException(path, null, "not found", "check the path");
        ReadOptions.Format format = options.format() == ReadOptions.Format.AUTO ? detect(path) : options.format();
        ExpressionData d = switch (format) {
            case H5AD -> withSideTables(H5adReader.read(path), options);
            case TENX -> TenxReader.read(path, options);
            case MTX -> MtxReader.read(path, options);
            case CSV -> CsvReader.read(path, options.withTruthTable(null));
            case AUTO -> throw new IllegalStateException();
        };
        if (options.varNamesColumn() != null) d = withGeneNamesFrom(path, format, d, options.varNamesColumn());
        if (options.truthTable() != null) d = CsvReader.withTruth(d, options.truthTable());
        requireUsableCoordinates(path, d, options.requireCoordinates());
        return d;
    }

    /** The format a path has by its form (extension, folder content, HDF5 layout). */
    public static ReadOptions.Format detect(Path path) {
        if (Files.isDirectory(path)) {
            if (TenxReader.isSpaceRangerFolder(path)) return ReadOptions.Format.TENX;
            try (var s = Files.list(path)) {
                if (s.anyMatch(p -> DelimitedText.plainName(p).endsWith(".mtx"))) return ReadOptions.Format.MTX;
            } catch (IOException e) {
                throw DelimitedText.unreadable(path, e);
            }
            SpaceRangerPaths.rejectUnchosenHdBins(path);
            throw new InputDataException(path, null, "folder is neither Space Ranger output nor a MatrixMarket set",
                    "give an .h5ad, a Space Ranger 'outs' folder, a folder with matrix.mtx[.gz] + features/barcodes lists, or a CSV/TSV table");
        }
        DelimitedText.requireNonEmpty(path);
        String name = DelimitedText.plainName(path);
        if (name.endsWith(".h5ad")) return ReadOptions.Format.H5AD;
        if (name.endsWith(".mtx")) return ReadOptions.Format.MTX;
        if (name.endsWith(".csv") || name.endsWith(".tsv") || name.endsWith(".txt") || name.endsWith(".tab")) return ReadOptions.Format.CSV;
        if (isHdf5(path)) {
            // a 10x matrix has /matrix (or a genome group); everything else HDF5 is given to the AnnData reader
            try (var h5 = H5Files.open(path)) {
                boolean anndata = h5.getChildren().containsKey("obs") || h5.getChildren().containsKey("X");
                return anndata ? ReadOptions.Format.H5AD : ReadOptions.Format.TENX;
            } catch (RuntimeException e) {
                return ReadOptions.Format.H5AD;
            }
        }
        throw new InputDataException(path, null, "unsupported input format", "give an .h5ad file, a 10x Space Ranger folder or .h5, a MatrixMarket folder or .mtx[.gz], or a CSV/TSV table");
    }

    private static boolean isHdf5(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            return Arrays.equals(in.readNBytes(8), HDF5_SIGNATURE);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The genes renamed from an .h5ad's var column (duplicates made unique as anndata's var_names_make_unique does).
     * Other formats have one gene naming only: Space Ranger and MatrixMarket inputs are read by symbol already.
     */
    private static ExpressionData withGeneNamesFrom(Path path, ReadOptions.Format format, ExpressionData d, String column) {
        if (format != ReadOptions.Format.H5AD) {
            throw new InputDataException(path, null, "a var column (" + column + ") can name the genes of an .h5ad only, this input is " + format,
                    "leave the var column out (convert's --var-names, qc's reference_var_names): Space Ranger, MatrixMarket and table inputs are read by gene symbol");
        }
        List<String> names = H5adReader.varTextColumn(path, column);
        int empty = 0;
        for (String n : names) if (n.isBlank()) empty++;
        if (empty > 0) {
            throw new InputDataException(path, "var/" + column, empty + " of " + names.size() + " genes have no value",
                    "pick a var column that names every gene, or fill in the missing names");
        }
        names = DataChecks.makeUnique(path, names);
        DataChecks.requireUsableNames(path, "var/" + column, names);
        return d.withCounts(d.counts(), names);
    }

    private static ExpressionData withSideTables(ExpressionData d, ReadOptions options) {
        for (Path t : options.obsTables()) d = ObsTableJoin.join(d, t);
        return d;
    }

    private static void requireUsableCoordinates(Path path, ExpressionData d, boolean required) {
        if (!d.hasSpatial()) {
            if (required) {
                throw new InputDataException(path, "coordinates", "no spot coordinates (looked for obsm/spatial, x/y or row/col columns, tissue positions, XxY spot names)",
                        "add coordinates (e.g. a side table with x and y columns keyed by spot id)");
            }
            return;
        }
        double[][] xy = d.spatial();
        for (int i = 0; i < xy.length; i++) {
            if (!Double.isFinite(xy[i][0]) || !Double.isFinite(xy[i][1])) {
                if (!required) {
                    org.stdeconv.log.Log.warn("%s: spot '%s' has no finite coordinates; steps that need coordinates will refuse this input", path, d.obsNames().get(i));
                    return;
                }
                throw new InputDataException(path, "coordinates", "spot '" + d.obsNames().get(i) + "' has no finite coordinates (" + xy[i][0] + ", " + xy[i][1] + ")", "give every spot finite x and y");
            }
        }
    }
}
