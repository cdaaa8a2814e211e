import org.stdeconv.io.ExpressionReaders;
import org.stdeconv.io.hdf5.H5Data;
import org.stdeconv.io.hdf5.H5FileWriter;
import org.stdeconv.io.hdf5.H5Group;
import org.stdeconv.io.hdf5.H5Type;
import org.stdeconv.io.hdf5.RawArrayWriter;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Writes a synthetic Space Ranger Visium HD bin folder: OUT/filtered_feature_bc_matrix.h5 (10x layout: CSC genes x
 * barcodes, int32 data and indices, int64 indptr) with SPOTS in-tissue bins drawn by ZipfBins, and
 * OUT/spatial/tissue_positions.parquet (written by DuckDB) listing every bin of a square capture grid about 25 %
 * larger, the extra bins off tissue and absent from the matrix, as Space Ranger lists the whole capture area.
 *   java -cp ... MakeHdFolder OUT_DIR SPOTS GENES DEPTH SEED NAMES_FROM.h5ad
 * Genes are named after NAMES_FROM's first GENES genes (the reference a model was trained on).
 */
public final class MakeHdFolder {
    public static void main(String[] args) throws Exception {
        Path out = Files.createDirectories(Path.of(args[0]));
        int spots = Integer.parseInt(args[1]), genes = Integer.parseInt(args[2]);
        ZipfBins bins = new ZipfBins(genes, Double.parseDouble(args[3]), Long.parseLong(args[4]));
        List<String> names = ExpressionReaders.read(Path.of(args[5])).varNames();
        if (names.size() < genes) throw new IllegalArgumentException(args[5] + " has only " + names.size() + " genes");
        names = names.subList(0, genes);
        int side = (int) Math.ceil(Math.sqrt(spots * 1.25));

        long[] indptr = new long[spots + 1];
        int[] data = new int[spots * 16], indices = new int[spots * 16];
        int[] cols = new int[genes];
        float[] vals = new float[genes];
        List<String> barcodes = new ArrayList<>(spots);
        for (int i = 0; i < spots; i++) {
            int n = bins.next(cols, vals);
            int at = (int) indptr[i];
            if (at + n > data.length) {
                data = Arrays.copyOf(data, data.length * 3 / 2 + n);
                indices = Arrays.copyOf(indices, data.length);
            }
            for (int k = 0; k < n; k++) { data[at + k] = (int) vals[k]; indices[at + k] = cols[k]; }
            indptr[i + 1] = at + n;
            barcodes.add(barcode(i / side, i % side));
        }
        int nnz = (int) indptr[spots];
        try (FileChannel channel = FileChannel.open(out.resolve("filtered_feature_bc_matrix.h5"), StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            H5FileWriter w = new H5FileWriter(channel);
            H5Group m = w.root().group("matrix");
            m.dataset("barcodes", H5Data.strings(barcodes));
            m.dataset("data", H5Type.INT32, new long[]{nnz}, rawInts(w, channel, data, nnz));
            m.dataset("indices", H5Type.INT32, new long[]{nnz}, rawInts(w, channel, indices, nnz));
            m.dataset("indptr", H5Data.int64(indptr));
            m.dataset("shape", int32(genes, spots));
            H5Group f = m.group("features");
            f.dataset("name", H5Data.strings(names));
            f.dataset("id", H5Data.strings(names.stream().map(n -> "ID_" + n).toList()));
            f.dataset("feature_type", H5Data.strings(Collections.nCopies(genes, "Gene Expression")));
            w.finish();
        }
        Path positions = Files.createDirectories(out.resolve("spatial")).resolve("tissue_positions.parquet");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            // row-major grid; the first SPOTS bins are the matrix's (in tissue); 8 um bins ~ 29.2 full-resolution pixels
            s.execute("COPY (SELECT printf('s_008um_%05d_%05d-1', r, c) AS barcode, CASE WHEN i < " + spots + " THEN 1 ELSE 0 END AS in_tissue,"
                    + " r AS array_row, c AS array_col, 1000.0::DOUBLE + 29.2 * r AS pxl_row_in_fullres, 1000.0::DOUBLE + 29.2 * c AS pxl_col_in_fullres"
                    + " FROM (SELECT i, i // " + side + " AS r, i % " + side + " AS c FROM range(" + ((long) side * side) + ") t(i))) TO '"
                    + positions.toAbsolutePath() + "' (FORMAT parquet)");
        }
        System.err.printf("MakeHdFolder: %d in-tissue bins x %d genes, %d stored counts (%.1f per bin), %.1f UMIs per bin; %d bins in %s%n",
                spots, genes, nnz, nnz / (double) spots, bins.umis / (double) spots, (long) side * side, positions.getFileName());
    }

    private static String barcode(int row, int col) {
        return String.format("s_008um_%05d_%05d-1", row, col);
    }

    /** Writes the first n values as raw little-endian int32 at a newly allocated address, which is returned. */
    private static long rawInts(H5FileWriter w, FileChannel channel, int[] values, int n) {
        long at = w.allocate(4L * n);
        RawArrayWriter raw = new RawArrayWriter(channel, at);
        raw.putInts(values, 0, n);
        raw.flush();
        return at;
    }

    private static H5Data int32(int... values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asIntBuffer().put(values);
        return new H5Data(H5Type.INT32, new long[]{values.length}, b.array());
    }
}
