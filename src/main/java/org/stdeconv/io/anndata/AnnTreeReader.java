package org.stdeconv.io.anndata;

import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.EnumDataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import io.jhdf.object.datatype.StringData;
import io.jhdf.object.datatype.VariableLength;
import org.stdeconv.io.hdf5.H5Type;

import java.lang.reflect.Array;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads a subtree of an HDF5 file (through jhdf) into {@link AnnNode}s, keeping every value's type. What cannot be
 * written back (compound or reference datasets, non-boolean enums, half floats) is left out and reported to
 * {@code skipped} by path, so that an unusual uns entry costs that entry, not the whole annotated file.
 */
final class AnnTreeReader {
    private final Consumer<String> skipped;

    AnnTreeReader(Consumer<String> skipped) {
        this.skipped = skipped;
    }

    AnnNode.Group group(Group g) {
        AnnNode.Group out = new AnnNode.Group();
        readAttributes(g, out.attributes());
        for (Map.Entry<String, Node> e : g.getChildren().entrySet()) {
            Node child = e.getValue();
            try {
                if (child instanceof Group cg) out.children().put(e.getKey(), group(cg));
                else if (child instanceof Dataset ds) out.children().put(e.getKey(), dataset(ds));
            } catch (UnsupportedOperationException ex) {
                skipped.accept(child.getPath() + " (" + ex.getMessage() + ")");
            }
        }
        return out;
    }

    AnnNode.Dataset dataset(Dataset ds) {
        long[] dims = ds.isScalar() ? new long[0] : ds.getDimensionsAsLong();
        Object flat = ds.isScalar() ? wrap(ds.getData()) : dims.length > 0 && dims[0] == 0 ? emptyOf(ds.getDataType()) : ds.getDataFlat();
        AnnNode.Dataset out = new AnnNode.Dataset(value(ds.getDataType(), dims, flat), new java.util.TreeMap<>());
        readAttributes(ds, out.attributes());
        return out;
    }

    private void readAttributes(Node node, Map<String, H5Array> into) {
        for (Map.Entry<String, Attribute> e : node.getAttributes().entrySet()) {
            Attribute a = e.getValue();
            Object data = a.isEmpty() ? null : a.getData();
            if (data == null || (!a.isScalar() && a.getSize() == 0)) {
                // jhdf gives null for an empty array; anndata writes one for the column-order of a frame without
                // columns and reads "" the same way, which is what the writer can store
                if (e.getKey().equals("column-order")) into.put(e.getKey(), H5Array.string(""));
                continue;
            }
            try {
                long[] dims = a.isScalar() ? new long[0] : a.getDimensionsAsLong();
                into.put(e.getKey(), value(a.getDataType(), dims, a.isScalar() ? wrap(data) : flatten(data)));
            } catch (UnsupportedOperationException ex) {
                skipped.accept(node.getPath() + " attribute " + e.getKey() + " (" + ex.getMessage() + ")");
            }
        }
    }

    private static H5Array value(DataType type, long[] dims, Object flat) {
        if (type instanceof StringData || (type instanceof VariableLength v && v.isVariableLengthString())) {
            Object[] o = (Object[]) flat;
            String[] s = new String[o.length];
            for (int i = 0; i < s.length; i++) s[i] = o[i] == null ? "" : o[i].toString();
            return H5Array.text(dims, s);
        }
        if (type instanceof FixedPoint f) {
            H5Type t = H5Type.integer(f.getSize(), f.isSigned());
            return H5Array.numeric(t, dims, integerBytes(flat, f.getSize()));
        }
        if (type instanceof FloatingPoint f && (f.getSize() == 4 || f.getSize() == 8)) {
            return H5Array.numeric(H5Type.floatingPoint(f.getSize()), dims, floatBytes(flat, f.getSize()));
        }
        if (type instanceof EnumDataType en && en.getSize() == 1 && isBool(en.getEnumMapping())) {
            int n = Array.getLength(flat);
            byte[] b = new byte[n];
            for (int i = 0; i < n; i++) b[i] = (byte) ("TRUE".equals(String.valueOf(Array.get(flat, i))) ? 1 : 0);
            return H5Array.numeric(H5Type.BOOL, dims, b);
        }
        throw new UnsupportedOperationException("datatype " + type.getClass().getSimpleName() + " is not copied");
    }

    private static boolean isBool(Map<Integer, String> mapping) {
        return mapping.size() == 2 && "FALSE".equals(mapping.get(0)) && "TRUE".equals(mapping.get(1));
    }

    private static byte[] integerBytes(Object flat, int size) {
        int n = Array.getLength(flat);
        ByteBuffer b = ByteBuffer.allocate(Math.multiplyExact(n, size)).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            Object v = Array.get(flat, i);
            // unsigned values arrive widened (uint8 as short, uint64 as BigInteger): the low bytes are the value
            long x = v instanceof BigInteger big ? big.longValue() : v instanceof Boolean bool ? (bool ? 1 : 0) : ((Number) v).longValue();
            switch (size) {
                case 1 -> b.put((byte) x);
                case 2 -> b.putShort((short) x);
                case 4 -> b.putInt((int) x);
                default -> b.putLong(x);
            }
        }
        return b.array();
    }

    private static byte[] floatBytes(Object flat, int size) {
        int n = Array.getLength(flat);
        ByteBuffer b = ByteBuffer.allocate(Math.multiplyExact(n, size)).order(ByteOrder.LITTLE_ENDIAN);
        if (flat instanceof double[] d && size == 8) b.asDoubleBuffer().put(d);
        else if (flat instanceof float[] f && size == 4) b.asFloatBuffer().put(f);
        else for (int i = 0; i < n; i++) {
            double v = ((Number) Array.get(flat, i)).doubleValue();
            if (size == 4) b.putFloat((float) v);
            else b.putDouble(v);
        }
        return b.array();
    }

    private static Object wrap(Object scalar) {
        if (scalar != null && scalar.getClass().isArray()) return flatten(scalar);
        Object[] one = {scalar};
        return one;
    }

    private static Object emptyOf(DataType type) {
        return type instanceof StringData || type instanceof VariableLength ? new String[0] : new double[0];
    }

    /** A (possibly nested) Java array as one flat list in row-major order. */
    private static Object flatten(Object data) {
        if (!data.getClass().getComponentType().isArray()) return data;
        List<Object> out = new ArrayList<>();
        collect(data, out);
        return out.toArray();
    }

    private static void collect(Object data, List<Object> out) {
        int n = Array.getLength(data);
        for (int i = 0; i < n; i++) {
            Object v = Array.get(data, i);
            if (v != null && v.getClass().isArray()) collect(v, out);
            else out.add(v);
        }
    }
}
