package org.stdeconv.io.tenx;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import org.stdeconv.InputDataException;
import org.stdeconv.io.GeneExpressionFeatures;
import org.stdeconv.StdeconvException;
import org.stdeconv.data.CsrIndices;
import org.stdeconv.data.CsrMatrix;
import org.stdeconv.io.hdf5.Arrays1D;
import org.stdeconv.io.DataChecks;
import org.stdeconv.io.hdf5.H5Arrays;
import org.stdeconv.io.hdf5.H5Files;
import org.stdeconv.io.hdf5.NotNumericException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A 10x feature-barcode matrix ({@code filtered_feature_bc_matrix.h5}) kept open to read barcodes a block at a time.
 * The matrix is CSC features x barcodes, so one barcode is one contiguous slice of {@code data}/{@code indices}: a
 * block of barcodes is read as CSR rows without transposing. Held in memory: barcodes, gene names and indptr (8
 * bytes per barcode), never the counts. Non-gene features (antibody capture ...) are left out, gene symbols made
 * unique as anndata does.
 */
public final class TenxMatrixFile implements AutoCloseable {
    private static final String WHAT = "10x HDF5 matrix", HINT = "give filtered_feature_bc_matrix.h5 from Space Ranger / Cell Ranger";
    /** Kept columns whose stored entries are at most this far apart are read in one slice, not two. */
    private static final long MERGE_GAP = 1 << 16;

    private final Path file;
    private final HdfFile h5;
    private final String field;
    private final List<String> barcodes;
    private final List<String> genes;
    private final int features;
    private final int[] geneFeatures;
    private final long[] indptr;
    private final Dataset indices, data;

    private TenxMatrixFile(Path file, HdfFile h5) {
        this.file = file;
        this.h5 = h5;
        H5Files.requireComplete(h5, file);
        Group m = matrixGroup();
        this.field = m.getPath().replaceAll("/+$", "");
        boolean v3 = m.getChildren().get("features") instanceof Group;
        Group featureGroup = v3 ? (Group) m.getChild("features") : m;
        this.barcodes = Arrays.asList(Arrays1D.toStrings(dataset(m, "barcodes").getData()));
        List<String> symbols = Arrays.asList(Arrays1D.toStrings(dataset(featureGroup, v3 ? "name" : "gene_names").getData()));
        this.features = symbols.size();
        long[] shape = Arrays1D.toLong(dataset(m, "shape").getData());
        this.indptr = Arrays1D.toLong(dataset(m, "indptr").getData());
        this.indices = dataset(m, "indices");
        this.data = dataset(m, "data");
        long stored = data.getDimensions()[0];
        if (shape.length != 2 || shape[0] != features || shape[1] != barcodes.size() || indptr.length != barcodes.size() + 1
                || indices.getDimensions()[0] != stored || indptr[barcodes.size()] != stored || indptr[0] != 0) {
            throw new InputDataException(file, field, "inconsistent matrix: shape " + Arrays.toString(shape) + ", " + features + " features, "
                    + barcodes.size() + " barcodes, " + stored + " values", "the file is damaged; re-copy it from the Space Ranger output");
        }
        for (int i = 0; i < barcodes.size(); i++) {
            if (indptr[i + 1] < indptr[i]) throw new InputDataException(file, field + "/indptr", "decreases at barcode " + i, "the file is damaged; re-copy it");
        }
        this.geneFeatures = geneExpressionFeatures(featureGroup);
        List<String> names = new ArrayList<>(geneFeatures.length);
        for (int j : geneFeatures) names.add(symbols.get(j));
        this.genes = DataChecks.makeUnique(file, names);
        DataChecks.requireUsableNames(file, "barcodes", barcodes);
    }

    /** Opens {@code file}; a file that is not a 10x matrix fails with one line naming it (exit 3). */
    public static TenxMatrixFile open(Path file) {
        return H5Files.openAs(file, h5 -> new TenxMatrixFile(file, h5), WHAT, HINT);
    }

    private Group matrixGroup() {
        if (h5.getChildren().get("matrix") instanceof Group g) return g;
        // Cell Ranger 2: one group per genome, e.g. /GRCh38/{barcodes, genes, gene_names, data, indices, indptr, shape}
        for (Node n : h5.getChildren().values()) if (n instanceof Group g && g.getChildren().containsKey("gene_names")) return g;
        throw new InputDataException(file, "matrix", "no 10x matrix group: this HDF5 file is not a 10x feature-barcode matrix", "give filtered_feature_bc_matrix.h5 (or an .h5ad)");
    }

    private Dataset dataset(Group g, String name) {
        if (g.getChildren().get(name) instanceof Dataset ds) return ds;
        throw new InputDataException(file, g.getPath() + name, "missing", "the file is damaged or not a 10x matrix");
    }

