package org.stdeconv.qc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The numbers of a qc run as qc.json (nested) and qc.tsv (one row per quantity, before and after filtering), and
 * the selected genes with their statistics as genes.tsv. No timestamps or absolute paths: same inputs, same bytes.
 */
final class QcReport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final QcResult r;
    /** quantity, before, after (before may be "NA"), in the order they were added. */
    private final List<String[]> rows = new ArrayList<>();

    QcReport(QcResult r) {
        this.r = r;
    }

    ObjectNode json() {
        rows.clear();
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ObjectNode ref = root.putObject("reference");
        ref.put("file", r.referenceFile().getFileName().toString());
        count(ref, "reference.cells", "cells", r.reference().nObs(), r.cellOutcome().keptCount());
        count(ref, "reference.genes", "genes", r.reference().nVars(), r.filteredReference().nVars());
        ref.put("mito_genes", r.referenceMetrics().mitoGenes());
        removed(ref, "reference", r.cellOutcome().failedBy());
        metrics(ref, "reference", r.referenceMetrics(), r.cellOutcome().kept());

        ObjectNode slide = root.putObject("slide");
        slide.put("file", r.slideFile().getFileName().toString());
        count(slide, "slide.spots", "spots", r.slide().nObs(), r.spotOutcome().keptCount());
        count(slide, "slide.genes", "genes", r.slide().nVars(), r.filteredSlide().nVars());
        slide.put("mito_genes", r.slideMetrics().mitoGenes());
        slide.put("has_coordinates", r.slide().hasSpatial());
        removed(slide, "slide", r.spotOutcome().failedBy());
        metrics(slide, "slide", r.slideMetrics(), r.spotOutcome().kept());

        ObjectNode types = root.putObject("cell_types");
        types.put("before", r.typeCells().size());
        types.put("after", r.keptTypes().size());
        rows.add(new String[]{"cell_types", num(r.typeCells().size()), num(r.keptTypes().size())});
        types.putArray("dropped").addAll(r.droppedTypes().stream().map(JsonNodeFactory.instance::textNode).toList());
        Map<String, List<String>> markers = r.markers().markersPerType();
        ObjectNode per = types.putObject("cells");
        r.typeCells().forEach((t, n) -> {
            ObjectNode o = per.putObject(t);
            o.put("before", n[0]);
            o.put("after_cell_filters", n[1]);
            o.put("after", n[2]);
            o.put("markers", markers.getOrDefault(t, List.of()).size());
            rows.add(new String[]{"cell_type." + t + ".cells", num(n[0]), num(n[2])});
            rows.add(new String[]{"cell_type." + t + ".markers", "NA", num(markers.getOrDefault(t, List.of()).size())});
        });

        ObjectNode genes = root.putObject("genes");
        put(genes, "genes", "reference", r.reference().nVars());
        put(genes, "genes", "slide", r.slide().nVars());
        put(genes, "genes", "shared", r.sharedGenes().size());
        put(genes, "genes", "expressed", r.expressedGenes());
        put(genes, "genes", "significant", r.markers().significantCount());
        put(genes, "genes", "highly_variable", r.highlyVariable());
        put(genes, "genes", "selected", r.selectedGenes().size());
        genes.put("q_threshold", r.markers().params().qThreshold());
        genes.put("max_markers_per_type", r.markers().params().topNPerType());
        return root;
    }

    private void count(ObjectNode o, String quantity, String key, int before, int after) {
        o.put(key + "_before", before);
        o.put(key + "_after", after);
        rows.add(new String[]{quantity, num(before), num(after)});
    }

    private void put(ObjectNode o, String section, String key, int value) {
        o.put(key, value);
        rows.add(new String[]{section + "." + key, "NA", num(value)});
    }

    private void removed(ObjectNode o, String section, Map<String, Integer> failedBy) {
        ObjectNode rem = o.putObject("removed_by");
        failedBy.forEach((k, v) -> {
            rem.put(k, v);
            rows.add(new String[]{section + ".removed_by." + k, "NA", num(v)});
        });
    }

    private void metrics(ObjectNode o, String section, ObservationMetrics m, boolean[] kept) {
        summary(o, section, "total_counts", m.totalCounts(), kept);
        summary(o, section, "detected_genes", m.detectedGenesAsDouble(), kept);
        summary(o, section, "mito_fraction", m.mitoFraction(), kept);
    }

    private void summary(ObjectNode o, String section, String name, double[] values, boolean[] kept) {
        MetricSummary before = MetricSummary.of(values, null), after = MetricSummary.of(values, kept);
        ObjectNode n = o.putObject(name);
        fill(n.putObject("before"), before);
        fill(n.putObject("after"), after);
        String q = section + "." + name + ".";
        rows.add(new String[]{q + "min", num(before.min()), num(after.min())});
        rows.add(new String[]{q + "q25", num(before.q25()), num(after.q25())});
        rows.add(new String[]{q + "median", num(before.median()), num(after.median())});
        rows.add(new String[]{q + "q75", num(before.q75()), num(after.q75())});
        rows.add(new String[]{q + "max", num(before.max()), num(after.max())});
        rows.add(new String[]{q + "mean", num(before.mean()), num(after.mean())});
    }

    private static void fill(ObjectNode n, MetricSummary s) {
        n.put("min", s.min());
        n.put("q25", s.q25());
        n.put("median", s.median());
        n.put("q75", s.q75());
        n.put("max", s.max());
        n.put("mean", s.mean());
    }

    static String num(double v) {
        if (Double.isNaN(v)) return "NA";
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return String.valueOf((long) v);
        if (Double.isInfinite(v)) return v > 0 ? "Inf" : "-Inf";
        // six significant digits without padding zeros: 988.5, 0.000488815, 8.0854E-15
        return new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros().toString();
    }

    void write(Path jsonFile, Path tsvFile) {
        try {
            ObjectNode root = json();
            Files.writeString(jsonFile, JSON.writeValueAsString(root) + "\n", StandardCharsets.UTF_8);
            StringBuilder sb = new StringBuilder("quantity\tbefore\tafter\n");
            for (String[] row : rows) sb.append(String.join("\t", row)).append('\n');
            Files.writeString(tsvFile, sb.toString(), StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** genes.tsv: gene, type, log_fold_change, q, selected_by (marker, highly_variable or both), in output gene order. */
    static void writeGenes(QcResult r, Path file) {
        StringBuilder sb = new StringBuilder("gene\ttype\tlog_fold_change\tq\tselected_by\n");
        MarkerSelection.Result m = r.markers();
        for (int j = 0; j < m.genes().size(); j++) {
            boolean marker = m.isSelected(j), hvg = r.selectedByHvg()[j];
            if (!marker && !hvg) continue;
            MarkerSelection.GeneStat s = m.stat(j);
            sb.append(s.gene()).append('\t').append(s.type()).append('\t')
                    .append(num(s.logFoldChange())).append('\t')
                    .append(num(s.q())).append('\t')
                    .append(marker && hvg ? "marker,highly_variable" : marker ? "marker" : "highly_variable").append('\n');
        }
        try {
            Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
