package org.stdeconv.io.anndata;

import io.jhdf.HdfFile;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import org.stdeconv.InputDataException;
import org.stdeconv.data.ObsTable;
import org.stdeconv.io.hdf5.H5Data;
import org.stdeconv.log.Log;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Everything of an AnnData file but X: obs, var, obsm, varm and uns, as read (types, nested uns groups, images) or
 * as built from a slide that was not an .h5ad. Rows can be cut out (a chunk of the slide) and joined again (the
 * merge of chunks): obs and the row-aligned entries of obsm are cut, var, varm and uns are taken whole.
 */
public record AnnDataParts(AnnNode.Group obs, AnnNode.Group var, AnnNode.Group obsm, AnnNode.Group varm, AnnNode.Group uns) {
    /** Top-level entries of an .h5ad that are not carried over: X is written anew, the others are spot x spot or per-gene copies of X. */
    private static final List<String> NOT_CARRIED = List.of("X", "layers", "obsp", "varp", "raw");

    /** The number of rows (spots). */
    public int nObs() {
        return Math.toIntExact(index(obs).rows());
    }

    /** The number of genes (var rows). */
    public int nVar() {
        return Math.toIntExact(index(var).rows());
    }

    public List<String> obsNames() {
        return List.of(index(obs).text());
    }

    private static H5Array index(AnnNode.Group frame) {
        H5Array name = frame.attributes().get(DataFrames.INDEX);
        String key = name != null && name.isText() ? name.text()[0] : DataFrames.INDEX;
        if (!(frame.children().get(key) instanceof AnnNode.Dataset d)) throw new IllegalStateException("dataframe without its index '" + key + "'");
        return d.value();
    }

    /**
     * Reads the parts of {@code file}. Entries that cannot be copied are left out with a warning naming them, as are
     * layers, obsp, varp and raw.
     */
    public static AnnDataParts read(Path file) {
        List<String> skipped = new ArrayList<>();
        AnnTreeReader reader = new AnnTreeReader(skipped::add);
        try (HdfFile h5 = new HdfFile(file)) {
            Map<String, Node> top = h5.getChildren();
            for (String k : top.keySet()) if (NOT_CARRIED.contains(k) && !k.equals("X") && !(top.get(k) instanceof Group g && g.getChildren().isEmpty())) skipped.add("/" + k + " (not carried into the annotated file)");
            AnnNode.Group obs = frameOrFail(reader, top, "obs", file);
            AnnNode.Group var = frameOrFail(reader, top, "var", file);
            AnnNode.Group obsm = dict(reader, top, "obsm");
            // obsm entries are n_obs rows; only arrays and dataframes can be cut into chunks
            for (String k : List.copyOf(obsm.children().keySet())) {
                AnnNode e = obsm.children().get(k);
                if (e instanceof AnnNode.Group g && !g.encoding().equals("dataframe")) {
                    obsm.children().remove(k);
                    skipped.add("/obsm/" + k + " (" + g.encoding() + " entries are not carried)");
                }
            }
            AnnDataParts parts = new AnnDataParts(obs, var, obsm, dict(reader, top, "varm"), dict(reader, top, "uns"));
            if (!skipped.isEmpty()) Log.warn("annotated.h5ad leaves out of %s: %s", file.getFileName(), String.join(", ", skipped));
            return parts;
        } catch (InputDataException | UnsupportedOperationException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new InputDataException(file, null, "cannot read its obs/var/obsm/uns for the annotated file (" + e.getMessage() + ")",
                    "the file may be damaged (re-copy or regenerate it) or written by an anndata before 0.8 (rewrite it with anndata 0.8 or later)");
        }
    }

    private static AnnNode.Group frameOrFail(AnnTreeReader reader, Map<String, Node> top, String name, Path file) {
        if (!(top.get(name) instanceof Group g)) throw new InputDataException(file, name, "is not a group (an AnnData file before anndata 0.7?)", "rewrite it with anndata 0.8 or later");
        AnnNode.Group frame = reader.group(g);
        if (!frame.encoding().equals("dataframe")) throw new InputDataException(file, name, "is not an anndata dataframe", "rewrite it with anndata 0.8 or later");
        return frame;
    }

