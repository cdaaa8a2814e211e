package org.stdeconv.io.tenx;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import org.stdeconv.InputDataException;
import org.stdeconv.StdeconvException;
import org.stdeconv.data.CsrMatrix;
import org.stdeconv.data.ExpressionData;
import org.stdeconv.data.ObsTable;
import org.stdeconv.io.DataChecks;
import org.stdeconv.io.ObsTableJoin;
import org.stdeconv.io.ReadOptions;
import org.stdeconv.io.hdf5.Arrays1D;
import org.stdeconv.io.hdf5.H5Arrays;
import org.stdeconv.io.hdf5.H5Files;
import org.stdeconv.io.text.DelimitedText;
import org.stdeconv.io.text.MtxReader;
import org.stdeconv.log.Log;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * 10x Genomics Space Ranger output: {@code filtered_feature_bc_matrix.h5} (10x HDF5 layout: CSC genes x barcodes
 * under {@code matrix/}, or the older per-genome group) plus {@code spatial/tissue_positions.parquet} (Visium HD),
 * {@code spatial/tissue_positions.csv} (Space Ranger 2+, with header) or the header-less
 * {@code spatial/tissue_positions_list.csv}. Accepts the {@code outs} folder, the run folder above it, a Visium HD bin
 * folder ({@code binned_outputs/square_008um}), a folder holding {@code filtered_feature_bc_matrix/} (MatrixMarket)
 * instead of the .h5, or the .h5 file itself (coordinates then from a {@code spatial/} folder beside it, if any).
 * Infer reads .h5 slides a block at a time through {@link org.stdeconv.io.tenx.TenxRowSource} instead.
 *
 * <p>Only barcodes that are in the matrix and marked in_tissue = 1 are kept. Coordinates are full-resolution pixels
 * by default (x = pxl_col_in_fullres, y = pxl_row_in_fullres: scanpy's obsm['spatial'], so plots overlay the
 * H&amp;E image) or the array grid (x = array_col, y = array_row); obs always gets array_row and array_col. Gene
 * symbols are made unique as anndata does; non-gene features (antibody capture ...) are left out.
 */
public final class TenxReader {
    public static final String H5_NAME = "filtered_feature_bc_matrix.h5";
    public static final String MTX_FOLDER = "filtered_feature_bc_matrix";

    private TenxReader() {
    }

    /** Whether {@code dir} looks like Space Ranger output (or the run folder above its outs). */
    public static boolean isSpaceRangerFolder(Path dir) {
        return Files.isRegularFile(dir.resolve(H5_NAME)) || Files.isDirectory(dir.resolve(MTX_FOLDER))
                || Files.isRegularFile(dir.resolve("outs").resolve(H5_NAME));
    }

    public static ExpressionData read(Path path) {
        return read(path, ReadOptions.defaults());
    }

    public static ExpressionData read(Path path, ReadOptions options) {
        Path base = path;
        ExpressionData d;
        if (Files.isDirectory(path)) {
            if (!isSpaceRangerFolder(path)) {
                SpaceRangerPaths.rejectUnchosenHdBins(path);
                throw new InputDataException(path, null, "not a Space Ranger output folder (no " + H5_NAME + " or " + MTX_FOLDER + "/)", "give the 'outs' folder of spaceranger count");
            }
            if (!Files.exists(path.resolve(H5_NAME)) && !Files.exists(path.resolve(MTX_FOLDER))) base = path.resolve("outs");
            d = Files.isRegularFile(base.resolve(H5_NAME)) ? readH5(base.resolve(H5_NAME))
                    : MtxReader.read(base.resolve(MTX_FOLDER), options.withFormat(ReadOptions.Format.MTX));
        } else {
            base = path.toAbsolutePath().getParent();
            d = readH5(path);
        }
        Path spatial = base.resolve("spatial");
        Path positions = SpaceRangerPaths.positionsIn(spatial);
        if (positions == null) {
            if (Files.isDirectory(path)) {
                throw new InputDataException(spatial, null, "no " + String.join(", ", SpaceRangerPaths.POSITION_FILES), "give the complete Space Ranger 'outs' (or Visium HD bin) folder, with spatial/");
            }
            Log.info("%s: no spatial/ folder beside it; read without coordinates", path.getFileName());
            return d;
        }
        d = keepInTissue(d, positions, options.tenxCoordinates());
        for (Path side : options.obsTables()) d = ObsTableJoin.join(d, side);
        return d;
    }

