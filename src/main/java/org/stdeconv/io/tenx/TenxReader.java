package org.stdeconv.io.tenx;

import org.stdeconv.InputDataException;
import org.stdeconv.data.ExpressionData;
import org.stdeconv.data.ObsTable;
import org.stdeconv.io.DataChecks;
import org.stdeconv.io.ObsTableJoin;
import org.stdeconv.io.ReadOptions;
import org.stdeconv.io.text.DelimitedText;
import org.stdeconv.io.text.MtxReader;
import org.stdeconv.log.Log;

import java.nio.file.Files;
import java.nio.file.Path;
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

    /** The 10x HDF5 matrix read whole ({@link TenxMatrixFile}: the same parsing and checks as infer's streaming reader). */
    static ExpressionData readH5(Path file) {
        try (TenxMatrixFile m = TenxMatrixFile.open(file)) {
            Map<String, String> uns = new LinkedHashMap<>();
            uns.put("source", "10x Genomics HDF5 " + file.getFileName());
            return DataChecks.requireUsable(file, new ExpressionData(m.readAll(), m.barcodes(), m.genes(), null, null, uns), m.countsField());
        }
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

    /** Where each of Space Ranger's position columns sits in a CSV header (any case); a missing one is refused. */
    private static int[] columnsByName(Path positions, List<String> header) {
        int[] at = new int[ParquetPositions.COLUMNS.size()];
        for (int c = 0; c < at.length; c++) {
            String name = ParquetPositions.COLUMNS.get(c);
            at[c] = -1;
            for (int j = 0; j < header.size() && at[c] < 0; j++) if (header.get(j).strip().equalsIgnoreCase(name)) at[c] = j;
            if (at[c] < 0) {
                throw new InputDataException(positions, "line 1", "the header has no column '" + name + "' (it has " + String.join(", ", header) + ")",
                        "give Space Ranger's tissue positions file, whose header names " + String.join(", ", ParquetPositions.COLUMNS));
            }
        }
        return at;
    }

    /** The rows of a tissue positions file: Parquet (Visium HD) or CSV, with or without header. */
    public static TissuePositions.Rows positionRows(Path positions) {
        if (positions.getFileName().toString().endsWith(".parquet")) return ParquetPositions.rows(positions);
        return sink -> {
            List<List<String>> rows = DelimitedText.readAll(positions);
            boolean header = !rows.isEmpty() && !rows.get(0).isEmpty() && rows.get(0).get(0).strip().equalsIgnoreCase("barcode");
            // a header names the columns: a table re-saved with them in another order must not have in_tissue read
            // from array_col; without one (Space Ranger 1's tissue_positions_list.csv) the order is Space Ranger's
            int[] at = header ? columnsByName(positions, rows.get(0)) : new int[]{0, 1, 2, 3, 4, 5};
            int width = Arrays.stream(at).max().getAsInt() + 1;
            double[] v = new double[5];
            for (int r = header ? 1 : 0; r < rows.size(); r++) {
                List<String> row = rows.get(r);
                if (row.size() < width) {
                    throw new InputDataException(positions, "line " + (r + 1), row.size() + " fields, expected " + width + " (" + String.join(", ", ParquetPositions.COLUMNS) + ")", "give Space Ranger's tissue positions file");
                }
                for (int j = 0; j < 5; j++) {
                    try {
                        v[j] = Double.parseDouble(row.get(at[j + 1]));
                    } catch (NumberFormatException e) {
                        throw new InputDataException(positions, "line " + (r + 1), ParquetPositions.COLUMNS.get(j + 1) + ": '" + row.get(at[j + 1]) + "' is not a number", "give Space Ranger's tissue positions file");
                    }
                }
                sink.accept(row.get(at[0]), v[0], v[1], v[2], v[3], v[4]);
            }
        };
    }
}
