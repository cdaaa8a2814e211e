package org.stdeconv.io.tenx;

import org.stdeconv.InputDataException;
import org.stdeconv.StdeconvException;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads Space Ranger's {@code spatial/tissue_positions.parquet} (Visium HD bins; Space Ranger 2+ may write it for
 * Visium too) through DuckDB's JDBC driver, streamed row by row. DuckDB rather than parquet-hadoop: one jar with its
 * native library and no further dependencies, while parquet-hadoop needs hadoop-common and its tree for codecs and
 * its Configuration (see docs/usage.md). DuckDB runs in memory, on one thread, with extension loading off so it
 * never reaches for the network.
 */
public final class ParquetPositions {
    /** Space Ranger's columns, the same as in tissue_positions.csv, in {@link TissuePositions.RowSink}'s order. */
    public static final List<String> COLUMNS = List.of("barcode", "in_tissue", "array_row", "array_col", "pxl_row_in_fullres", "pxl_col_in_fullres");
    private static final String HINT = "give Space Ranger's spatial/tissue_positions.parquet (columns " + String.join(", ", COLUMNS) + ")";

    private ParquetPositions() {
    }

    /** The rows of {@code file}; the file is opened and checked when they are walked. */
    public static TissuePositions.Rows rows(Path file) {
        return sink -> read(file, sink);
    }

    private static void read(Path file, TissuePositions.RowSink sink) {
        try (Connection c = connect(); Statement settings = c.createStatement()) {
            // one thread: the scan is bound by the JDBC row loop here, and infer's own threads share the cores
            settings.execute("SET threads = 1");
            settings.execute("SET autoinstall_known_extensions = false");
            settings.execute("SET autoload_known_extensions = false");
            requireColumns(c, file);
            String select = "SELECT " + String.join(", ", COLUMNS) + " FROM read_parquet(?, binary_as_string = true)";
            try (PreparedStatement q = c.prepareStatement(select)) {
                q.setString(1, file.toAbsolutePath().toString());
                try (ResultSet r = q.executeQuery()) {
                    long row = 0;
                    double[] v = new double[5];
                    while (r.next()) {
                        row++;
                        String barcode = r.getString(1);
                        if (barcode == null) throw missingValue(file, COLUMNS.get(0), row);
                        for (int j = 0; j < 5; j++) {
                            v[j] = number(r, j + 2, file, row);
                        }
                        sink.accept(barcode, v[0], v[1], v[2], v[3], v[4]);
                    }
                }
            }
        } catch (StdeconvException e) {
            throw e;
        } catch (SQLException e) {
            throw new InputDataException(file, null, "not a readable Parquet table (DuckDB: " + firstLine(e.getMessage()) + ")", HINT);
        }
    }

    private static Connection connect() throws SQLException {
        try {
            return DriverManager.getConnection("jdbc:duckdb:");
        } catch (LinkageError e) {
            // the driver unpacks its native library into java.io.tmpdir on first use; only linux x86_64 is bundled
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new StdeconvException(StdeconvException.INTERNAL, "cannot load DuckDB's native library, needed to read .parquet tissue positions ("
                    + cause.getClass().getSimpleName() + ": " + firstLine(cause.getMessage()) + "); stdeconv ships it for Linux x86_64 and unpacks it into java.io.tmpdir ("
                    + System.getProperty("java.io.tmpdir") + "), which must be writable");
        }
    }

    private static void requireColumns(Connection c, Path file) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT * FROM read_parquet(?, binary_as_string = true) LIMIT 0")) {
            q.setString(1, file.toAbsolutePath().toString());
            try (ResultSet r = q.executeQuery()) {
                ResultSetMetaData m = r.getMetaData();
                Set<String> present = new HashSet<>();
                for (int j = 1; j <= m.getColumnCount(); j++) present.add(m.getColumnName(j).toLowerCase(Locale.ROOT));
                for (String column : COLUMNS) {
                    if (!present.contains(column)) {
                        throw new InputDataException(file, column, "column missing (the table has " + String.join(", ", present.stream().sorted().toList()) + ")", HINT);
                    }
                }
            }
        }
    }

    private static double number(ResultSet r, int column, Path file, long row) throws SQLException {
        String name = COLUMNS.get(column - 1);
        double value;
        try {
            value = r.getDouble(column);
        } catch (SQLException | RuntimeException e) {
            throw new InputDataException(file, name, "row " + row + ": '" + r.getString(column) + "' is not a number", HINT);
        }
        if (r.wasNull()) throw missingValue(file, name, row);
        return value;
    }

    private static InputDataException missingValue(Path file, String column, long row) {
        return new InputDataException(file, column, "row " + row + " has no value", HINT);
    }

    private static String firstLine(String message) {
        if (message == null) return "no message";
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).trim();
    }
}
