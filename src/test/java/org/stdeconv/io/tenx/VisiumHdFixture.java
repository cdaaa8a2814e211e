package org.stdeconv.io.tenx;

import org.stdeconv.io.hdf5.H5Data;
import org.stdeconv.io.hdf5.H5FileWriter;
import org.stdeconv.io.hdf5.H5Group;
import org.stdeconv.io.hdf5.H5Type;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;

/**
 * Writes a Space Ranger Visium HD bin folder for tests: {@code filtered_feature_bc_matrix.h5} in the 10x layout
 * (CSC features x barcodes, int32 data, int64 indices and indptr, features/name, id, feature_type) with the project's
 * HDF5 writer, and {@code spatial/tissue_positions.parquet} written by DuckDB, the library stdeconv reads it with.
 */
public final class VisiumHdFixture {
    /** One tissue positions row, as Space Ranger writes it. */
    public record Position(String barcode, int inTissue, int arrayRow, int arrayCol, double pxlRow, double pxlCol) {
    }

    private VisiumHdFixture() {
    }

    /** Writes {@code counts[barcode][feature]} (dense, zeros not stored) as {@code dir/filtered_feature_bc_matrix.h5}. */
    public static Path writeMatrix(Path dir, List<String> barcodes, List<String> featureNames, List<String> featureTypes, int[][] counts) throws Exception {
        return writeMatrix(dir, barcodes, featureNames, featureTypes, counts, false);
    }

    /** The same, with {@code countsAsText}: /matrix/data written as strings ("5"), as a damaged or hand-made file may hold. */
    public static Path writeMatrix(Path dir, List<String> barcodes, List<String> featureNames, List<String> featureTypes, int[][] counts, boolean countsAsText) throws Exception {
        Files.createDirectories(dir);
        int nnz = 0;
        for (int[] column : counts) for (int v : column) if (v != 0) nnz++;
        int[] data = new int[nnz];
        long[] indices = new long[nnz], indptr = new long[barcodes.size() + 1];
        int k = 0;
        for (int b = 0; b < barcodes.size(); b++) {
            for (int f = 0; f < featureNames.size(); f++) {
                if (counts[b][f] != 0) {
                    data[k] = counts[b][f];
                    indices[k++] = f;
                }
            }
            indptr[b + 1] = k;
        }
        Path file = dir.resolve(SpaceRangerPaths.H5_NAME);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            H5FileWriter w = new H5FileWriter(channel);
            H5Group m = w.root().group("matrix");
            m.dataset("barcodes", H5Data.strings(barcodes));
            m.dataset("data", countsAsText ? H5Data.strings(java.util.Arrays.stream(data).mapToObj(String::valueOf).toList()) : int32(data));
            m.dataset("indices", H5Data.int64(indices));
            m.dataset("indptr", H5Data.int64(indptr));
            m.dataset("shape", int32(new int[]{featureNames.size(), barcodes.size()}));
            H5Group f = m.group("features");
            f.dataset("name", H5Data.strings(featureNames));
            f.dataset("id", H5Data.strings(featureNames.stream().map(n -> "ENSG_" + n).toList()));
            f.dataset("feature_type", H5Data.strings(featureTypes));
            w.finish();
        }
        return file;
    }

    /** Writes the rows as {@code dir/spatial/tissue_positions.parquet}, leaving out the columns named in {@code without}. */
    public static Path writePositions(Path dir, List<Position> rows, String... without) throws Exception {
        Path file = Files.createDirectories(dir.resolve("spatial")).resolve("tissue_positions.parquet");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE p (barcode VARCHAR, in_tissue INTEGER, array_row INTEGER, array_col INTEGER, pxl_row_in_fullres DOUBLE, pxl_col_in_fullres DOUBLE)");
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO p VALUES (?, ?, ?, ?, ?, ?)")) {
                for (Position p : rows) {
                    insert.setString(1, p.barcode());
                    insert.setInt(2, p.inTissue());
                    insert.setInt(3, p.arrayRow());
                    insert.setInt(4, p.arrayCol());
                    insert.setDouble(5, p.pxlRow());
                    insert.setDouble(6, p.pxlCol());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            for (String column : without) s.execute("ALTER TABLE p DROP COLUMN " + column);
            s.execute("COPY p TO '" + file.toAbsolutePath().toString().replace("'", "''") + "' (FORMAT parquet)");
        }
        return file;
    }

    private static H5Data int32(int[] values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asIntBuffer().put(values);
        return new H5Data(H5Type.INT32, new long[]{values.length}, b.array());
    }
}
