package org.stdeconv.io.h5ad;

import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.object.datatype.EnumDataType;
import org.stdeconv.InputDataException;
import org.stdeconv.data.ObsTable;
import org.stdeconv.io.hdf5.Arrays1D;
import org.stdeconv.io.hdf5.H5Arrays;
import org.stdeconv.io.hdf5.H5Attributes;
import org.stdeconv.log.Log;

import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Reads AnnData's obs and var dataframes: the index and (for obs) the columns that are strings, numbers, booleans,
 * categoricals (any code width, missing codes as empty text) or pandas nullable arrays (masked values become NaN or
 * empty text), including names with '/' that anndata 0.8 stores as nested groups. Older layouts too: anndata
 * 0.7's {@code __categories} group and anndata 0.6's compound tables with {@code uns/<column>_categories}.
 */
final class H5adFrameReader {
    private H5adFrameReader() {
    }

    /** A dataframe's index and (for obs) its columns. */
    record Frame(List<String> names, ObsTable columns) {
    }

    /** The dataframe {@code name} (obs or var): a group (anndata 0.7 and later) or a compound dataset (0.6). */
    static Frame read(Group root, String name, Path file, boolean withColumns) {
        Node n = root.getChildren().get(name);
        if (n instanceof Group g) {
            List<String> names = index(g, file, name);
            return new Frame(names, withColumns ? columns(g, names.size(), file, name) : new ObsTable(names.size()));
        }
        if (n instanceof Dataset ds && ds.isCompound()) return compoundFrame(root, ds, file, name, withColumns);
        throw new InputDataException(file, name, "missing dataframe: this HDF5 file is not AnnData", "give an .h5ad written by anndata/scanpy");
    }

    private static List<String> index(Group df, Path file, String what) {
        String indexName = H5Attributes.text(df, "_index");
        if (indexName == null) indexName = "_index";
        Node n = df.getChildren().get(indexName);
        if (!(n instanceof Dataset ds)) {
            throw new InputDataException(file, what + "/" + indexName, "missing " + what + " index", "write the file with anndata so " + what + "_names are stored");
        }
        requireRows(ds.getSize(), file, what);
        return Arrays.asList(H5Arrays.strings(ds));
    }

    /**
     * An empty obs or var is refused by its length, before any of its content is read: jhdf hands back null for
     * h5py's empty string datasets, and nothing downstream can use a file without cells, spots or genes.
     */
    private static void requireRows(long rows, Path file, String what) {
        if (rows > 0) return;
        if (what.equals("var")) throw new InputDataException(file, "var", "the AnnData has 0 genes", "give a file with at least one gene");
        throw new InputDataException(file, what, "the AnnData has 0 observations (cells/spots)", "give a file with at least one");
    }

    private static ObsTable columns(Group df, int n, Path file, String frameName) {
        ObsTable t = new ObsTable(n);
        String indexName = H5Attributes.text(df, "_index");
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
                t.putUnreadable(name, e.getMessage());
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
        for (int i = 0; i < codes.length; i++) {
            if (codes[i] >= cats.length) {
                throw new IllegalArgumentException("row " + i + " has category code " + codes[i] + " but there are " + cats.length + " categories");
            }
            out[i] = codes[i] < 0 ? "" : cats[codes[i]];
        }
        return out;
    }

    /** anndata 0.6 stored obs/var as one compound dataset with an 'index' field; categories lived in uns. */
    @SuppressWarnings("unchecked")
    private static Frame compoundFrame(Group root, Dataset ds, Path file, String what, boolean withColumns) {
        requireRows(ds.getSize(), file, what);
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
}
