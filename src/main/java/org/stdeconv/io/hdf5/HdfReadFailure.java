package org.stdeconv.io.hdf5;

import org.stdeconv.InputDataException;

/**
 * What a failed read of an HDF5 file tells its user, in one line without a Java class name: a dataset stored with a
 * compression filter the HDF5 library (jhdf) cannot decode (h5py's scale-offset, say) is no damage and says so, with
 * the way out; anything else is reported as a damaged file with {@code damagedHint}.
 */
public final class HdfReadFailure {
    private HdfReadFailure() {
    }

    /** @param what what was being read ("cannot read rows 0-100"); @param e what the library threw */
    public static InputDataException of(Object file, String field, String what, RuntimeException e, String damagedHint) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof io.jhdf.exceptions.HdfFilterException) {
                return new InputDataException(file, field, what + ": stored with an HDF5 filter stdeconv cannot decode (" + t.getMessage() + ")",
                        "rewrite the file with gzip or no compression (e.g. anndata.read_h5ad(f).write_h5ad(out, compression='gzip'))");
            }
        }
        return new InputDataException(file, field, what + " (" + e.getMessage() + ")", damagedHint);
    }
}
