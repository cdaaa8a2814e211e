package org.stdeconv.io.hdf5;

import io.jhdf.HdfFile;
import org.stdeconv.InputDataException;
import org.stdeconv.StdeconvException;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens an HDF5 file for reading (AnnData or 10x), so that a missing, empty, foreign or cut-short file fails with
 * the file named instead of deep inside jhdf.
 */
public final class H5Files {
    private H5Files() {
    }

    public static HdfFile open(Path file) {
        if (!Files.isRegularFile(file)) throw InputDataException.notARegularFile(file);
        if (!Files.isReadable(file)) throw InputDataException.permissionDenied(file);
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
        requireComplete(h5, file, "re-copy or regenerate the file");
    }

    /** As {@link #requireComplete(HdfFile, Path)}, with what to do about this file (e.g. rerun the step that wrote it). */
    public static void requireComplete(HdfFile h5, Path file, String hint) {
        long expected = h5.getHdfBackingStorage().getSuperblock().getEndOfFileAddress() + h5.getUserBlockSize();
        long actual = h5.size();
        if (expected > actual) {
            throw new InputDataException(file, null, String.format(java.util.Locale.ROOT, "file is truncated (HDF5 records %,d bytes, the file has %,d)", expected, actual),
                    hint);
        }
    }

    /**
     * Opens {@code file} and reads it with {@code reader}, closing the file when the reader fails: a reader's own
     * one-line error passes as it is, anything else becomes one line saying the file is not a readable {@code what}.
     */
    public static <T> T openAs(Path file, java.util.function.Function<HdfFile, T> reader, String what, String hint) {
        HdfFile h5 = open(file);
        try {
            return reader.apply(h5);
        } catch (StdeconvException e) {
            h5.close();
            throw e;
        } catch (RuntimeException e) {
            h5.close();
            throw new InputDataException(file, null, "not a readable " + what + " (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", hint);
        }
    }
}
