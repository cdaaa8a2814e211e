package org.stdeconv.io.hdf5;

import java.util.LinkedHashMap;
import java.util.Map;

/** A group: named links to child groups and datasets, kept in insertion order. */
public final class H5Group extends H5Node {
    private final H5FileWriter file;
    private final Map<String, H5Node> children = new LinkedHashMap<>();

    H5Group(H5FileWriter file) {
        this.file = file;
    }

    /** The child group {@code name}, created if absent. */
    public H5Group group(String name) {
        H5Node existing = children.get(name);
        if (existing instanceof H5Group g) return g;
        if (existing != null) throw new IllegalArgumentException("'" + name + "' is already a dataset, cannot also be a group");
        return add(name, new H5Group(file));
    }

    /** A dataset holding {@code data}, whose bytes are written to the file now. */
    public H5Dataset dataset(String name, H5Data data) {
        return dataset(name, data.type(), data.dims(), file.append(data.bytes()));
    }

    /** A dataset whose raw data the caller has placed at {@code address} (see {@link H5FileWriter#allocate}). */
    public H5Dataset dataset(String name, H5Type type, long[] dims, long address) {
        if (children.containsKey(name)) throw new IllegalArgumentException("'" + name + "' is written twice");
        return add(name, new H5Dataset(type, dims, address));
    }

    private <T extends H5Node> T add(String name, T node) {
        if (name.isEmpty() || name.contains("/") || name.equals(".")) throw new IllegalArgumentException("not an HDF5 link name: '" + name + "'");
        children.put(name, node);
        return node;
    }

    @Override
    long write(H5FileWriter file) {
        Map<String, Long> addresses = new LinkedHashMap<>();
        children.forEach((name, child) -> addresses.put(name, child.write(file)));
        ObjectHeader header = ObjectHeader.group();
        addresses.forEach(header::link);
        return file.append(withAttributes(header).encode());
    }
}
