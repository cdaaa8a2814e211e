package org.stdeconv.io.tenx;

import org.stdeconv.InputDataException;
import org.stdeconv.StdeconvException;
import org.stdeconv.io.hdf5.HdfReadFailure;
import org.stdeconv.io.hdf5.NotNumericException;
import org.stdeconv.data.CsrMatrix;
import org.stdeconv.data.ObsTable;
import org.stdeconv.io.ReadOptions;
import org.stdeconv.io.SpotSource;
import org.stdeconv.log.Log;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Space Ranger slide with an .h5 matrix (Visium {@code outs}, a Visium HD bin folder, or the .h5 itself) read a
 * block of in-tissue barcodes at a time, so that a million-bin Visium HD slide streams through infer like a CSR
 * .h5ad. Spots are the matrix barcodes marked in_tissue = 1, in matrix order, as {@link TenxReader} reads them whole;
 * coordinates are full-resolution image pixels and obs gets array_row and array_col.
 */
public final class TenxRowSource implements SpotSource {
    private final Path slide;
    private final TenxMatrixFile matrix;
    private final int[] columns;
    private final List<String> obsNames;
    private final double[][] spatial;
    private final ObsTable obs;
    private final Map<String, String> uns = new LinkedHashMap<>();

    private TenxRowSource(Path slide, TenxMatrixFile matrix, Path positions) {
        this.slide = slide;
        this.matrix = matrix;
        uns.put("source", "10x Genomics HDF5 " + matrix.path().getFileName());
        if (positions == null) {
            Log.info("%s: no spatial/ folder beside it; read without coordinates", matrix.path().getFileName());
            this.columns = new int[matrix.barcodes().size()];
            for (int i = 0; i < columns.length; i++) columns[i] = i;
            this.obsNames = matrix.barcodes();
            this.spatial = null;
            this.obs = new ObsTable(columns.length);
            return;
        }
        TissuePositions placed = TissuePositions.match(positions, matrix.barcodes(), TenxReader.positionRows(positions));
        this.columns = placed.matrixColumns();
        List<String> names = new ArrayList<>(columns.length);
        for (int c : columns) names.add(matrix.barcodes().get(c));
        this.obsNames = names;
        this.spatial = placed.xy(ReadOptions.TenxCoordinates.PIXEL);
        this.obs = new ObsTable(columns.length);
        obs.putNumeric("array_row", placed.arrayRow());
        obs.putNumeric("array_col", placed.arrayCol());
        uns.put("spatial_coordinates", TissuePositions.describe(ReadOptions.TenxCoordinates.PIXEL));
        for (int i = 0; i < spatial.length; i++) {
            // as ExpressionReaders does for slides read whole: only steps that use coordinates refuse them
            if (!Double.isFinite(spatial[i][0]) || !Double.isFinite(spatial[i][1])) {
                Log.warn("%s: barcode '%s' has no finite coordinates; steps that need coordinates will refuse this input", positions, obsNames.get(i));
                break;
            }
        }
    }

    /** Opens a slide folder or .h5 file; bad input fails with one line naming the file (exit 3). */
    public static TenxRowSource open(Path slide) {
        SpaceRangerPaths paths = SpaceRangerPaths.resolve(slide);
        TenxMatrixFile matrix = TenxMatrixFile.open(paths.matrixH5());
        try {
            return new TenxRowSource(slide, matrix, paths.positions());
        } catch (RuntimeException e) {
            matrix.close();
            throw e;
        }
    }

    @Override public Path path() { return slide; }
    @Override public int rows() { return columns.length; }
    @Override public List<String> obsNames() { return obsNames; }
    @Override public List<String> varNames() { return matrix.genes(); }
    @Override public double[][] spatial() { return spatial; }
    @Override public ObsTable obs() { return obs; }
    @Override public Map<String, String> uns() { return uns; }
    @Override public long storedEntries() { return matrix.storedEntries(columns); }

    /** Thread-safe: blocks may be requested from several threads; the file is read by one at a time. */
    @Override
    public synchronized CsrMatrix readRows(int start, int n) {
        if (start < 0 || n < 0 || start + n > rows()) throw new IndexOutOfBoundsException("rows [" + start + ", " + (start + n) + ") of " + rows());
        try {
            return matrix.readBarcodes(columns, start, n);
        } catch (StdeconvException e) {
            throw e;
        } catch (NotNumericException e) {
            throw e.in(matrix.path(), "the file may be damaged; re-copy it from the Space Ranger output");
        } catch (RuntimeException e) {
            throw HdfReadFailure.of(matrix.path(), "matrix", "cannot read barcodes " + start + "-" + (start + n), e,
                    "the file may be truncated or corrupt; re-copy it from the Space Ranger output");
        }
    }

    @Override
    public void close() {
        matrix.close();
    }
}
