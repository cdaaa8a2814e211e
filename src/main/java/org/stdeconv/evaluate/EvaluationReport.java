package org.stdeconv.evaluate;

import org.stdeconv.report.HtmlReport;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * report.html: one self-contained page with the side-by-side metric tables, the region table and every figure
 * embedded, so it can be opened anywhere or attached to an e-mail.
 */
public final class EvaluationReport {
    public static final String FILE = "report.html";

    private EvaluationReport() {
    }

    public static HtmlReport build(Evaluation e, Map<String, List<EvaluationPlots.Figure>> figures) {
        EvaluationInputs in = e.inputs();
        HtmlReport r = new HtmlReport("stdeconv evaluate: " + e.primary().name());
        r.paragraph(in.size() + " spots, " + in.types().size() + " cell types: " + String.join(", ", in.types()) + ".");
        r.paragraph("Methods: " + String.join(", ", e.methods().stream().map(MethodEvaluation::name).toList())
                + (e.baseline() != null ? " (" + Evaluator.BASELINE_NAME + ": non-negative least squares on the reference's mean profiles per cell type, normalised to sum 1)." : "."));
        List<MetricsFiles.Row> rows = MetricsFiles.rows(e);

        if (in.truth() != null) {
            r.heading("Accuracy against the ground truth");
            r.table(table(e, rows, List.of("rmse", "mean_jensen_shannon", "dominant_type_accuracy"), true));
            r.paragraph("RMSE over all spots and types (the paper's); mean Jensen-Shannon divergence per spot (bits, 0 = identical); "
                    + "fraction of spots whose dominant type is right.");
            r.table(perType(e, rows, List.of("rmse", "pearson", "spearman", "aupr")));
            r.paragraph("Per type: RMSE, Pearson and Spearman correlation with the truth, AUPR of presence (true proportion above the threshold). "
                    + "NA: undefined (no variance, or the type is never present).");
            images(r, figures.get(EvaluationPlots.ACCURACY));
        }
        if (in.regions() != null) {
            r.heading("Regions (obs/" + in.regionColumn() + ")");
            r.table(table(e, rows, List.of("cluster_purity", "adjusted_rand_index"), true));
            r.paragraph("k-means (k-means++, seeded) on the predicted proportions with k = number of annotated regions; purity and adjusted Rand index "
                    + "against the annotation. Unannotated spots are left out.");
            for (MethodEvaluation m : e.methods()) {
                r.paragraph("Mean predicted proportion per region: " + m.name());
                r.table(regionTable(m, in.types()));
            }
            images(r, figures.get(EvaluationPlots.REGIONS));
        }
        if (e.primary().markerCorrelation() != null) {
            r.heading("Agreement with marker expression");
            r.table(table(e, rows, List.of("marker_correlation_mean"), true));
            r.table(perType(e, rows, List.of("marker_correlation")));
            r.paragraph("Pearson correlation between a type's predicted proportion and the spot's mean log1p(cp10k) expression of that type's "
                    + "markers. Markers: " + e.markerSource() + ".");
            List<List<String>> mk = new ArrayList<>();
            mk.add(List.of("cell type", "markers"));
            e.markers().forEach((t, g) -> mk.add(List.of(t, g.isEmpty() ? "(none)" : String.join(", ", g))));
            r.table(mk);
        }
        if (in.spatial()) {
            r.heading("Spatial patterns");
            if (e.primary().moransI() != null) r.table(perType(e, rows, List.of("morans_i")));
            r.paragraph("Moran's I of each type's predicted proportion over the spot coordinates (binary weights for spots within "
                    + "morans_radius, by default 1.5 x the median nearest-spot distance): near 1 smooth, near 0 random. NA: the proportion does not vary.");
            images(r, figures.get(EvaluationPlots.SPATIAL));
        }
        if (figures.containsKey(EvaluationPlots.TRAINING)) {
            r.heading("Training curves");
            images(r, figures.get(EvaluationPlots.TRAINING));
        }
        if (!e.notes().isEmpty()) {
            r.heading("Notes");
            for (String n : e.notes()) r.paragraph(n);
        }
        return r;
    }

    private static void images(HtmlReport r, List<EvaluationPlots.Figure> figs) {
        if (figs == null) return;
        for (EvaluationPlots.Figure f : figs) r.image(f.file(), f.caption());
    }

    private static List<List<String>> table(Evaluation e, List<MetricsFiles.Row> rows, List<String> metrics, boolean allOnly) {
        List<List<String>> t = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("metric"));
        e.methods().forEach(m -> header.add(m.name()));
        t.add(header);
        for (MetricsFiles.Row row : rows) {
            if (!metrics.contains(row.metric()) || (allOnly && !row.cellType().equals(MetricsFiles.ALL))) continue;
            List<String> cells = new ArrayList<>(List.of(row.metric()));
            for (double v : row.values()) cells.add(num(v));
            t.add(cells);
        }
        return t;
    }

    /** Rows = types, columns = metric x method. */
    private static List<List<String>> perType(Evaluation e, List<MetricsFiles.Row> rows, List<String> metrics) {
        List<String> types = e.inputs().types();
        List<List<String>> t = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("cell type"));
        for (String metric : metrics) for (MethodEvaluation m : e.methods()) header.add(metric + " (" + m.name() + ")");
        t.add(header);
        for (String type : types) {
            List<String> cells = new ArrayList<>(List.of(type));
            for (String metric : metrics) {
                MetricsFiles.Row row = rows.stream().filter(x -> x.metric().equals(metric) && x.cellType().equals(type)).findFirst().orElseThrow();
                for (double v : row.values()) cells.add(num(v));
            }
            t.add(cells);
        }
        return t;
    }

    /** Rows = cell types, columns = regions (with their spot counts): stays narrow with many types. */
    static List<List<String>> regionTable(MethodEvaluation m, List<String> types) {
        RegionSummary rs = m.regions();
        List<List<String>> t = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("cell type"));
        for (int g = 0; g < rs.regions().size(); g++) header.add(rs.regions().get(g) + " (" + rs.spotsPerRegion()[g] + " spots)");
        t.add(header);
        for (int k = 0; k < types.size(); k++) {
            List<String> cells = new ArrayList<>(List.of(types.get(k)));
            for (int g = 0; g < rs.regions().size(); g++) cells.add(num(rs.meanByRegion()[g][k]));
            t.add(cells);
        }
        return t;
    }

    static String num(double v) {
        return Double.isNaN(v) ? "NA" : String.format(Locale.ROOT, "%.3f", v);
    }
}