    private int[] geneExpressionFeatures(Group featureGroup) {
        if (!(featureGroup.getChildren().get("feature_type") instanceof Dataset ft)) return identity(features);
        return GeneExpressionFeatures.of(Arrays.asList(Arrays1D.toStrings(ft.getData())), file, ft.getPath());
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = i;
        return a;
    }

    public Path path() {
        return file;
    }

    public List<String> barcodes() {
        return barcodes;
    }

    /** Gene symbols of the Gene Expression features, made unique: the column order of {@link #readBarcodes}. */
    public List<String> genes() {
        return genes;
    }

    /** Stored entries of the given barcodes (all features, as a bound on what reading them yields). */
    public long storedEntries(int[] barcodeIndices) {
        long n = 0;
        for (int b : barcodeIndices) n += indptr[b + 1] - indptr[b];
        return n;
    }

    /**
     * Every barcode's counts as CSR rows x genes, read in one piece: data and indices whole (the CSC arrays are the
     * CSR arrays of barcodes x features, so nothing is copied or transposed).
     */
    public CsrMatrix readAll() {
        try {
            float[] val = H5Arrays.floats(data);
            int[] idx = H5Arrays.ints(indices);
            requireFeatureIndices(indptr, idx, 0, "barcode");
            DataChecks.requireCounts(file, val, field + "/data");
            CsrMatrix all = new CsrMatrix(barcodes.size(), features, indptr, idx, val);
            return geneFeatures.length == features ? all : all.remapColumns(geneFeatures);
        } catch (StdeconvException e) {
            throw e;
        } catch (NotNumericException e) {
            throw e.in(file, HINT);
        } catch (RuntimeException e) {
            throw new InputDataException(file, null, "not a readable " + WHAT + " (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", HINT);
        }
    }

    /** The dataset path of the counts, for messages ({@code /matrix/data}). */
    public String countsField() {
        return field + "/data";
    }

    /** Feature indices in range and none repeated within a barcode (see {@link CsrIndices}); rows named {@code rowWord}, numbered from {@code firstRow}. */
    private void requireFeatureIndices(long[] ptr, int[] idx, long firstRow, String rowWord) {
        String bad = CsrIndices.problem(ptr, idx, features, firstRow, rowWord, "feature");
        if (bad != null) throw new InputDataException(file, field + "/indices", bad, "the file is damaged; re-copy it from the Space Ranger output");
    }

    /**
     * Counts of barcodes {@code columns[from .. from + n)} (ascending matrix indices) as CSR rows x genes. Barcodes
     * near each other are read in one slice of indices/data, far-apart ones separately, so that a sparse selection
     * does not read the whole range between them.
     */
    public CsrMatrix readBarcodes(int[] columns, int from, int n) {
        long[] rowPtr = new long[n + 1];
        for (int i = 0; i < n; i++) rowPtr[i + 1] = rowPtr[i] + indptr[columns[from + i] + 1] - indptr[columns[from + i]];
        if (rowPtr[n] > Integer.MAX_VALUE - 8) throw new IllegalStateException("block of " + n + " barcodes holds " + rowPtr[n] + " entries; use a smaller batch_size");
        int[] idx = new int[(int) rowPtr[n]];
        float[] val = new float[idx.length];
        for (int i = 0; i < n; ) {
            int j = i;
            while (j + 1 < n && indptr[columns[from + j + 1]] - indptr[columns[from + j] + 1] <= MERGE_GAP) j++;
            long start = indptr[columns[from + i]], end = indptr[columns[from + j] + 1];
            if (end > start) {
                int len = Math.toIntExact(end - start);
                int[] sliceIdx = NotNumericException.converting(indices, indices.getData(new long[]{start}, new int[]{len}), Arrays1D::toInt);
                float[] sliceVal = NotNumericException.converting(data, data.getData(new long[]{start}, new int[]{len}), Arrays1D::toFloat);
                for (int k = i; k <= j; k++) {
                    int at = (int) (indptr[columns[from + k]] - start), count = (int) (rowPtr[k + 1] - rowPtr[k]);
                    System.arraycopy(sliceIdx, at, idx, (int) rowPtr[k], count);
                    System.arraycopy(sliceVal, at, val, (int) rowPtr[k], count);
                }
            }
            i = j + 1;
        }
        requireFeatureIndices(rowPtr, idx, from, "spot");
        DataChecks.requireCounts(file, val, field + "/data");
        CsrMatrix all = new CsrMatrix(n, features, rowPtr, idx, val);
        return geneFeatures.length == features ? all : all.remapColumns(geneFeatures);
    }

    @Override
    public void close() {
        h5.close();
    }
}
