package org.stdeconv.io;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import org.stdeconv.InputDataException;
import org.stdeconv.StdeconvException;
import org.stdeconv.data.CsrMatrix;
import org.stdeconv.data.ExpressionData;
import org.stdeconv.data.ObsTable;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads AnnData {@code .h5ad} with jhdf: X (or layers/counts when present) as CSR, CSC or dense of any numeric
 * type, obs/var indexes, string, numeric, boolean and categorical obs columns, obsm/spatial and string-valued uns.
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
            Group root = h5;
            Node xNode = requireX || hasX(root) ? matrixNode(root, file) : null;
            List<String> obsNames = index(group(root, "obs", file), file, "obs");
            List<String> varNames = index(group(root, "var", file), file, "var");
            CsrMatrix x = xNode == null ? new CsrMatrix(obsNames.size(), varNames.size(), new long[obsNames.size() + 1], new int[0], new float[0])
                    : readMatrix(xNode, file, obsNames.size(), varNames.size());
            ObsTable obs = columns(group(root, "obs", file), obsNames.size(), file);
            double[][] spatial = null;
            Map<String, double[][]> obsm = new LinkedHashMap<>();
            if (root.getChildren().containsKey("obsm") && root.getChild("obsm") instanceof Group og) {
                for (Map.Entry<String, Node> e : og.getChildren().entrySet()) {
                    if (!(e.getValue() instanceof Dataset ds) || ds.getDimensions().length != 2) continue;
                    double[][] m = toMatrix(ds.getData());
                    if (m.length != obsNames.size()) {
                        throw new InputDataException(file, "obsm/" + e.getKey(), m.length + " rows but " + obsNames.size() + " observations", "rewrite the file with matching obsm");
                    }
                    if (e.getKey().equals("spatial")) {
                        spatial = new double[m.length][];
                        for (int i = 0; i < m.length; i++) spatial[i] = new double[]{m[i][0], m[i].length > 1 ? m[i][1] : 0};
                    } else {
                        obsm.put(e.getKey(), m);
                    }
                }
            }
            Map<String, String> uns = new LinkedHashMap<>();
            if (root.getChildren().containsKey("uns") && root.getChild("uns") instanceof Group ug) flattenUns(ug, "", uns);
            ExpressionData data = new ExpressionData(x, obsNames, varNames, obs, spatial, uns, obsm);
            DataChecks.requireUniqueNames(file, "obs index", obsNames);
            DataChecks.requireUniqueNames(file, "var index (gene names)", varNames);
            DataChecks.requireCounts(file, x.data(), layerName(root));
            return data;
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

    static HdfFile open(Path file) {
        if (!java.nio.file.Files.isRegularFile(file)) throw new InputDataException(file, null, "file not found", "check the path");
        try {
            if (java.nio.file.Files.size(file) == 0) throw new InputDataException(file, null, "file is empty", "regenerate it");
            return new HdfFile(file);
        } catch (StdeconvException e) {
            throw e;
        } catch (Exception e) {
            throw new InputDataException(file, null, "not a valid HDF5 file (" + e.getMessage() + ")", "the file may be truncated or not .h5ad; re-copy or regenerate it");
        }
    }

    private static String layerName(Group root) {
        return hasLayerCounts(root) ? "layers/counts" : "X";
    }

    private static boolean hasLayerCounts(Group root) {
        return root.getChildren().containsKey("layers") && root.getChild("layers") instanceof Group l && l.getChildren().containsKey("counts");
    }

    static Node matrixNode(Group root, Path file) {
        if (hasLayerCounts(root)) return ((Group) root.getChild("layers")).getChild("counts");
        if (!root.getChildren().containsKey("X")) {
            throw new InputDataException(file, "X", "no expression matrix: this HDF5 file is not AnnData", "give an .h5ad written by anndata/scanpy");
        }
        return root.getChild("X");
    }

    static Group group(Group root, String name, Path file) {
        Node n = root.getChildren().get(name);
        if (!(n instanceof Group g)) {
            throw new InputDataException(file, name, "missing group: this HDF5 file is not AnnData", "give an .h5ad written by anndata/scanpy");
        }
        return g;
    }

    static String attrString(Node node, String name) {
        Attribute a = node.getAttributes().get(name);
        if (a == null) return null;
        Object v = a.getData();
        if (v == null) return null;
        if (v.getClass().isArray()) return java.lang.reflect.Array.getLength(v) == 0 ? null : String.valueOf(java.lang.reflect.Array.get(v, 0));
        return String.valueOf(v);
    }

    static List<String> index(Group df, Path file, String what) {
        String indexName = attrString(df, "_index");
        if (indexName == null) indexName = "_index";
        Node n = df.getChildren().get(indexName);
        if (!(n instanceof Dataset ds)) {
            throw new InputDataException(file, what + "/" + indexName, "missing " + what + " index", "write the file with anndata so " + what + "_names are stored");
        }
        return Arrays.asList(Arrays1D.toStrings(ds.getData()));
    }

    static CsrMatrix readMatrix(Node xNode, Path file, int nObs, int nVar) {
        if (xNode instanceof Dataset ds) {
            int[] dims = ds.getDimensions();
            if (dims.length != 2) throw new InputDataException(file, "X", "dense X must be 2-D, found " + dims.length + "-D", "store X as a matrix");
            double[][] dense = toMatrix(ds.getData());
            CsrMatrix.Builder b = new CsrMatrix.Builder(dims[1]);
            float[] row = new float[dims[1]];
            for (double[] r : dense) {
                for (int j = 0; j < r.length; j++) row[j] = (float) r[j];
                b.addDenseRow(row);
            }
            return checkShape(b.build(), file, nObs, nVar);
        }
        Group g = (Group) xNode;
        String enc = attrString(g, "encoding-type");
        if (enc == null) enc = attrString(g, "h5sparse_format") == null ? "" : attrString(g, "h5sparse_format") + "_matrix";
        long[] shape = Arrays1D.toLong(g.getAttributes().get("shape").getData());
        float[] data = Arrays1D.toFloat(((Dataset) g.getChild("data")).getData());
        int[] indices = Arrays1D.toInt(((Dataset) g.getChild("indices")).getData());
        long[] indptr = Arrays1D.toLong(((Dataset) g.getChild("indptr")).getData());
        CsrMatrix m;
        if (enc.startsWith("csr")) {
            m = new CsrMatrix((int) shape[0], (int) shape[1], indptr, indices, data);
        } else if (enc.startsWith("csc")) {
            m = new CsrMatrix((int) shape[1], (int) shape[0], indptr, indices, data).transpose();
        } else {
            throw new InputDataException(file, "X", "unknown sparse encoding '" + enc + "'", "store X as csr_matrix, csc_matrix or dense");
        }
        return checkShape(m, file, nObs, nVar);
    }

    private static CsrMatrix checkShape(CsrMatrix m, Path file, int nObs, int nVar) {
        if (m.rows() != nObs || m.cols() != nVar) {
            throw new InputDataException(file, "X", "shape " + m.rows() + " x " + m.cols() + " does not match obs (" + nObs + ") x var (" + nVar + ")", "rewrite the file with anndata");
        }
        return m;
    }

    static double[][] toMatrix(Object data) {
        if (data instanceof double[][] d) return d;
        int n = java.lang.reflect.Array.getLength(data);
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) out[i] = Arrays1D.toDouble(java.lang.reflect.Array.get(data, i));
        return out;
    }

    static ObsTable columns(Group df, int n, Path file) {
        ObsTable t = new ObsTable(n);
        String indexName = attrString(df, "_index");
        List<String> order = new ArrayList<>();
        Attribute co = df.getAttributes().get("column-order");
        if (co != null && co.getData() != null && co.getData().getClass().isArray()) order.addAll(Arrays.asList(Arrays1D.toStrings(co.getData())));
        for (String k : df.getChildren().keySet()) if (!order.contains(k) && !k.equals(indexName) && !k.equals("__categories")) order.add(k);
        Group legacyCats = df.getChildren().get("__categories") instanceof Group g ? g : null;
        for (String name : order) {
            Node node = df.getChildren().get(name);
            if (node == null) continue;
            try {
                if (node instanceof Group cat) {
                    if (!cat.getChildren().containsKey("codes")) continue;
                    int[] codes = Arrays1D.toInt(((Dataset) cat.getChild("codes")).getData());
                    String[] cats = Arrays1D.toStrings(((Dataset) cat.getChild("categories")).getData());
                    t.putText(name, decode(codes, cats));
                } else if (node instanceof Dataset ds && ds.getDimensions().length == 1) {
                    Object v = ds.getData();
                    if (legacyCats != null && legacyCats.getChildren().containsKey(name)) {
                        t.putText(name, decode(Arrays1D.toInt(v), Arrays1D.toStrings(((Dataset) legacyCats.getChild(name)).getData())));
                    } else if (v instanceof String[] s) {
                        t.putText(name, s);
                    } else {
                        t.putNumeric(name, Arrays1D.toDouble(v));
                    }
                }
            } catch (RuntimeException e) {
                // an exotic column type must not make the whole file unreadable; it is simply not offered
                org.stdeconv.util.Log.warn("%s: obs column '%s' skipped (%s)", file, name, e.getMessage());
            }
        }
        return t;
    }

    private static String[] decode(int[] codes, String[] cats) {
        String[] out = new String[codes.length];
        for (int i = 0; i < codes.length; i++) out[i] = codes[i] < 0 ? "" : cats[codes[i]];
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
