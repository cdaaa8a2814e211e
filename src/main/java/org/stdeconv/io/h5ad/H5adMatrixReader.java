package org.stdeconv.io.h5ad;

import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import org.stdeconv.InputDataException;
import org.stdeconv.data.CsrIndices;
import org.stdeconv.data.CsrMatrix;
import org.stdeconv.io.DataChecks;
import org.stdeconv.io.hdf5.Arrays1D;
import org.stdeconv.io.hdf5.H5Arrays;
import org.stdeconv.io.hdf5.H5Attributes;

import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Reads the counts of an AnnData file whole, as CSR: {@code layers/counts} when present, else X, stored as CSR, CSC
 * (h5sparse's {@code h5sparse_format} attribute too) or dense, of any numeric type, plain or gzip. The values are
 * checked to be counts and the sparse index to be intact, so that a damaged file fails here with its field named.
 */
final class H5adMatrixReader {
    private H5adMatrixReader() {
    }

    /** Whether the file stores an expression matrix (X or layers/counts). */
    static boolean hasMatrix(Group root) {
        return hasLayerCounts(root) || root.getChildren().containsKey("X");
    }

    private static boolean hasLayerCounts(Group root) {
        return root.getChildren().get("layers") instanceof Group l && l.getChildren().containsKey("counts");
    }

    /** The counts: layers/counts when present (X may then be normalised), else X. */
    static Node matrixNode(Group root, Path file) {
        if (hasLayerCounts(root)) return ((Group) root.getChild("layers")).getChild("counts");
        Node x = root.getChildren().get("X");
        if (x == null) {
            throw new InputDataException(file, "X", "no expression matrix (neither X nor layers/counts): this HDF5 file is not AnnData", "give an .h5ad written by anndata/scanpy");
        }
        return x;
    }

    static CsrMatrix read(Node xNode, Path file, int nObs, int nVar) {
        String field = xNode.getPath().replaceFirst("^/", "").replaceFirst("/$", "");
        if (xNode instanceof Dataset ds) {
            CsrMatrix m = readDense(ds, file);
            DataChecks.requireCounts(file, m.data(), field);
            return checkShape(m, file, nObs, nVar);
        }
        Group g = (Group) xNode;
        String enc = H5Attributes.text(g, "encoding-type");
        if (enc == null) enc = H5Attributes.text(g, "h5sparse_format") == null ? "" : H5Attributes.text(g, "h5sparse_format") + "_matrix";
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
        requireValidSparse(file, g.getPath(), csr, major, minor, indptr, indices, dataDs.getSize());
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

    /**
     * A damaged index would otherwise fail far away (or silently read wrong cells); check it once here: indptr
     * consistent, every index in range and none repeated within its row (column, for CSC).
     */
    private static void requireValidSparse(Path file, String where, boolean csr, int major, int minor, long[] indptr, int[] indices, long nnz) {
        String problem = null;
        if (indptr.length != major + 1) problem = "indptr has " + indptr.length + " entries for " + major + " rows/columns";
        else if (indptr[0] != 0 || indptr[major] != nnz) problem = "indptr runs " + indptr[0] + ".." + indptr[major] + " but there are " + nnz + " values";
        else if (indices.length != nnz) problem = indices.length + " indices for " + nnz + " values";
        else {
            for (int i = 0; i < major && problem == null; i++) if (indptr[i + 1] < indptr[i]) problem = "indptr decreases at " + i;
            if (problem == null) {
                String bad = CsrIndices.problem(indptr, indices, minor, 0, csr ? "row" : "gene", csr ? "gene" : "row");
                if (bad != null) {
                    throw new InputDataException(file, where.replaceAll("^/+|/+$", "") + "/indices", "corrupt sparse matrix: " + bad,
                            "the file is damaged; copy it again or regenerate it");
                }
            }
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
}
