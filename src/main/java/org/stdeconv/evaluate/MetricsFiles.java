package org.stdeconv.evaluate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.stdeconv.data.ProportionTable;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The machine-readable outputs: metrics.json (nested, NaN as null), metrics.tsv (one row per metric and cell type,
 * one column per method, NaN as NA), spots.tsv (per-spot results), region_means.tsv and the baseline's proportions.
 * Numbers are printed locale-free with fixed precision so identical inputs give identical bytes.
 */
public final class MetricsFiles {
    public static final String JSON = "metrics.json", TSV = "metrics.tsv", SPOTS = "spots.tsv", REGION_MEANS = "region_means.tsv",
            BASELINE_PROPORTIONS = "nnls_baseline_proportions.tsv";
    public static final String ALL = "all";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private MetricsFiles() {
    }

    public static void writeAll(Evaluation e, Function<String, Path> out) {
        writeJson(e, out.apply(JSON));
        writeTsv(e, out.apply(TSV));
        writeSpots(e, out.apply(SPOTS));
        if (e.inputs().regions() != null) writeRegionMeans(e, out.apply(REGION_MEANS));
        if (e.baseline() != null) {
            EvaluationInputs in = e.inputs();
            new ProportionTable(in.predictions().spots(), in.types(), e.baseline().proportions(), in.xy()).writeTsv(out.apply(BASELINE_PROPORTIONS));
        }
    }

    static String fmt(double v) {
        return Double.isNaN(v) ? "NA" : String.format(Locale.ROOT, "%.6f", v);
    }

    /** One row of metrics.tsv: a metric, a cell type ("all" for slide-wide figures) and one value per method. */
    public record Row(String metric, String cellType, double[] values) {
    }

    /** Every scalar metric in a fixed order, for metrics.tsv and the report's side-by-side tables. */
    public static List<Row> rows(Evaluation e) {
        List<MethodEvaluation> ms = e.methods();
        List<String> types = e.inputs().types();
        List<Row> rows = new ArrayList<>();
        if (ms.get(0).truth() != null) {
            rows.add(row("rmse", ALL, ms, m -> m.truth().rmse()));
            rows.add(row("mean_jensen_shannon", ALL, ms, m -> m.truth().meanJensenShannon()));
            rows.add(row("dominant_type_accuracy", ALL, ms, m -> m.truth().dominantAccuracy()));
            for (String metric : List.of("rmse", "pearson", "spearman", "aupr")) {
                for (String t : types) {
                    rows.add(row(metric, t, ms, m -> {
                        TruthMetrics.TypeAccuracy a = m.truth().perType().get(t);
                        return switch (metric) {
                            case "rmse" -> a.rmse();
                            case "pearson" -> a.pearson();
                            case "spearman" -> a.spearman();
                            default -> a.aupr();
                        };
                    }));
                }
            }
        }
        if (ms.get(0).coverage() != null) {
            rows.add(row("interval_coverage", ALL, ms, m -> m.coverage() == null ? Double.NaN : m.coverage().overall()));
            rows.add(row("interval_mean_width", ALL, ms, m -> m.coverage() == null ? Double.NaN : m.coverage().meanWidth()));
            for (String t : types) rows.add(row("interval_coverage", t, ms, m -> m.coverage() == null ? Double.NaN : m.coverage().perType().get(t)));
        }
        if (ms.get(0).regions() != null) {
            rows.add(row("cluster_purity", ALL, ms, m -> m.regions().purity()));
            rows.add(row("adjusted_rand_index", ALL, ms, m -> m.regions().adjustedRandIndex()));
        }
        if (ms.get(0).moransI() != null) for (String t : types) rows.add(row("morans_i", t, ms, m -> m.moransI().get(t)));
        if (ms.get(0).markerCorrelation() != null) {
            rows.add(row("marker_correlation_mean", ALL, ms, m -> MarkerAgreement.mean(m.markerCorrelation())));
            for (String t : types) rows.add(row("marker_correlation", t, ms, m -> m.markerCorrelation().get(t)));
        }
        return rows;
    }

    private static Row row(String metric, String type, List<MethodEvaluation> ms, Function<MethodEvaluation, Double> f) {
        double[] v = new double[ms.size()];
        for (int i = 0; i < v.length; i++) v[i] = f.apply(ms.get(i));
        return new Row(metric, type, v);
    }

    static void writeTsv(Evaluation e, Path file) {
        StringBuilder sb = new StringBuilder("metric\tcell_type");
        for (MethodEvaluation m : e.methods()) sb.append('\t').append(m.name());
        sb.append('\n');
        for (Row r : rows(e)) {
            sb.append(r.metric()).append('\t').append(r.cellType());
            for (double v : r.values()) sb.append('\t').append(fmt(v));
            sb.append('\n');
        }
        write(file, sb.toString());
    }

