package org.stdeconv.evaluate;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import org.stdeconv.ConfigException;
import org.stdeconv.config.ConfigSection;
import org.stdeconv.config.InputPath;
import org.stdeconv.config.OutputPath;
import org.stdeconv.config.Required;
import org.stdeconv.config.StepConfig;
import org.stdeconv.data.InputTransform;
import org.stdeconv.data.TsvNames;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Keys of `stdeconv evaluate`. */
public class EvaluateConfig extends StepConfig {
    @Required @InputPath
    @JsonPropertyDescription("Predicted proportions (infer output: proportions.tsv, or an .h5ad with obs columns <prediction_prefix><type>).")
    public String predictions;

    @InputPath
    @JsonPropertyDescription("infer's 90% intervals (intervals.tsv) to score against the truth (interval_coverage in metrics.tsv); "
            + "null = the intervals.tsv beside predictions when there is one.")
    public String intervals;

    @InputPath
    @JsonPropertyDescription("Ground truth: .h5ad with true_<type> obs columns, or a proportions table (spot + one column per type). "
            + "An .h5ad without true_ columns is used as the annotated slide.")
    public String truth;

    @InputPath
    @JsonPropertyDescription("The spots' counts (.h5ad) for the NNLS baseline and marker scores, and their region annotation; "
            + "when absent, the truth or predictions .h5ad is used if it holds counts.")
    public String slide;

    @InputPath
    @JsonPropertyDescription("Labelled scRNA-seq reference: enables the NNLS baseline and marker agreement.")
    public String reference;

    @JsonPropertyDescription("obs column of the reference holding the cell type of each cell.")
    public String cellTypeColumn = "cell_type";

    @JsonPropertyDescription("obs column of the spots with the region or layer annotation; null = 'region', else 'layer', when present.")
    public String regionColumn;

    @JsonPropertyDescription("Annotation values that mean 'no region' (compared ignoring case); such spots are left out of region metrics.")
    public List<String> unannotatedLabels = new ArrayList<>(List.of("", "unannotated", "NA", "nan"));

    @InputPath
    @JsonPropertyDescription("Model folder from stdeconv train: its training_metrics.tsv becomes the loss-curve plot.")
    public String modelDir;

    @Required @OutputPath
    @JsonPropertyDescription("Folder for metrics.json/tsv, spots.tsv, region_means.tsv, plots/ and report.html.")
    public String outputDir;

    @JsonPropertyDescription("Name of the evaluated predictions in tables and the report.")
    public String methodName = "stdeconv";

    @JsonPropertyDescription("Prefix of the prediction obs columns when predictions is an .h5ad.")
    public String predictionPrefix = "stdeconv_";

    @JsonPropertyDescription("A cell type counts as present in a spot (for AUPR) when its true proportion exceeds this.")
    public double presenceThreshold = 0.0;

    @JsonPropertyDescription("Deconvolve the same spots by non-negative least squares on the reference's mean profiles (needs reference).")
    public boolean baseline = true;

    @JsonPropertyDescription("Transform of counts before the NNLS baseline, as in training: log1p_cp10k or global_max.")
    public InputTransform.Kind baselineTransform = InputTransform.Kind.LOG1P_CP10K;

    @JsonPropertyDescription("Moran's I neighbours: spots within this distance (coordinate units); 0 = 1.5 x the median nearest-spot distance.")
    public double moransRadius = 0;

    @JsonPropertyDescription("k-means restarts for cluster purity (the best of them is kept).")
    public int kmeansRestarts = 10;

    @JsonPropertyDescription("Random seed of k-means: the same seed gives the same bytes.")
    public long seed = 1;

    @JsonPropertyDescription("Marker genes per cell type, from the reference, for the marker-agreement score.")
    public Markers markers = new Markers();

    /** Marker selection for the agreement score. */
    public static class Markers extends ConfigSection {
        @JsonPropertyDescription("Marker genes kept per cell type (highest log fold change first).")
        public int perType = 20;

        @JsonPropertyDescription("Smallest log fold change of a marker: mean log1p(cp10k) in its type minus the highest mean among the other types.")
        public double minLogFoldChange = 0.5;

        @JsonPropertyDescription("Known marker genes per cell type, e.g. {B cells: [MS4A1, CR2], T cells: [CD3E, CCL19]}: they replace the "
                + "reference's selection for the types named, are scored on all of the slide's genes, and need no reference.")
        public Map<String, List<String>> genes = new LinkedHashMap<>();

        @Override
        public void validate(String source) {
            if (perType < 1) throw new ConfigException(source, "markers.per_type", "must be at least 1, got " + perType, "e.g. 20");
            if (genes == null) genes = new LinkedHashMap<>();
            genes.forEach((type, list) -> {
                if (list == null || list.isEmpty()) throw new ConfigException(source, "markers.genes." + type, "lists no gene", "give at least one marker gene, or leave the type out");
            });
        }
    }

    @Override
    public void validate(String source) {
        if (!(moransRadius >= 0) || Double.isInfinite(moransRadius)) {
            throw new ConfigException(source, "morans_radius", "must be a distance >= 0, got " + moransRadius, "0 picks 1.5 x the spot spacing");
        }
        if (kmeansRestarts < 1) throw new ConfigException(source, "kmeans_restarts", "must be at least 1, got " + kmeansRestarts, "e.g. 10");
        if (!(presenceThreshold >= 0 && presenceThreshold < 1)) {
            throw new ConfigException(source, "presence_threshold", "must be in [0, 1), got " + presenceThreshold, "e.g. 0");
        }
        if (methodName == null || methodName.isBlank()) throw new ConfigException(source, "method_name", "must not be empty", "e.g. stdeconv");
        if (methodName.equals(Evaluator.BASELINE_NAME)) throw new ConfigException(source, "method_name", "'" + methodName + "' names the built-in baseline", "pick another name");
        // the name heads columns: metrics.tsv's (beside metric, cell_type) and spots.tsv's NAME_dominant (beside true_dominant)
        if (TsvNames.breaksRow(methodName) || TsvNames.readsBackChanged(methodName)) {
            throw new ConfigException(source, "method_name", "'" + TsvNames.shown(methodName) + "' holds a TAB or line break, white space around it or a leading quote,"
                    + " which would break or change the TSV outputs' headers", "pick a plain name, e.g. stdeconv");
        }
        if (List.of("metric", "cell_type", "true").contains(methodName)) {
            throw new ConfigException(source, "method_name", "'" + methodName + "' would give metrics.tsv or spots.tsv a second column of a name they have"
                    + " (metric, cell_type, true_dominant)", "pick another name");
        }
        if (cellTypeColumn == null || cellTypeColumn.isBlank()) throw new ConfigException(source, "cell_type_column", "must not be empty", "e.g. cell_type");
        if (unannotatedLabels == null) unannotatedLabels = new ArrayList<>();
        if (regionColumn != null && regionColumn.isBlank()) regionColumn = null;
    }
}
