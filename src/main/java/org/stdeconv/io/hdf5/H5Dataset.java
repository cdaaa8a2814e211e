package org.stdeconv.io.hdf5;

/** A dataset whose contiguous raw data is already in the file. */
public final class H5Dataset extends H5Node {
    private final H5Type type;
    private final long[] dims;
    private final long address;

    H5Dataset(H5Type type, long[] dims, long address) {
        this.type = type;
        this.dims = dims.clone();
        this.address = address;
    }

    @Override
    long write(H5FileWriter file) {
        return file.append(withAttributes(ObjectHeader.dataset(type, dims, address)).encode());
    }
}