    static void writeJson(Evaluation e, Path file) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        EvaluationInputs in = e.inputs();
        ObjectNode root = f.objectNode();
        root.put("n_spots", in.size());
        ArrayNode types = root.putArray("cell_types");
        in.types().forEach(types::add);
        root.put("region_column", in.regionColumn());
        num(root, "morans_radius", e.moransRadius());
        ObjectNode methods = root.putObject("methods");
        for (MethodEvaluation m : e.methods()) {
            ObjectNode mn = methods.putObject(m.name());
            if (m.truth() != null) {
                ObjectNode t = mn.putObject("truth");
                num(t, "rmse", m.truth().rmse());
                num(t, "mean_jensen_shannon", m.truth().meanJensenShannon());
                num(t, "dominant_type_accuracy", m.truth().dominantAccuracy());
                ObjectNode per = t.putObject("per_type");
                m.truth().perType().forEach((type, a) -> {
                    ObjectNode o = per.putObject(type);
                    num(o, "rmse", a.rmse());
                    num(o, "pearson", a.pearson());
                    num(o, "spearman", a.spearman());
                    num(o, "aupr", a.aupr());
                });
            }
            if (m.coverage() != null) {
                ObjectNode iv = mn.putObject("intervals");
                num(iv, "coverage", m.coverage().overall());
                num(iv, "mean_width", m.coverage().meanWidth());
                ObjectNode per = iv.putObject("coverage_per_type");
                m.coverage().perType().forEach((type, v) -> num(per, type, v));
            }
            if (m.regions() != null) {
                RegionSummary r = m.regions();
                ObjectNode rn = mn.putObject("regions");
                rn.put("k", r.regions().size());
                num(rn, "cluster_purity", r.purity());
                num(rn, "adjusted_rand_index", r.adjustedRandIndex());
                if (!r.note().isEmpty()) rn.put("note", r.note());
                ObjectNode means = rn.putObject("mean_proportion");
                for (int g = 0; g < r.regions().size(); g++) {
                    ObjectNode o = means.putObject(r.regions().get(g));
                    o.put("n_spots", r.spotsPerRegion()[g]);
                    for (int t = 0; t < in.types().size(); t++) num(o, in.types().get(t), r.meanByRegion()[g][t]);
                }
            }
            if (m.moransI() != null) numbers(mn.putObject("morans_i"), m.moransI());
            if (m.markerCorrelation() != null) {
                ObjectNode mk = mn.putObject("marker_correlation");
                num(mk, "mean", MarkerAgreement.mean(m.markerCorrelation()));
                numbers(mk.putObject("per_type"), m.markerCorrelation());
            }
        }
        if (e.markers() != null) {
            ObjectNode mk = root.putObject("markers");
            mk.put("source", e.markerSource());
            ObjectNode genes = mk.putObject("genes");
            e.markers().forEach((t, list) -> {
                ArrayNode a = genes.putArray(t);
                list.forEach(a::add);
            });
        }
        ArrayNode notes = root.putArray("notes");
        e.notes().forEach(notes::add);
        try {
            write(file, MAPPER.writeValueAsString(root) + "\n");
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static void numbers(ObjectNode o, Map<String, Double> values) {
        values.forEach((k, v) -> num(o, k, v));
    }

    private static void num(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) o.put(key, v);
        else o.putNull(key);
    }

    static void writeSpots(Evaluation e, Path file) {
        EvaluationInputs in = e.inputs();
        List<String> types = in.types();
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            StringBuilder h = new StringBuilder("spot\tx\ty");
            if (in.regions() != null) h.append('\t').append("region");
            if (in.truth() != null) h.append("\ttrue_dominant");
            for (MethodEvaluation m : e.methods()) {
                h.append('\t').append(m.name()).append("_dominant");
                if (m.truth() != null) h.append('\t').append(m.name()).append("_dominant_right\t").append(m.name()).append("_jensen_shannon");
                if (m.regions() != null) h.append('\t').append(m.name()).append("_cluster");
            }
            w.write(h.append('\n').toString());
            for (int i = 0; i < in.size(); i++) {
                StringBuilder sb = new StringBuilder(in.predictions().spots().get(i));
                sb.append('\t').append(in.xy() == null ? "NA" : coord(in.xy()[i][0])).append('\t').append(in.xy() == null ? "NA" : coord(in.xy()[i][1]));
                if (in.regions() != null) sb.append('\t').append(in.regions()[i] == null ? "NA" : in.regions()[i]);
                if (in.truth() != null) sb.append('\t').append(types.get(TruthMetrics.argmax(in.truth().values()[i])));
                for (MethodEvaluation m : e.methods()) {
                    sb.append('\t').append(m.dominant(i, types));
                    if (m.truth() != null) {
                        sb.append('\t').append(m.truth().dominantRightPerSpot()[i] ? "true" : "false")
                                .append('\t').append(fmt(m.truth().jensenShannonPerSpot()[i]));
                    }
                    if (m.regions() != null) {
                        int cl = m.regions().clusterPerSpot()[i];
                        sb.append('\t').append(cl < 0 ? "NA" : Integer.toString(cl));
                    }
                }
                w.write(sb.append('\n').toString());
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** A spot the slide leaves unplaced keeps its NaN, written {@code NaN} as infer's proportions.tsv writes it. */
    private static String coord(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }

    static void writeRegionMeans(Evaluation e, Path file) {
        List<String> types = e.inputs().types();
        StringBuilder sb = new StringBuilder("method\tregion\tn_spots");
        for (String t : types) sb.append('\t').append(t);
        sb.append('\n');
        for (MethodEvaluation m : e.methods()) {
            RegionSummary r = m.regions();
            for (int g = 0; g < r.regions().size(); g++) {
                sb.append(m.name()).append('\t').append(r.regions().get(g)).append('\t').append(r.spotsPerRegion()[g]);
                for (int t = 0; t < types.size(); t++) sb.append('\t').append(fmt(r.meanByRegion()[g][t]));
                sb.append('\n');
            }
        }
        write(file, sb.toString());
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
