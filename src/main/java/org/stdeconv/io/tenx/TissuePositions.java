package org.stdeconv.io.tenx;

import org.stdeconv.InputDataException;
import org.stdeconv.io.ReadOptions;
import org.stdeconv.log.Log;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Space Ranger's tissue positions matched to the barcodes of a matrix: which matrix columns are in tissue (in matrix
 * order) and their grid and image positions. Positions are streamed row by row and only rows of matrix barcodes are
 * kept, because a Visium HD positions table lists every bin of the capture area (about 11 million at 2 um), most of
 * them off tissue or absent from the filtered matrix.
 */
public final class TissuePositions {
    /** The columns of one positions row, in Space Ranger's order. */
    @FunctionalInterface
    public interface RowSink {
        void accept(String barcode, double inTissue, double arrayRow, double arrayCol, double pxlRowInFullres, double pxlColInFullres);
    }

    /** A positions table that can be walked once, row by row (CSV or Parquet). */
    @FunctionalInterface
    public interface Rows {
        void forEach(RowSink sink);
    }

    private final int[] matrixColumns;
    private final double[] arrayRow, arrayCol, pxlRow, pxlCol;

    private TissuePositions(int[] matrixColumns, double[] arrayRow, double[] arrayCol, double[] pxlRow, double[] pxlCol) {
        this.matrixColumns = matrixColumns;
        this.arrayRow = arrayRow;
        this.arrayCol = arrayCol;
        this.pxlRow = pxlRow;
        this.pxlCol = pxlCol;
    }

    /**
     * Keeps the matrix barcodes that {@code rows} marks in_tissue = 1. Barcodes without a position are left out with a
     * warning (as scanpy's read_visium does); none in tissue fails naming {@code file}.
     */
    public static TissuePositions match(Path file, List<String> matrixBarcodes, Rows rows) {
        int n = matrixBarcodes.size();
        Map<String, Integer> columnOf = new HashMap<>(Math.max(16, (int) (n / 0.7)));
        for (int i = 0; i < n; i++) columnOf.put(matrixBarcodes.get(i), i);
        boolean[] placed = new boolean[n], inTissue = new boolean[n];
        double[] ar = new double[n], ac = new double[n], pr = new double[n], pc = new double[n];
        rows.forEach((barcode, tissue, arrayRow, arrayCol, pxlRow, pxlCol) -> {
            Integer i = columnOf.get(barcode);
            if (i == null) return;
            // a barcode twice took its last row silently; an in_tissue of 2 dropped the spot with an info line
            if (placed[i]) throw new InputDataException(file, "barcode", "barcode " + barcode + " is listed twice", "give Space Ranger's tissue positions file, one row per barcode");
            if (tissue != 0 && tissue != 1) {
                throw new InputDataException(file, "in_tissue", "barcode " + barcode + " has in_tissue " + tissue + ", not 0 or 1", "give Space Ranger's tissue positions file");
            }
            placed[i] = true;
            inTissue[i] = tissue == 1;
            ar[i] = arrayRow;
            ac[i] = arrayCol;
            pr[i] = pxlRow;
            pc[i] = pxlCol;
        });
        int kept = 0, unplaced = 0;
        int[] columns = new int[n];
        for (int i = 0; i < n; i++) {
            if (!placed[i]) unplaced++;
            else if (inTissue[i]) columns[kept++] = i;
        }
        if (unplaced > 0) Log.warn("%s: %d barcodes of the matrix have no position and are left out", file, unplaced);
        if (kept == 0) throw new InputDataException(file, "in_tissue", "no barcode of the matrix is marked in tissue", "check the positions file belongs to this matrix");
        if (kept < n) Log.info("%s: keeping %d of %d barcodes (in tissue)", file.getFileName(), kept, n);
        columns = Arrays.copyOf(columns, kept);
        return new TissuePositions(columns, pick(ar, columns), pick(ac, columns), pick(pr, columns), pick(pc, columns));
    }

    private static double[] pick(double[] values, int[] at) {
        double[] out = new double[at.length];
        for (int i = 0; i < at.length; i++) out[i] = values[at[i]];
        return out;
    }

    /** Matrix columns (barcode indices) in tissue, ascending. */
    public int[] matrixColumns() {
        return matrixColumns;
    }

    public int size() {
        return matrixColumns.length;
    }

    public double[] arrayRow() {
        return arrayRow;
    }

    public double[] arrayCol() {
        return arrayCol;
    }

    /** One (x, y) per kept barcode: image pixels (x = pxl_col_in_fullres, y = pxl_row_in_fullres) or the array grid. */
    public double[][] xy(ReadOptions.TenxCoordinates which) {
        double[][] xy = new double[size()][];
        for (int i = 0; i < xy.length; i++) {
            xy[i] = which == ReadOptions.TenxCoordinates.ARRAY ? new double[]{arrayCol[i], arrayRow[i]} : new double[]{pxlCol[i], pxlRow[i]};
        }
        return xy;
    }

    /** What {@link #xy} holds, for the slide's uns. */
    public static String describe(ReadOptions.TenxCoordinates which) {
        return which == ReadOptions.TenxCoordinates.ARRAY
                ? "array grid: x = array_col, y = array_row" : "full-resolution image pixels: x = pxl_col_in_fullres, y = pxl_row_in_fullres";
    }
}
