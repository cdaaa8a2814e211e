package org.stdeconv.io.hdf5;

import java.util.LinkedHashMap;
import java.util.Map;

/** A group or dataset of the file being written, with its attributes in the order they were set. */
public abstract sealed class H5Node permits H5Group, H5Dataset {
    private final Map<String, H5Data> attributes = new LinkedHashMap<>();

    public H5Node attribute(String name, H5Data value) {
        attributes.put(name, value);
        return this;
    }

    /** Writes this object's header (after those of its children) and returns its address. */
    abstract long write(H5FileWriter file);

    final ObjectHeader withAttributes(ObjectHeader header) {
        attributes.forEach(header::attribute);
        return header;
    }
}
