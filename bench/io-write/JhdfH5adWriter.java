import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import io.jhdf.api.WritableNode;
import org.stdeconv.data.CsrMatrix;
import org.stdeconv.data.ExpressionData;
import org.stdeconv.data.ObsTable;
import org.stdeconv.step.OutputStage;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The h5ad writer stdeconv used before StreamingH5adWriter (src/main/java/org/stdeconv/io/H5adWriter.java at commit
 * 31d463f, through jhdf 0.13), kept here only as the baseline of bench/io-write. Original description:
 * Writes AnnData {@code .h5ad} that anndata 0.8+ reads: X as csr_matrix, obs/var dataframes with string and
 * numeric columns (no categoricals: jhdf writes their bool attribute as int8, which anndata rejects), obsm and
 * string-valued uns. The file appears under its final name only when complete.
 */
final class JhdfH5adWriter {
    private JhdfH5adWriter() {
    }

    public static void write(ExpressionData data, Path file) {
        try (OutputStage stage = OutputStage.forFile(file)) {
            writeDirect(data, stage.file());
            stage.commit();
        }
    }

    /** Writes to {@code file} directly; callers that stage several outputs use this inside their own stage. */
    public static void writeDirect(ExpressionData data, Path file) {
        try (WritableHdfFile h5 = HdfFile.write(file)) {
            encoding(h5, "anndata", "0.1.0");
            writeCsr(h5, "X", data.counts());
            writeFrame(h5, "obs", data.obsNames(), data.obs());
            writeFrame(h5, "var", data.varNames(), new ObsTable(data.nVars()));
            // Empty groups are never written: jhdf 0.13 can mis-link an empty group (h5py then reports "bad object
            // header version number"), and anndata treats absent obsm, uns, layers, obsp, varm, varp as empty.
            if (data.spatial() != null || !data.obsm().isEmpty()) {
                WritableGroup obsm = h5.putGroup("obsm");
                encoding(obsm, "dict", "0.1.0");
                if (data.spatial() != null) encoding(obsm.putDataset("spatial", data.spatial()), "array", "0.2.0");
                for (Map.Entry<String, double[][]> e : data.obsm().entrySet()) {
                    encoding(obsm.putDataset(e.getKey(), e.getValue()), "array", "0.2.0");
                }
            }
            if (!data.uns().isEmpty()) {
                WritableGroup uns = h5.putGroup("uns");
                encoding(uns, "dict", "0.1.0");
                for (Map.Entry<String, String> e : data.uns().entrySet()) {
                    String key = e.getKey().replace('/', '_');
                    encoding(uns.putDataset(key, e.getValue()), "string", "0.2.0");
                }
            }
        }
    }

    private static void writeCsr(WritableGroup parent, String name, CsrMatrix m) {
        WritableGroup g = parent.putGroup(name);
        encoding(g, "csr_matrix", "0.1.0");
        g.putAttribute("shape", new long[]{m.rows(), m.cols()});
        g.putDataset("data", m.data());
        g.putDataset("indices", m.indices());
        g.putDataset("indptr", m.indptr());
    }

    private static void writeFrame(WritableGroup parent, String name, List<String> index, ObsTable columns) {
        WritableGroup g = parent.putGroup(name);
        encoding(g, "dataframe", "0.2.0");
        g.putAttribute("_index", "_index");
        String[] order = columns.names().toArray(new String[0]);
        // jhdf cannot write an empty attribute array; anndata reads list("") as no columns
        if (order.length == 0) g.putAttribute("column-order", "");
        else g.putAttribute("column-order", order);
        encoding(g.putDataset("_index", index.toArray(new String[0])), "string-array", "0.2.0");
        for (Map.Entry<String, String[]> e : columns.textColumns().entrySet()) {
            String[] v = e.getValue().clone();
            for (int i = 0; i < v.length; i++) if (v[i] == null) v[i] = "";
            encoding(putAtPath(g, e.getKey(), v), "string-array", "0.2.0");
        }
        for (Map.Entry<String, double[]> e : columns.numericColumns().entrySet()) {
            encoding(putAtPath(g, e.getKey(), e.getValue()), "array", "0.2.0");
        }
    }

    /**
     * A column name with '/' (e.g. the cell type "eL2/3" in true_eL2/3) is an HDF5 path: anndata 0.8 stores it as a
     * dataset inside groups and finds it again through column-order, so do the same.
     */
    private static WritableNode putAtPath(WritableGroup g, String name, Object data) {
        String[] parts = name.split("/", -1);
        WritableGroup at = g;
        for (int i = 0; i < parts.length - 1; i++) {
            String p = parts[i].isEmpty() ? "_" : parts[i];
            at = at.getChildren().get(p) instanceof WritableGroup w ? w : at.putGroup(p);
        }
        String last = parts[parts.length - 1];
        return at.putDataset(last.isEmpty() ? "_" : last, data);
    }

    private static void encoding(WritableNode node, String type, String version) {
        node.putAttribute("encoding-type", type);
        node.putAttribute("encoding-version", version);
    }

}
