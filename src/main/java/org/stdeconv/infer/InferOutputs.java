package org.stdeconv.infer;

import org.stdeconv.data.DecimalText;
import org.stdeconv.data.ObsTable;
import org.stdeconv.data.ProportionTable;
import org.stdeconv.io.SpotSource;
import org.stdeconv.io.anndata.AnnDataParts;
import org.stdeconv.io.anndata.AnnNode;
import org.stdeconv.io.anndata.DataFrames;
import org.stdeconv.io.anndata.H5Array;
import org.stdeconv.io.hdf5.H5Data;

import org.stdeconv.model.IntervalCalibration;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What infer writes into its output folder, and how the annotated slide is laid out:
 * <ul>
 * <li>{@value #PROPORTIONS_TSV}: {@link ProportionTable}'s format (spot, x, y, one column per type, dominant_type,
 * entropy).</li>
 * <li>{@value #ANNOTATED_H5AD}: the slide's own AnnData (obs, var, obsm, varm, uns as read, nested uns with its
 * images included; layers, obsp, varp and raw are left out) plus obs {@code stdeconv_<type>},
 * {@code stdeconv_dominant_type}, {@code stdeconv_entropy}; obsm {@value #OBSM_PROPORTIONS} as a dataframe (index =
 * obs_names, one float64 column per cell type); X = the slide's counts or absent (uns {@value #UNS_X} says which);
 * uns gains the model checksum, the effective config, the genes found and the cell types. A slide of another format
 * gets obs from its columns, var from its genes, obsm spatial from its coordinates and uns from its metadata.</li>
 * <li>{@value #INTERVALS_TSV}: spot, then {@code <type>_q05} and {@code <type>_q95} for every type: the calibrated
 * 90% interval of each proportion (see {@link IntervalCalibration}; NaN for a model trained without calibration),
 * then {@value #DIFFICULTY}: the spot's d, how far its input lies off the training pseudo-spots (1 = typical; 1 for
 * every spot of a model calibrated without it, NaN without calibration). The annotated file holds the same bounds
 * as obsm {@value #OBSM_Q05} and {@value #OBSM_Q95}, dataframes like the proportions, and d as obs
 * {@value #OBS_DIFFICULTY}.</li>
 * <li>{@code maps/}: proportion maps per type, a pie map and an overview as PNG and SVG ({@link InferMaps}).</li>
 * <li>{@value #CONFIG_YAML}: the effective config.</li>
 * </ul>
 */
public final class InferOutputs {
    public static final String PROPORTIONS_TSV = "proportions.tsv";
    public static final String INTERVALS_TSV = "intervals.tsv";
    public static final String OBSM_Q05 = "stdeconv_q05", OBSM_Q95 = "stdeconv_q95";
    public static final String UNS_INTERVALS = "stdeconv_intervals";
    /** Column of intervals.tsv and obs column of the annotated slide: the spot's interval difficulty d. */
    public static final String DIFFICULTY = "interval_difficulty", OBS_DIFFICULTY = "stdeconv_" + DIFFICULTY;
    public static final String ANNOTATED_H5AD = "annotated.h5ad";
    public static final String CONFIG_YAML = "infer.config.yaml";
    public static final String OBS_PREFIX = "stdeconv_";
    public static final String OBSM_PROPORTIONS = "stdeconv_proportions";
    public static final String UNS_MODEL_CHECKSUM = "stdeconv_model_checksum";
    /** The slide's spot names, gene names, coordinates and a few spots' counts hashed ({@link SlideFingerprint}): merge's same-slide check. */
    public static final String UNS_SLIDE_FINGERPRINT = "stdeconv_slide_fingerprint";
    public static final String UNS_CELL_TYPES = "stdeconv_cell_types";
    public static final String UNS_CONFIG = "stdeconv_config";
    public static final String UNS_GENES = "stdeconv_model_genes_found";
    public static final String UNS_X = "stdeconv_x";
    /** What infer's spatial_smoothing did: off, a fixed lambda, or the lambda auto chose and why. */
    public static final String UNS_SPATIAL_SMOOTHING = "stdeconv_spatial_smoothing";
    static final String X_INCLUDED = "the slide's counts";

    private InferOutputs() {
    }

    /** The slide's own AnnData parts: read back from an .h5ad, built from the annotations of other formats. */
    static AnnDataParts slideParts(SpotSource slide) {
        if (Files.isRegularFile(slide.path()) && slide.path().getFileName().toString().endsWith(".h5ad")) {
            AnnDataParts parts = AnnDataParts.read(slide.path());
            if (parts.nObs() != slide.rows() || parts.nVar() != slide.varNames().size()) {
                throw new IllegalStateException("obs/var of " + slide.path() + " read twice differ in size");
            }
            return parts;
        }
        return AnnDataParts.of(slide.obsNames(), slide.obs(), slide.varNames(), slide.spatial(), slide.uns());
    }

    /**
     * The annotated slide: {@code slide}'s parts for {@code table}'s spots with stdeconv's columns, obsm entries and
     * uns entries replacing any of an earlier run. {@code withCounts} says whether X holds the counts, else
     * {@code xNote} says why not.
     */
    static AnnDataParts annotate(AnnDataParts slide, ProportionTable table, double[][][] bounds, double[] difficulty, Map<String, String> stdeconvUns, boolean withCounts, String xNote) {
        AnnNode.Group obs = slide.obs().copy();
        DataFrames.removeWithPrefix(obs, OBS_PREFIX);
        ObsTable columns = new ObsTable(table.size());
        table.putInto(columns, OBS_PREFIX);
        for (String type : table.types()) putNumeric(obs, OBS_PREFIX + type, columns.numeric(OBS_PREFIX + type));
        String[] dominant = new String[table.size()];
        double[] entropy = new double[table.size()];
        for (int i = 0; i < table.size(); i++) {
            dominant[i] = table.dominant(i);
            entropy[i] = table.entropy(i);
        }
        DataFrames.put(obs, OBS_PREFIX + "dominant_type", AnnNode.Dataset.encoded(H5Array.strings(List.of(dominant)), "string-array", "0.2.0"));
        putNumeric(obs, OBS_PREFIX + "entropy", entropy);
        putNumeric(obs, OBS_DIFFICULTY, difficulty);

        AnnNode.Group obsm = slide.obsm().copy();
        obsm.children().keySet().removeIf(k -> k.startsWith(OBS_PREFIX));
        if (!obsm.children().containsKey("spatial") && table.xy() != null) {
            obsm.children().put("spatial", AnnNode.Dataset.encoded(H5Array.of(H5Data.float64(table.xy(), 2)), "array", "0.2.0"));
        }
        obsm.children().put(OBSM_PROPORTIONS, DataFrames.frame(table.spots(), table.types(), table.values()));
        obsm.children().put(OBSM_Q05, DataFrames.frame(table.spots(), table.types(), bounds[0]));
        obsm.children().put(OBSM_Q95, DataFrames.frame(table.spots(), table.types(), bounds[1]));

        AnnNode.Group uns = slide.uns().copy();
        uns.children().keySet().removeIf(k -> k.startsWith(OBS_PREFIX));
        putString(uns, UNS_CELL_TYPES, String.join("\t", table.types()));
        putString(uns, UNS_X, withCounts ? X_INCLUDED : xNote);
        stdeconvUns.forEach((k, v) -> putString(uns, k, v));
        return new AnnDataParts(obs, slide.var(), obsm, slide.varm(), uns);
    }

    private static void putNumeric(AnnNode.Group frame, String name, double[] values) {
        DataFrames.put(frame, name, AnnNode.Dataset.encoded(H5Array.of(H5Data.float64(values)), "array", "0.2.0"));
    }

    static void putString(AnnNode.Group uns, String key, String value) {
        uns.children().put(key, AnnNode.Dataset.encoded(H5Array.string(value), "string", "0.2.0"));
    }

    /** Writes {@value #INTERVALS_TSV}: spot, then every type's q05 and q95, in a fixed locale-free number format. */
    static void writeIntervals(ProportionTable table, double[][][] bounds, double[] difficulty, Path file) {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            StringBuilder sb = new StringBuilder("spot");
            for (String t : table.types()) sb.append('\t').append(t).append("_q05\t").append(t).append("_q95");
            w.write(sb.append('\t').append(DIFFICULTY).append('\n').toString());
            for (int i = 0; i < table.size(); i++) {
                sb.setLength(0);
                sb.append(table.spots().get(i));
                for (int j = 0; j < table.types().size(); j++) {
                    DecimalText.general6(sb.append('\t'), bounds[0][i][j]);
                    DecimalText.general6(sb.append('\t'), bounds[1][i][j]);
                }
                DecimalText.general6(sb.append('\t'), difficulty[i]);
                w.write(sb.append('\n').toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A string entry of uns, or null. */
    static String unsString(AnnDataParts parts, String key) {
        return parts.uns().children().get(key) instanceof AnnNode.Dataset d && d.value().isText() ? d.value().text()[0] : null;
    }

    /** Whether an annotated file written by {@link #annotate} carries X. */
    static boolean hasCounts(AnnDataParts annotated) {
        return X_INCLUDED.equals(unsString(annotated, UNS_X));
    }
}