    private static AnnNode.Group dict(AnnTreeReader reader, Map<String, Node> top, String name) {
        return top.get(name) instanceof Group g ? reader.group(g) : AnnNode.Group.encoded("dict", "0.1.0");
    }

    /** The parts of a slide read from another format: its obs columns, genes, coordinates and string metadata. */
    public static AnnDataParts of(List<String> obsNames, ObsTable obs, List<String> varNames, double[][] spatial, Map<String, String> uns) {
        AnnNode.Group obsm = AnnNode.Group.encoded("dict", "0.1.0");
        if (spatial != null) obsm.children().put("spatial", AnnNode.Dataset.encoded(H5Array.of(H5Data.float64(spatial, 2)), "array", "0.2.0"));
        AnnNode.Group u = AnnNode.Group.encoded("dict", "0.1.0");
        uns.forEach((k, v) -> u.children().put(k.replace('/', '_'), AnnNode.Dataset.encoded(H5Array.string(v), "string", "0.2.0")));
        return new AnnDataParts(DataFrames.frame(obsNames, obs), DataFrames.frame(varNames), obsm, AnnNode.Group.encoded("dict", "0.1.0"), u);
    }

    /** Spots [start, end) only. */
    public AnnDataParts rows(int start, int end) {
        if (start == 0 && end == nObs()) return this;
        return new AnnDataParts(rowwise(List.of(obs), true, p -> p.get(0).rows(start, end)), var,
                rowwise(List.of(obsm), false, p -> p.get(0).rows(start, end)), varm, uns);
    }

    /** The parts' spots one after another; var, varm and uns are the first part's. */
    public static AnnDataParts concat(List<AnnDataParts> parts) {
        AnnDataParts first = parts.get(0);
        return new AnnDataParts(rowwise(parts.stream().map(AnnDataParts::obs).toList(), true, H5Array::concat), first.var,
                rowwise(parts.stream().map(AnnDataParts::obsm).toList(), false, H5Array::concat), first.varm, first.uns);
    }

    /**
     * A copy of the first group where every row-aligned dataset is replaced by {@code combine} of the same dataset in
     * all groups. In a dataframe everything is row-aligned except a categorical's categories; in obsm every array
     * is, and dataframes there follow the dataframe rule.
     */
    private static AnnNode.Group rowwise(List<AnnNode.Group> groups, boolean frame, Function<List<H5Array>, H5Array> combine) {
        AnnNode.Group first = groups.get(0);
        AnnNode.Group out = new AnnNode.Group(new java.util.TreeMap<>(first.attributes()), new java.util.TreeMap<>());
        boolean categorical = first.encoding().equals("categorical");
        for (Map.Entry<String, AnnNode> e : first.children().entrySet()) {
            String k = e.getKey();
            if (e.getValue() instanceof AnnNode.Group g) {
                List<AnnNode.Group> same = new ArrayList<>();
                for (AnnNode.Group p : groups) same.add((AnnNode.Group) child(p, k));
                out.children().put(k, rowwise(same, frame || g.encoding().equals("dataframe"), combine));
            } else if (!frame || !(categorical && k.equals("categories"))) {
                List<H5Array> same = new ArrayList<>();
                for (AnnNode.Group p : groups) same.add(((AnnNode.Dataset) child(p, k)).value());
                AnnNode.Dataset d = (AnnNode.Dataset) e.getValue();
                out.children().put(k, new AnnNode.Dataset(d.value().dims().length == 0 ? d.value() : combine.apply(same), d.attributes()));
            } else {
                out.children().put(k, e.getValue());
            }
        }
        return out;
    }

    private static AnnNode child(AnnNode.Group g, String name) {
        AnnNode c = g.children().get(name);
        if (c == null) throw new IllegalArgumentException("'" + name + "' is missing in one of the parts");
        return c;
    }
}
