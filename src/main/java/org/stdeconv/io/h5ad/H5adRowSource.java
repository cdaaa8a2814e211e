package org.stdeconv.io.h5ad;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import org.stdeconv.InputDataException;
import org.stdeconv.StdeconvException;
import org.stdeconv.data.CsrIndices;
import org.stdeconv.data.CsrMatrix;
import org.stdeconv.data.ObsTable;
import org.stdeconv.io.DataChecks;
import org.stdeconv.io.SpotSource;
import org.stdeconv.io.hdf5.Arrays1D;
import org.stdeconv.io.hdf5.H5Attributes;
import org.stdeconv.io.hdf5.H5Files;
import org.stdeconv.io.hdf5.HdfReadFailure;
import org.stdeconv.io.hdf5.NotNumericException;
import org.stdeconv.log.Log;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an AnnData {@code .h5ad} a block of rows at a time: the file is opened once, obs/var names, obs columns and
 * obsm/spatial are read up front, and each {@link #readRows} reads only its slice of indptr, then the matching
 * slices of indices and data (or of a dense X). CSC matrices have no row access and are read whole, with a warning.
 */
public final class H5adRowSource implements SpotSource {
    private final Path file;
    private final HdfFile h5;
    private final String field;
    private final List<String> obsNames;
    private final List<String> varNames;
    private final ObsTable obs;
    private final double[][] spatial;
    private final Map<String, String> uns;
    private final RowReader reader;

    private H5adRowSource(Path file, HdfFile h5) {
        this.file = file;
        this.h5 = h5;
        H5Files.requireComplete(h5, file);
        Node x = H5adMatrixReader.matrixNode(h5, file);
        this.field = x.getPath().replaceAll("^/+|/+$", "");
        H5adFrameReader.Frame obsFrame = H5adFrameReader.read(h5, "obs", file, true);
        this.obsNames = obsFrame.names();
        this.varNames = H5adFrameReader.read(h5, "var", file, false).names();
        DataChecks.requireUsableNames(file, "obs index", obsNames);
        DataChecks.requireUsableNames(file, "var index (gene names)", varNames);
        this.obs = obsFrame.columns();
        // the matrix against obs and var first: a short obs index is then blamed on the matrix's shape, as the
        // whole-file reader does, not on the coordinates
        this.reader = rowReader(x);
        this.spatial = readSpatial();
        this.uns = new LinkedHashMap<>();
        if (h5.getChildren().get("uns") instanceof Group ug) H5adReader.flattenUns(ug, "", uns);
    }

    /** Opens {@code file}; bad or non-AnnData files fail with one line naming the file (exit 3). */
    public static H5adRowSource open(Path file) {
        return H5Files.openAs(file, h5 -> new H5adRowSource(file, h5), "AnnData .h5ad file", "check the file is complete and was written by anndata");
    }

    private double[][] readSpatial() {
        if (!(h5.getChildren().get("obsm") instanceof Group og)) return null;
        String key = og.getChildren().containsKey("spatial") ? "spatial" : "X_spatial";
        double[][] m;
        // a dataframe of numeric columns (x, y) is coordinates too, as for the whole-file reader: infer took such a
        // slide for one without coordinates (no smoothing, no maps) where qc and convert read them
        if (og.getChildren().get(key) instanceof Group frame && H5adReader.isNumericFrame(frame)) {
            m = H5adReader.frameMatrix(frame);
        } else {
            if (!(og.getChildren().get(key) instanceof Dataset ds)) return null;
            if (ds.getDimensions().length != 2 || ds.getDimensions()[0] != obsNames.size() || ds.getDimensions()[1] < 2) {
                throw new InputDataException(file, "obsm/" + key, "shape " + java.util.Arrays.toString(ds.getDimensions()) + " is not " + obsNames.size() + " x 2", "store one (x, y) row per spot");
            }
            requireNumeric(ds);
            m = H5adReader.toMatrix(ds.getData());
        }
        return H5adReader.coordinates(file, key, m, obsNames.size());
    }

    /** Text where numbers belong, said as the whole-file reader says it (not the conversion's exception text). */
    private void requireNumeric(Dataset ds) {
        if (ds.getJavaType() == String.class) {
            throw NotNumericException.of(ds, "String values", "numbers").in(file, "store it as a numeric array, as anndata writes it");
        }
    }

    private RowReader rowReader(Node x) {
        int nObs = obsNames.size(), nVar = varNames.size();
        if (x instanceof Dataset ds) {
            requireNumeric(ds);
            int[] dims = ds.getDimensions();
            if (dims.length != 2 || dims[0] != nObs || dims[1] != nVar) {
                throw new InputDataException(file, field, "dense shape " + java.util.Arrays.toString(dims) + " does not match obs (" + nObs + ") x var (" + nVar + ")", "rewrite the file with anndata");
            }
            return new DenseRows(ds, nVar);
        }
        Group g = (Group) x;
        String enc = H5Attributes.text(g, "encoding-type");
        if (enc == null && H5Attributes.text(g, "h5sparse_format") != null) enc = H5Attributes.text(g, "h5sparse_format") + "_matrix";
        if (enc != null && enc.startsWith("csr")) {
            io.jhdf.api.Attribute shapeAttr = g.getAttributes().get("shape");
            if (shapeAttr == null) throw new InputDataException(file, field, "sparse matrix without a shape attribute", "rewrite the file with anndata");
            long[] shape = Arrays1D.toLong(shapeAttr.getData());
            if (shape.length != 2) throw new InputDataException(file, field, "shape attribute has " + shape.length + " values, not 2", "rewrite the file with anndata");
            if (shape[0] != nObs || shape[1] != nVar) {
                throw new InputDataException(file, field, "shape " + shape[0] + " x " + shape[1] + " does not match obs (" + nObs + ") x var (" + nVar + ")", "rewrite the file with anndata");
            }
            return new CsrRows((Dataset) g.getChild("indptr"), (Dataset) g.getChild("indices"), (Dataset) g.getChild("data"), nObs, nVar);
        }
        Log.warn("%s: %s is stored as %s, which has no row access: it is read whole into memory (store X as CSR for bounded memory)", file, field, enc);
        CsrMatrix whole = H5adMatrixReader.read(x, file, nObs, nVar);
        return new RowReader() {
            @Override public CsrMatrix read(int start, int n) { return whole.sliceRows(start, n); }
            @Override public long storedEntries() { return whole.nnz(); }
        };
    }

    @Override public Path path() { return file; }
    @Override public int rows() { return obsNames.size(); }
    @Override public List<String> obsNames() { return obsNames; }
    @Override public List<String> varNames() { return varNames; }
    @Override public double[][] spatial() { return spatial; }
    @Override public ObsTable obs() { return obs; }
    @Override public Map<String, String> uns() { return uns; }
    @Override
    public long storedEntries() {
        try {
            return reader.storedEntries();
        } catch (StdeconvException e) {
            throw e;
        } catch (RuntimeException e) {
            throw HdfReadFailure.of(file, field, "cannot read its size", e, "the file may be truncated or corrupt; re-copy or regenerate it");
        }
    }

    /** Thread-safe: blocks may be requested from several threads; the file is read by one at a time. */
    @Override
    public synchronized CsrMatrix readRows(int start, int n) {
        if (start < 0 || n < 0 || start + n > rows()) throw new IndexOutOfBoundsException("rows [" + start + ", " + (start + n) + ") of " + rows());
        CsrMatrix m;
        try {
            m = reader.read(start, n);
        } catch (StdeconvException e) {
            throw e;
        } catch (NotNumericException e) {
            throw e.in(file, "store the counts as numbers, as anndata writes them");
        } catch (RuntimeException e) {
            throw HdfReadFailure.of(file, field, "cannot read rows " + start + "-" + (start + n), e, "the file may be truncated or corrupt; re-copy or regenerate it");
        }
        DataChecks.requireCounts(file, m.data(), field);
        return m;
    }

    @Override
    public void close() {
        h5.close();
    }

    private interface RowReader {
        CsrMatrix read(int start, int n);

        long storedEntries();
    }

    private final class CsrRows implements RowReader {
        private final Dataset indptr, indices, data;
        private final int nObs, nVar;

        CsrRows(Dataset indptr, Dataset indices, Dataset data, int nObs, int nVar) {
            if (indptr.getDimensions()[0] != nObs + 1) {
                throw new InputDataException(file, field + "/indptr", "length " + indptr.getDimensions()[0] + " is not obs + 1 = " + (nObs + 1), "rewrite the file with anndata");
            }
            // each block reads its slice of these as integers: a float index failed there as an internal error
            for (Dataset d : new Dataset[]{indptr, indices}) {
                Class<?> t = d.getJavaType();
                if (t == float.class || t == double.class || t == Float.class || t == Double.class || t == String.class) {
                    throw NotNumericException.of(d, t.getSimpleName() + " values", "integers").in(file, "rewrite the file with anndata");
                }
            }
            this.indptr = indptr;
            this.indices = indices;
            this.data = data;
            this.nObs = nObs;
            this.nVar = nVar;
        }

        @Override
        public long storedEntries() {
            return Arrays1D.toLong(indptr.getData(new long[]{nObs}, new int[]{1}))[0];
        }

        @Override
        public CsrMatrix read(int start, int n) {
            long[] ptr = Arrays1D.toLong(indptr.getData(new long[]{start}, new int[]{n + 1}));
            long first = ptr[0], len = ptr[n] - first;
            for (int i = 0; i < n; i++) {
                if (ptr[i + 1] < ptr[i]) throw new InputDataException(file, field + "/indptr", "decreases at row " + (start + i), "the file is corrupt; rewrite it with anndata");
            }
            if (first < 0 || ptr[n] > data.getDimensions()[0] || ptr[n] > indices.getDimensions()[0]) {
                throw new InputDataException(file, field + "/indptr", "points past the end of data/indices at rows " + start + "-" + (start + n), "the file is corrupt; rewrite it with anndata");
            }
            if (len > Integer.MAX_VALUE - 8) throw new IllegalStateException("block of " + n + " rows holds " + len + " entries; use a smaller batch_size");
            int[] idx = len == 0 ? new int[0] : NotNumericException.converting(indices, indices.getData(new long[]{first}, new int[]{(int) len}), Arrays1D::toInt);
            float[] val = len == 0 ? new float[0] : NotNumericException.converting(data, data.getData(new long[]{first}, new int[]{(int) len}), Arrays1D::toFloat);
            for (int i = 0; i <= n; i++) ptr[i] -= first;
            String bad = CsrIndices.problem(ptr, idx, nVar, start, "row", "gene");
            if (bad != null) throw new InputDataException(file, field + "/indices", "corrupt sparse matrix: " + bad, "the file is damaged; copy it again or regenerate it");
            return new CsrMatrix(n, nVar, ptr, idx, val);
        }
    }

    private static final class DenseRows implements RowReader {
        private final Dataset ds;
        private final int nVar;

        DenseRows(Dataset ds, int nVar) {
            this.ds = ds;
            this.nVar = nVar;
        }

        @Override
        public long storedEntries() {
            return (long) ds.getDimensions()[0] * nVar;
        }

        @Override
        public CsrMatrix read(int start, int n) {
            CsrMatrix.Builder b = new CsrMatrix.Builder(nVar);
            if (n == 0) return b.build();
            double[][] rows = H5adReader.toMatrix(ds.getData(new long[]{start, 0}, new int[]{n, nVar}));
            float[] row = new float[nVar];
            for (double[] r : rows) {
                for (int j = 0; j < nVar; j++) row[j] = (float) r[j];
                b.addDenseRow(row);
            }
            return b.build();
        }
    }
}
