package org.stdeconv.io.h5ad;

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
import org.stdeconv.io.hdf5.Arrays1D;
import org.stdeconv.io.hdf5.H5Attributes;
import org.stdeconv.io.hdf5.H5Files;
import org.stdeconv.io.hdf5.HdfReadFailure;
import org.stdeconv.io.hdf5.NotNumericException;

import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an AnnData {@code .h5ad} whole with jhdf: the counts ({@link H5adMatrixReader}), obs and var
 * ({@link H5adFrameReader}), obsm/spatial (or X_spatial) as the coordinates and the other 2-D obsm arrays (numeric
 * dataframes too), and string-valued uns. {@link H5adRowSource} reads the same files a block of rows at a time.
 */
public final class H5adReader {
    private H5adReader() {
    }

    public static ExpressionData read(Path file) {
        return read(file, true);
    }

    /**
     * With {@code requireX} false, a file without X (an annotation-only file such as infer's for huge slides) reads
     * as a matrix with no stored entries over the same obs and var; {@link #hasX} tells the two apart.
     */
    public static ExpressionData read(Path file, boolean requireX) {
        try (HdfFile h5 = H5Files.open(file)) {
            H5Files.requireComplete(h5, file);
            Group root = h5;
            Node xNode = requireX || hasX(root) ? H5adMatrixReader.matrixNode(root, file) : null;
            H5adFrameReader.Frame obs = H5adFrameReader.read(root, "obs", file, true);
            H5adFrameReader.Frame var = H5adFrameReader.read(root, "var", file, false);
            CsrMatrix x = xNode == null ? new CsrMatrix(obs.names().size(), var.names().size(), new long[obs.names().size() + 1], new int[0], new float[0])
                    : H5adMatrixReader.read(xNode, file, obs.names().size(), var.names().size());
            double[][] spatial = null;
            Map<String, double[][]> obsm = new LinkedHashMap<>();
            if (root.getChildren().get("obsm") instanceof Group og) {
                for (Map.Entry<String, Node> e : og.getChildren().entrySet()) {
                    double[][] m;
                    if (e.getValue() instanceof Group frame && isNumericFrame(frame)) m = frameMatrix(frame);
                    else if (!(e.getValue() instanceof Dataset ds) || ds.getDimensions().length != 2 || ds.isCompound()) continue;
                    else m = NotNumericException.converting(ds, H5adReader::toMatrix);
                    if (m.length != obs.names().size()) {
                        throw new InputDataException(file, "obsm/" + e.getKey(), m.length + " rows but " + obs.names().size() + " observations", "rewrite the file with matching obsm");
                    }
                    obsm.put(e.getKey(), m);
                }
                String key = obsm.containsKey("spatial") ? "spatial" : "X_spatial";
                double[][] xy = obsm.remove(key);
                if (xy != null) spatial = coordinates(file, key, xy, obs.names().size());
            }
            Map<String, String> uns = new LinkedHashMap<>();
            if (root.getChildren().get("uns") instanceof Group ug) flattenUns(ug, "", uns);
            DataChecks.requireUsableNames(file, "obs index", obs.names());
            DataChecks.requireUsableNames(file, "var index (gene names)", var.names());
            return new ExpressionData(x, obs.names(), var.names(), obs.columns(), spatial, uns, obsm);
        } catch (StdeconvException e) {
            throw e;
        } catch (NotNumericException e) {
            throw e.in(file, "store it as a numeric array, as anndata writes it");
        } catch (RuntimeException e) {
            throw HdfReadFailure.of(file, null, "not a readable AnnData .h5ad file", e, "check the file is complete and was written by anndata");
        }
    }

