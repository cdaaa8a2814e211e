package org.stdeconv.infer;

import org.stdeconv.data.CsrMatrix;
import org.stdeconv.data.ExpressionData;
import org.stdeconv.data.ObsTable;
import org.stdeconv.data.ProportionTable;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What infer writes into its output folder, and how the annotated slide is laid out:
 * <ul>
 * <li>{@value #PROPORTIONS_TSV}: {@link ProportionTable}'s format (spot, x, y, one column per type, dominant_type,
 * entropy).</li>
 * <li>{@value #ANNOTATED_H5AD}: the spots with obs = the slide's obs columns plus {@code stdeconv_<type>},
 * {@code stdeconv_dominant_type}, {@code stdeconv_entropy}; obsm = spatial and {@value #OBSM_PROPORTIONS} (columns in
 * the order of uns {@value #UNS_CELL_TYPES}, tab-separated); var = the slide's genes; X = the slide's counts or
 * absent (uns {@value #UNS_X} says which); uns = the slide's string entries plus the model checksum and the
 * effective config.</li>
 * <li>{@value #CONFIG_YAML}: the effective config.</li>
 * </ul>
 */
public final class InferOutputs {
    public static final String PROPORTIONS_TSV = "proportions.tsv";
    public static final String ANNOTATED_H5AD = "annotated.h5ad";
    public static final String CONFIG_YAML = "infer.config.yaml";
    public static final String OBS_PREFIX = "stdeconv_";
    public static final String OBSM_PROPORTIONS = "stdeconv_proportions";
    public static final String UNS_MODEL_CHECKSUM = "stdeconv_model_checksum";
    public static final String UNS_CELL_TYPES = "stdeconv_cell_types";
    public static final String UNS_CONFIG = "stdeconv_config";
    public static final String UNS_GENES = "stdeconv_model_genes_found";
    public static final String UNS_X = "stdeconv_x";
    static final String X_INCLUDED = "the slide's counts";

    private InferOutputs() {
    }

    /**
     * The annotated slide for {@code table}'s spots. {@code counts} are their raw counts, or null to leave X out
     * (then {@code xNote} says why). Keys of uns are sorted (and '/' made '_', as the writer stores them) so that a
     * file read back and rewritten keeps its bytes.
     */
    static ExpressionData annotate(ProportionTable table, List<String> varNames, ObsTable slideObs, CsrMatrix counts,
                                   Map<String, String> slideUns, Map<String, String> stdeconvUns, String xNote) {
        ObsTable obs = slideObs;
        table.putInto(obs, OBS_PREFIX);
        String[] dominant = new String[table.size()];
        double[] entropy = new double[table.size()];
        for (int i = 0; i < table.size(); i++) {
            dominant[i] = table.dominant(i);
            entropy[i] = table.entropy(i);
        }
        obs.putText(OBS_PREFIX + "dominant_type", dominant);
        obs.putNumeric(OBS_PREFIX + "entropy", entropy);
        Map<String, String> uns = new TreeMap<>();
        slideUns.forEach((k, v) -> uns.put(k.replace('/', '_'), v));
        uns.putAll(stdeconvUns);
        uns.put(UNS_CELL_TYPES, String.join("\t", table.types()));
        uns.put(UNS_X, counts == null ? xNote : X_INCLUDED);
        Map<String, double[][]> obsm = new LinkedHashMap<>();
        obsm.put(OBSM_PROPORTIONS, table.values());
        CsrMatrix x = counts != null ? counts : new CsrMatrix(table.size(), varNames.size(), new long[table.size() + 1], new int[0], new float[0]);
        return new ExpressionData(x, table.spots(), varNames, obs, table.xy(), uns, obsm);
    }

    /** Whether an annotated file written by {@link #annotate} carries X. */
    static boolean hasCounts(ExpressionData annotated) {
        return X_INCLUDED.equals(annotated.uns().get(UNS_X));
    }
}
