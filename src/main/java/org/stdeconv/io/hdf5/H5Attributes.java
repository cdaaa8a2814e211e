package org.stdeconv.io.hdf5;

import io.jhdf.api.Attribute;
import io.jhdf.api.Node;

import java.lang.reflect.Array;

/** Attributes as text, however the writer stored them (a scalar, or h5py's one-element array). */
public final class H5Attributes {
    private H5Attributes() {
    }

    /** The attribute's value as text; null when it is absent, null or an empty array. */
    public static String text(Node node, String name) {
        Attribute a = node.getAttributes().get(name);
        if (a == null) return null;
        Object v = a.getData();
        if (v == null) return null;
        if (v.getClass().isArray()) return Array.getLength(v) == 0 ? null : String.valueOf(Array.get(v, 0));
        return String.valueOf(v);
    }
}
