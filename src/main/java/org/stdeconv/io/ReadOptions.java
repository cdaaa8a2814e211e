package org.stdeconv.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How to read an expression input beyond what its form tells: the format and orientation when detection should not
 * decide, side tables to join onto the observations, a table of true proportions, which 10x coordinates to use,
 * whether coordinates are required, and which var column names the genes. {@link #defaults()} detects everything.
 */
public record ReadOptions(Format format, Orientation orientation, List<Path> obsTables, Path truthTable,
                          TenxCoordinates tenxCoordinates, boolean requireCoordinates, String varNamesColumn) {

    public enum Format {
        AUTO, H5AD, TENX, MTX, CSV;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Which way a table or MatrixMarket file is laid out; AUTO detects it (see CsvReader and MtxReader). */
    public enum Orientation {
        AUTO, GENES_BY_SPOTS, SPOTS_BY_GENES;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * Space Ranger gives each spot two positions: PIXEL (x = pxl_col_in_fullres, y = pxl_row_in_fullres, the
     * full-resolution image as scanpy's read_visium puts it in obsm['spatial']) and ARRAY (x = array_col,
     * y = array_row, the hexagonal grid indexes). Pixel is the default so plots match the tissue image and other tools.
     */
    public enum TenxCoordinates {
        PIXEL, ARRAY;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public ReadOptions {
        obsTables = List.copyOf(obsTables);
    }

    public static ReadOptions defaults() {
        return new ReadOptions(Format.AUTO, Orientation.AUTO, List.of(), null, TenxCoordinates.PIXEL, false, null);
    }

    public ReadOptions withFormat(Format f) {
        return new ReadOptions(f, orientation, obsTables, truthTable, tenxCoordinates, requireCoordinates, varNamesColumn);
    }

    public ReadOptions withOrientation(Orientation o) {
        return new ReadOptions(format, o, obsTables, truthTable, tenxCoordinates, requireCoordinates, varNamesColumn);
    }

    public ReadOptions withObsTable(Path table) {
        List<Path> t = new ArrayList<>(obsTables);
        t.add(table);
        return new ReadOptions(format, orientation, t, truthTable, tenxCoordinates, requireCoordinates, varNamesColumn);
    }

    public ReadOptions withTruthTable(Path table) {
        return new ReadOptions(format, orientation, obsTables, table, tenxCoordinates, requireCoordinates, varNamesColumn);
    }

    public ReadOptions withTenxCoordinates(TenxCoordinates c) {
        return new ReadOptions(format, orientation, obsTables, truthTable, c, requireCoordinates, varNamesColumn);
    }

    public ReadOptions withRequireCoordinates(boolean r) {
        return new ReadOptions(format, orientation, obsTables, truthTable, tenxCoordinates, r, varNamesColumn);
    }

    /**
     * Gene names from this var column of an .h5ad instead of its index (scanpy's choice of {@code var_names}), e.g.
     * cellxgene's {@code feature_name} (symbols) where the index holds Ensembl ids; null keeps the index.
     */
    public ReadOptions withVarNamesColumn(String column) {
        return new ReadOptions(format, orientation, obsTables, truthTable, tenxCoordinates, requireCoordinates, column);
    }
}