    /** The 10x HDF5 matrix (CSC genes x barcodes is CSR barcodes x genes, so no transposition is needed). */
    static ExpressionData readH5(Path file) {
        try (HdfFile h5 = H5Files.open(file)) {
            H5Files.requireComplete(h5, file);
            Group m = matrixGroup(h5, file);
            boolean v3 = m.getChildren().get("features") instanceof Group;
            Group features = v3 ? (Group) m.getChild("features") : m;
            List<String> barcodes = Arrays.asList(Arrays1D.toStrings(dataset(m, "barcodes", file).getData()));
            List<String> symbols = Arrays.asList(Arrays1D.toStrings(dataset(features, v3 ? "name" : "gene_names", file).getData()));
            long[] shape = H5Arrays.longs(dataset(m, "shape", file));
            float[] data = H5Arrays.floats(dataset(m, "data", file));
            int[] indices = H5Arrays.ints(dataset(m, "indices", file));
            long[] indptr = H5Arrays.longs(dataset(m, "indptr", file));
            if (shape.length != 2 || shape[0] != symbols.size() || shape[1] != barcodes.size() || indptr.length != barcodes.size() + 1
                    || indices.length != data.length || indptr[barcodes.size()] != data.length) {
                throw new InputDataException(file, m.getPath(), "inconsistent matrix: shape " + Arrays.toString(shape) + ", " + symbols.size() + " features, "
                        + barcodes.size() + " barcodes, " + data.length + " values", "the file is damaged; re-copy it from the Space Ranger output");
            }
            for (int k : indices) {
                if (k < 0 || k >= symbols.size()) throw new InputDataException(file, m.getPath() + "/indices", "feature index " + k + " out of range", "the file is damaged");
            }
            CsrMatrix x = new CsrMatrix(barcodes.size(), symbols.size(), indptr, indices, data);
            List<String> genes = symbols;
            if (features.getChildren().get("feature_type") instanceof Dataset ft) {
                String[] types = Arrays1D.toStrings(ft.getData());
                List<Integer> keep = new ArrayList<>();
                for (int j = 0; j < types.length; j++) if (types[j].equals("Gene Expression")) keep.add(j);
                if (keep.size() < types.length) {
                    Log.info("%s: %d non-gene features (antibody capture, CRISPR ...) left out", file.getFileName(), types.length - keep.size());
                    int[] src = keep.stream().mapToInt(Integer::intValue).toArray();
                    x = x.remapColumns(src);
                    List<String> g = new ArrayList<>();
                    for (int j : src) g.add(symbols.get(j));
                    genes = g;
                }
            }
            genes = DataChecks.makeUnique(file, genes);
            Map<String, String> uns = new LinkedHashMap<>();
            uns.put("source", "10x Genomics HDF5 " + file.getFileName());
            return DataChecks.requireUsable(file, new ExpressionData(x, barcodes, genes, null, null, uns), m.getPath() + "/data");
        } catch (StdeconvException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new InputDataException(file, null, "not a readable 10x HDF5 matrix (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", "give filtered_feature_bc_matrix.h5 from Space Ranger / Cell Ranger");
        }
    }

    private static Group matrixGroup(HdfFile h5, Path file) {
        if (h5.getChildren().get("matrix") instanceof Group g) return g;
        // Cell Ranger 2: one group per genome, e.g. /GRCh38/{barcodes, genes, gene_names, data, indices, indptr, shape}
        for (Node n : h5.getChildren().values()) if (n instanceof Group g && g.getChildren().containsKey("gene_names")) return g;
        throw new InputDataException(file, "matrix", "no 10x matrix group: this HDF5 file is not a 10x feature-barcode matrix", "give filtered_feature_bc_matrix.h5 (or an .h5ad)");
    }

    private static Dataset dataset(Group g, String name, Path file) {
        if (g.getChildren().get(name) instanceof Dataset ds) return ds;
        throw new InputDataException(file, g.getPath() + name, "missing", "the file is damaged or not a 10x matrix");
    }

    /** Keeps matrix barcodes that are in tissue, in matrix order, with their coordinates and grid position. */
    static ExpressionData keepInTissue(ExpressionData d, Path positions, ReadOptions.TenxCoordinates which) {
        TissuePositions placed = TissuePositions.match(positions, d.obsNames(), positionRows(positions));
        ExpressionData s = d.selectRows(placed.matrixColumns());
        ObsTable obs = new ObsTable(placed.size());
        s.obs().textColumns().forEach(obs::putText);
        s.obs().numericColumns().forEach(obs::putNumeric);
        obs.putNumeric("array_row", placed.arrayRow());
        obs.putNumeric("array_col", placed.arrayCol());
        Map<String, String> uns = new LinkedHashMap<>(s.uns());
        uns.put("spatial_coordinates", TissuePositions.describe(which));
        return new ExpressionData(s.counts(), s.obsNames(), s.varNames(), obs, placed.xy(which), uns, s.obsm());
    }

    /** The rows of a tissue positions file: Parquet (Visium HD) or CSV, with or without header. */
    public static TissuePositions.Rows positionRows(Path positions) {
        if (positions.getFileName().toString().endsWith(".parquet")) return ParquetPositions.rows(positions);
        return sink -> {
            List<List<String>> rows = DelimitedText.readAll(positions);
            int first = !rows.isEmpty() && !rows.get(0).isEmpty() && rows.get(0).get(0).equalsIgnoreCase("barcode") ? 1 : 0;
            double[] v = new double[5];
            for (int r = first; r < rows.size(); r++) {
                List<String> row = rows.get(r);
                if (row.size() < 6) {
                    throw new InputDataException(positions, "line " + (r + 1), row.size() + " fields, expected 6 (barcode, in_tissue, array_row, array_col, pxl_row_in_fullres, pxl_col_in_fullres)", "give Space Ranger's tissue positions file");
                }
                for (int j = 0; j < 5; j++) {
                    try {
                        v[j] = Double.parseDouble(row.get(j + 1));
                    } catch (NumberFormatException e) {
                        throw new InputDataException(positions, "line " + (r + 1), "'" + row.get(j + 1) + "' is not a number", "give Space Ranger's tissue positions file");
                    }
                }
                sink.accept(row.get(0), v[0], v[1], v[2], v[3], v[4]);
            }
        };
    }
}
