package org.stdeconv.io;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.object.datatype.EnumDataType;
import org.stdeconv.InputDataException;
import org.stdeconv.StdeconvException;
import org.stdeconv.data.CsrMatrix;
import org.stdeconv.data.ExpressionData;
import org.stdeconv.data.ObsTable;
import org.stdeconv.log.Log;

import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Reads AnnData {@code .h5ad} with jhdf: the counts from {@code layers/counts} when present, else X, stored as CSR,
 * CSC or dense of any numeric type, plain or gzip; obs/var indexes; obs columns that are strings, numbers, booleans,
 * categoricals (any code width, missing codes as empty text), pandas nullable arrays (masked values become NaN or
 * empty text), including names with '/' that anndata 0.8 stores as nested groups; obsm/spatial (or X_spatial) and
 * other 2-D obsm arrays; string-valued uns. Older layouts are read too: anndata 0.7's {@code __categories} group
 * and anndata 0.6's compound obs/var tables with {@code uns/<column>_categories}, and h5sparse's
 * {@code h5sparse_format} attribute.
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
        try (HdfFile h5 = open(file)) {
            requireComplete(h5, file);
            Group root = h5;
            Node xNode = requireX || hasX(root) ? matrixNode(root, file) : null;
            Frame obs = frame(root, "obs", file, true);
            Frame var = frame(root, "var", file, false);
            CsrMatrix x = xNode == null ? new CsrMatrix(obs.names.size(), var.names.size(), new long[obs.names.size() + 1], new int[0], new float[0])
                    : readMatrix(xNode, file, obs.names.size(), var.names.size());
            double[][] spatial = null;
            Map<String, double[][]> obsm = new LinkedHashMap<>();
            if (root.getChildren().get("obsm") instanceof Group og) {
                for (Map.Entry<String, Node> e : og.getChildren().entrySet()) {
                    double[][] m;
                    if (e.getValue() instanceof Group frame && isNumericFrame(frame)) m = frameMatrix(frame);
                    else if (!(e.getValue() instanceof Dataset ds) || ds.getDimensions().length != 2 || ds.isCompound()) continue;
                    else m = toMatrix(ds.getData());
                    if (m.length != obs.names.size()) {
                        throw new InputDataException(file, "obsm/" + e.getKey(), m.length + " rows but " + obs.names.size() + " observations", "rewrite the file with matching obsm");
                    }
                    obsm.put(e.getKey(), m);
                }
                double[][] xy = obsm.containsKey("spatial") ? obsm.remove("spatial") : obsm.remove("X_spatial");
                if (xy != null) {
                    spatial = new double[xy.length][];
                    for (int i = 0; i < xy.length; i++) spatial[i] = new double[]{xy[i][0], xy[i].length > 1 ? xy[i][1] : 0};
                }
            }
            Map<String, String> uns = new LinkedHashMap<>();
            if (root.getChildren().get("uns") instanceof Group ug) flattenUns(ug, "", uns);
            DataChecks.requireUniqueNames(file, "obs index", obs.names);
            DataChecks.requireUniqueNames(file, "var index (gene names)", var.names);
            return new ExpressionData(x, obs.names, var.names, obs.columns, spatial, uns, obsm);
        } catch (StdeconvException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new InputDataException(file, null, "not a readable AnnData .h5ad file (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", "check the file is complete and was written by anndata");
        }
    }

    /** Whether the file stores an expression matrix (X or layers/counts). */
    public static boolean hasX(Path file) {
        try (HdfFile h5 = open(file)) {
            return hasX(h5);
        }
    }

    private static boolean hasX(Group root) {
        return hasLayerCounts(root) || root.getChildren().containsKey("X");
    }

    public static HdfFile open(Path file) {
        if (!Files.isRegularFile(file)) throw new InputDataException(file, null, "file not found", "check the path");
        try {
            if (Files.size(file) == 0) throw new InputDataException(file, null, "file is empty", "regenerate it");
            return new HdfFile(file);
        } catch (StdeconvException e) {
            throw e;
        } catch (Exception e) {
            throw new InputDataException(file, null, "not a valid HDF5 file (" + e.getMessage() + ")", "the file may be truncated or not .h5ad; re-copy or regenerate it");
        }
    }

    /** A copy cut short still opens (the superblock is at the start), so compare its recorded end with the size. */
    public static void requireComplete(HdfFile h5, Path file) {
        long expected = h5.getHdfBackingStorage().getSuperblock().getEndOfFileAddress() + h5.getUserBlockSize();
        long actual = h5.size();
        if (expected > actual) {
            throw new InputDataException(file, null, String.format(java.util.Locale.ROOT, "file is truncated (HDF5 records %,d bytes, the file has %,d)", expected, actual),
                    "re-copy or regenerate the file");
        }
    }

    private static boolean hasLayerCounts(Group root) {
        return root.getChildren().get("layers") instanceof Group l && l.getChildren().containsKey("counts");
    }

    static Node matrixNode(Group root, Path file) {
        if (hasLayerCounts(root)) return ((Group) root.getChild("layers")).getChild("counts");
        Node x = root.getChildren().get("X");
        if (x == null) {
            throw new InputDataException(file, "X", "no expression matrix (neither X nor layers/counts): this HDF5 file is not AnnData", "give an .h5ad written by anndata/scanpy");
        }
        return x;
    }

    static String attrString(Node node, String name) {
        Attribute a = node.getAttributes().get(name);
        if (a == null) return null;
        Object v = a.getData();
        if (v == null) return null;
        if (v.getClass().isArray()) return Array.getLength(v) == 0 ? null : String.valueOf(Array.get(v, 0));
        return String.valueOf(v);
    }

    /** A dataframe's index and (for obs) its columns. */
    record Frame(List<String> names, ObsTable columns) {
    }

    static Frame frame(Group root, String name, Path file, boolean withColumns) {
        Node n = root.getChildren().get(name);
        if (n instanceof Group g) {
            List<String> names = index(g, file, name);
            return new Frame(names, withColumns ? columns(g, names.size(), file, name) : new ObsTable(names.size()));
        }
        if (n instanceof Dataset ds && ds.isCompound()) return compoundFrame(root, ds, file, name, withColumns);
        throw new InputDataException(file, name, "missing dataframe: this HDF5 file is not AnnData", "give an .h5ad written by anndata/scanpy");
    }

    static List<String> index(Group df, Path file, String what) {
        String indexName = attrString(df, "_index");
        if (indexName == null) indexName = "_index";
        Node n = df.getChildren().get(indexName);
        if (!(n instanceof Dataset ds)) {
            throw new InputDataException(file, what + "/" + indexName, "missing " + what + " index", "write the file with anndata so " + what + "_names are stored");
        }
        return Arrays.asList(H5Arrays.strings(ds));
    }

    private static ObsTable columns(Group df, int n, Path file, String frameName) {
        ObsTable t = new ObsTable(n);
        String indexName = attrString(df, "_index");
        List<String> order = new ArrayList<>();
        Attribute co = df.getAttributes().get("column-order");
        if (co != null && co.getData() != null && co.getData().getClass().isArray()) order.addAll(Arrays.asList(Arrays1D.toStrings(co.getData())));
        if (order.isEmpty() && co == null) {
            for (String k : df.getChildren().keySet()) if (!k.equals(indexName) && !k.equals("__categories")) order.add(k);
        }
        Group legacyCats = df.getChildren().get("__categories") instanceof Group g ? g : null;
        for (String name : order) {
            if (name.isEmpty()) continue;
            Node node;
            try {
                node = df.getByPath(name);
            } catch (RuntimeException e) {
                node = null;
            }
            if (node == null) continue;
            try {
                if (node instanceof Group g) {
                    readGroupColumn(t, name, g, n);
                } else if (node instanceof Dataset ds && ds.getDimensions().length == 1) {
                    String[] cats = legacyCats != null && legacyCats.getChildren().get(name) instanceof Dataset c ? Arrays1D.toStrings(c.getData()) : null;
                    readDatasetColumn(t, name, ds, cats);
                }
            } catch (RuntimeException e) {
                // an exotic column type must not make the whole file unreadable; it is simply not offered
                Log.warn("%s: %s column '%s' skipped (%s)", file, frameName, name, e.getMessage());
            }
        }
        return t;
    }

    private static void readGroupColumn(ObsTable t, String name, Group g, int n) {
        Map<String, Node> kids = g.getChildren();
        if (kids.get("codes") instanceof Dataset codes && kids.get("categories") instanceof Dataset cats) {
            t.putText(name, decode(H5Arrays.ints(codes), H5Arrays.strings(cats)));
        } else if (kids.get("values") instanceof Dataset values && kids.get("mask") instanceof Dataset maskDs) {
            boolean[] mask = booleans(maskDs.getData());
            Object v = values.getData();
            if (v instanceof String[] s) {
                for (int i = 0; i < s.length; i++) if (mask[i]) s[i] = "";
                t.putText(name, s);
            } else {
                double[] d = numeric(values, v);
                for (int i = 0; i < d.length; i++) if (mask[i]) d[i] = Double.NaN;
                t.putNumeric(name, d);
            }
        }
    }

    private static void readDatasetColumn(ObsTable t, String name, Dataset ds, String[] legacyCategories) {
        if (legacyCategories != null) {
            t.putText(name, decode(H5Arrays.ints(ds), legacyCategories));
            return;
        }
        if (ds.getDataType() instanceof io.jhdf.object.datatype.StringData) {
            t.putText(name, H5Arrays.strings(ds));
            return;
        }
        Object v = ds.getData();
        if (ds.getDataType() instanceof EnumDataType && v instanceof String[] s && isBooleanEnum((EnumDataType) ds.getDataType())) {
            t.putNumeric(name, Arrays1D.toDouble(booleans(s)));
        } else if (v instanceof String[] s) {
            t.putText(name, s);
        } else {
            t.putNumeric(name, numeric(ds, v));
        }
    }

    private static double[] numeric(Dataset ds, Object v) {
        return Arrays1D.toDouble(v);
    }

    /** h5py stores numpy bools as an int8 enum {FALSE, TRUE}; jhdf hands back the names. */
    private static boolean isBooleanEnum(EnumDataType e) {
        return e.getEnumMapping().values().stream().allMatch(s -> s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"));
    }

    private static boolean[] booleans(Object v) {
        if (v instanceof boolean[] b) return b;
        int n = Array.getLength(v);
        boolean[] out = new boolean[n];
        if (v instanceof String[] s) {
            for (int i = 0; i < n; i++) out[i] = s[i] != null && s[i].equalsIgnoreCase("true");
        } else {
            double[] d = Arrays1D.toDouble(v);
            for (int i = 0; i < n; i++) out[i] = d[i] != 0;
        }
        return out;
    }

    private static String[] decode(int[] codes, String[] cats) {
        String[] out = new String[codes.length];
        for (int i = 0; i < codes.length; i++) out[i] = codes[i] < 0 ? "" : cats[codes[i]];
        return out;
    }

    /** anndata 0.6 stored obs/var as one compound dataset with an 'index' field; categories lived in uns. */
    @SuppressWarnings("unchecked")
    private static Frame compoundFrame(Group root, Dataset ds, Path file, String what, boolean withColumns) {
        Map<String, Object> fields = (Map<String, Object>) ds.getData();
        Object idx = fields.get("index");
        if (idx == null) throw new InputDataException(file, what + "/index", "missing " + what + " index in the compound table", "rewrite the file with a current anndata");
        List<String> names = Arrays.asList(Arrays1D.toStrings(idx));
        ObsTable t = new ObsTable(names.size());
        if (withColumns) {
            Group uns = root.getChildren().get("uns") instanceof Group u ? u : null;
            for (Map.Entry<String, Object> f : fields.entrySet()) {
                if (f.getKey().equals("index")) continue;
                Object v = f.getValue();
                Node cats = uns == null ? null : uns.getChildren().get(f.getKey() + "_categories");
                if (cats instanceof Dataset c) t.putText(f.getKey(), decode(Arrays1D.toInt(v), Arrays1D.toStrings(c.getData())));
                else if (v instanceof String[] s) t.putText(f.getKey(), s);
                else t.putNumeric(f.getKey(), Arrays1D.toDouble(v));
            }
        }
        return new Frame(names, t);
    }

    /** An obsm dataframe whose columns are all numbers (stdeconv writes its proportions so: one column per type). */
    private static boolean isNumericFrame(Group g) {
        if (!"dataframe".equals(attrString(g, "encoding-type"))) return false;
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

    private static double[][] frameMatrix(Group g) {
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

    static CsrMatrix readMatrix(Node xNode, Path file, int nObs, int nVar) {
        String field = xNode.getPath().replaceFirst("^/", "");
        if (xNode instanceof Dataset ds) {
            CsrMatrix m = readDense(ds, file);
            DataChecks.requireCounts(file, m.data(), field);
            return checkShape(m, file, nObs, nVar);
        }
        Group g = (Group) xNode;
        String enc = attrString(g, "encoding-type");
        if (enc == null) enc = attrString(g, "h5sparse_format") == null ? "" : attrString(g, "h5sparse_format") + "_matrix";
        Attribute shapeAttr = g.getAttributes().get(enc.isEmpty() || g.getAttributes().containsKey("shape") ? "shape" : "h5sparse_shape");
        if (shapeAttr == null) shapeAttr = g.getAttributes().get("h5sparse_shape");
        if (shapeAttr == null) throw new InputDataException(file, g.getPath(), "sparse matrix without a shape attribute", "rewrite the file with anndata");
        long[] shape = Arrays1D.toLong(shapeAttr.getData());
        Dataset dataDs = dataset(g, "data", file), indicesDs = dataset(g, "indices", file), indptrDs = dataset(g, "indptr", file);
        // values and indices are the two big arrays: read and check them side by side (positional reads, thread-safe)
        CompletableFuture<float[]> dataRead = CompletableFuture.supplyAsync(() -> {
            float[] values = H5Arrays.floats(dataDs);
            DataChecks.requireCounts(file, values, field);
            return values;
        });
        int[] indices = H5Arrays.ints(indicesDs);
        long[] indptr = H5Arrays.longs(indptrDs);
        boolean csr = enc.startsWith("csr");
        if (!csr && !enc.startsWith("csc")) {
            throw new InputDataException(file, g.getPath(), "unknown sparse encoding '" + enc + "'", "store X as csr_matrix, csc_matrix or dense");
        }
        int major = Math.toIntExact(csr ? shape[0] : shape[1]);
        int minor = Math.toIntExact(csr ? shape[1] : shape[0]);
        requireValidSparse(file, g.getPath(), major, minor, indptr, indices, dataDs.getSize());
        float[] data = join(dataRead);
        CsrMatrix m = new CsrMatrix(major, minor, indptr, indices, data);
        return checkShape(csr ? m : m.transpose(), file, nObs, nVar);
    }

    private static <T> T join(CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw e;
        }
    }

    private static Dataset dataset(Group g, String name, Path file) {
        if (g.getChildren().get(name) instanceof Dataset ds) return ds;
        throw new InputDataException(file, g.getPath() + "/" + name, "missing part of the sparse matrix", "the file is damaged or not AnnData; regenerate it");
    }

    /** A damaged index would otherwise fail far away (or silently read wrong cells); check it once here. */
    private static void requireValidSparse(Path file, String where, int major, int minor, long[] indptr, int[] indices, long nnz) {
        String problem = null;
        if (indptr.length != major + 1) problem = "indptr has " + indptr.length + " entries for " + major + " rows/columns";
        else if (indptr[0] != 0 || indptr[major] != nnz) problem = "indptr runs " + indptr[0] + ".." + indptr[major] + " but there are " + nnz + " values";
        else if (indices.length != nnz) problem = indices.length + " indices for " + nnz + " values";
        else {
            for (int i = 0; i < major && problem == null; i++) if (indptr[i + 1] < indptr[i]) problem = "indptr decreases at " + i;
            int bad = -1;
            for (int k = 0; k < indices.length; k++) if (indices[k] < 0 || indices[k] >= minor) { bad = k; break; }
            if (bad >= 0) problem = "index " + indices[bad] + " outside 0.." + (minor - 1);
        }
        if (problem != null) throw new InputDataException(file, where, "corrupt sparse matrix: " + problem, "the file is damaged; regenerate it");
    }

    /** Dense X is read a block of rows at a time so that only the sparse result is held in full. */
    private static CsrMatrix readDense(Dataset ds, Path file) {
        int[] dims = ds.getDimensions();
        if (dims.length != 2) throw new InputDataException(file, "X", "dense X must be 2-D, found " + dims.length + "-D", "store X as a matrix");
        int rows = dims[0], cols = dims[1];
        CsrMatrix.Builder b = new CsrMatrix.Builder(cols);
        float[] row = new float[cols];
        int block = Math.max(1, (1 << 22) / Math.max(1, cols));
        for (int r0 = 0; r0 < rows; r0 += block) {
            int len = Math.min(block, rows - r0);
            Object part = ds.getData(new long[]{r0, 0}, new int[]{len, cols});
            for (int i = 0; i < len; i++) {
                Object r = Array.get(part, i);
                if (r instanceof float[] f) System.arraycopy(f, 0, row, 0, cols);
                else {
                    double[] d = Arrays1D.toDouble(r);
                    for (int j = 0; j < cols; j++) row[j] = (float) d[j];
                }
                b.addDenseRow(row);
            }
        }
        return b.build();
    }

    private static CsrMatrix checkShape(CsrMatrix m, Path file, int nObs, int nVar) {
        if (m.rows() != nObs || m.cols() != nVar) {
            throw new InputDataException(file, "X", "shape " + m.rows() + " x " + m.cols() + " does not match obs (" + nObs + ") x var (" + nVar + ")", "rewrite the file with anndata");
        }
        return m;
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