    /**
     * The text column {@code column} of the file's var dataframe (strings or categoricals, missing values as empty
     * text); a column that is missing or not text fails with one line listing var's text columns.
     */
    public static List<String> varTextColumn(Path file, String column) {
        try (HdfFile h5 = H5Files.open(file)) {
            ObsTable var = H5adFrameReader.read(h5, "var", file, true).columns();
            if (var.text(column) != null) return Arrays.asList(var.text(column));
            List<String> text = new ArrayList<>(var.textColumns().keySet());
            String problem = var.numeric(column) != null ? "column '" + column + "' holds numbers, not gene names"
                    : "no column '" + column + "'" + (var.unreadable(column) != null ? " that can be read (" + var.unreadable(column) + ")" : "");
            throw new InputDataException(file, "var/" + column, problem + "; var's text columns: " + (text.isEmpty() ? "(none)" : String.join(", ", text)),
                    text.isEmpty() ? "leave --var-names out: this file names its genes by the var index only" : "give one of var's text columns");
        } catch (StdeconvException e) {
            throw e;
        } catch (RuntimeException e) {
            throw HdfReadFailure.of(file, "var", "not a readable AnnData .h5ad file", e, "check the file is complete and was written by anndata");
        }
    }

    /** Whether the file stores an expression matrix (X or layers/counts). */
    public static boolean hasX(Path file) {
        try (HdfFile h5 = H5Files.open(file)) {
            return hasX(h5);
        }
    }

    private static boolean hasX(Group root) {
        return H5adMatrixReader.hasMatrix(root);
    }

    /** An obsm dataframe whose columns are all numbers (stdeconv writes its proportions so: one column per type). */
    /**
     * The (x, y) of each spot: the first two columns of obsm/{@code key}, for this reader and infer's streamed one alike.
     * Other rows than spots, or fewer than two columns, are refused: one column ran here (qc, convert) with every y = 0.
     */
    static double[][] coordinates(Path file, String key, double[][] m, int spots) {
        if (m.length != spots || m.length > 0 && m[0].length < 2) {
            throw new InputDataException(file, "obsm/" + key, m.length + " rows of " + (m.length == 0 ? 0 : m[0].length) + " columns, not " + spots + " x 2",
                    "store one (x, y) row per spot");
        }
        double[][] xy = new double[m.length][];
        for (int i = 0; i < m.length; i++) xy[i] = new double[]{m[i][0], m[i][1]};
        return xy;
    }

    static boolean isNumericFrame(Group g) {
        if (!"dataframe".equals(H5Attributes.text(g, "encoding-type"))) return false;
        for (String c : frameColumns(g)) {
            if (!(g.getByPath(c) instanceof Dataset d) || d.getDimensions().length != 1 || !Number.class.isAssignableFrom(boxed(d.getJavaType()))) return false;
        }
        return true;
    }

    private static List<String> frameColumns(Group g) {
        Object order = g.getAttribute("column-order") == null ? null : g.getAttribute("column-order").getData();
        if (order instanceof String[] a) return List.of(a);
        return order instanceof String s && !s.isEmpty() ? List.of(s) : List.of();
    }

    private static Class<?> boxed(Class<?> c) {
        return c == double.class || c == float.class || c == int.class || c == long.class || c == short.class || c == byte.class ? Number.class : c;
    }

    static double[][] frameMatrix(Group g) {
        List<String> cols = frameColumns(g);
        double[][] m = null;
        for (int j = 0; j < cols.size(); j++) {
            Object data = ((Dataset) g.getByPath(cols.get(j))).getData();
            int n = java.lang.reflect.Array.getLength(data);
            if (m == null) m = new double[n][cols.size()];
            for (int i = 0; i < n; i++) m[i][j] = ((Number) java.lang.reflect.Array.get(data, i)).doubleValue();
        }
        return m == null ? new double[0][0] : m;
    }

    static double[][] toMatrix(Object data) {
        if (data instanceof double[][] d) return d;
        int n = Array.getLength(data);
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) out[i] = Arrays1D.toDouble(Array.get(data, i));
        return out;
    }

    static void flattenUns(Group g, String prefix, Map<String, String> out) {
        for (Map.Entry<String, Node> e : g.getChildren().entrySet()) {
            String key = prefix + e.getKey();
            if (e.getValue() instanceof Group sub) {
                flattenUns(sub, key + "/", out);
            } else if (e.getValue() instanceof Dataset ds) {
                try {
                    Object v = ds.getData();
                    if (v instanceof String s) out.put(key, s);
                    else if (v instanceof String[] s && s.length == 1) out.put(key, s[0]);
                    else if (v != null && !v.getClass().isArray()) out.put(key, String.valueOf(v));
                } catch (RuntimeException ignored) {
                    // non-string uns entries (plots, colours) are not needed by stdeconv
                }
            }
        }
    }
}
