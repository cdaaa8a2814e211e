package org.stdeconv.qc;

import org.stdeconv.io.h5ad.H5adWriter;
import org.stdeconv.log.Log;
import org.stdeconv.report.HtmlReport;
import org.stdeconv.step.OutputStage;
import org.stdeconv.step.StepCommand;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

@Command(name = "qc", mixinStandardHelpOptions = true, description = "Filter reference and slide, select informative genes, report.")
public final class QcCommand extends StepCommand<QcConfig> {
    /** File names inside output_dir. */
    public static final String REFERENCE = "reference.h5ad", SLIDE = "slide.h5ad", GENES = "genes.tsv",
            JSON = "qc.json", TSV = "qc.tsv", HTML = "qc.html";

    @Override
    public Class<QcConfig> configType() {
        return QcConfig.class;
    }

    @Override
    public Object compute(QcConfig config, OutputStage stage) throws IOException {
        QcResult r = QcStep.compute(config);
        H5adWriter.writeDirect(r.filteredReference(), stage.path(REFERENCE));
        H5adWriter.writeDirect(r.filteredSlide(), stage.path(SLIDE));
        QcReport.writeGenes(r, stage.path(GENES));
        QcReport report = new QcReport(r);
        report.write(stage.path(JSON), stage.path(TSV));
        List<QcPlots.Figure> figures = QcPlots.write(r, stage::path);
        html(r, figures, stage).write(stage.path(HTML));
        Log.info("qc outputs in %s", stage.destination());
        return null;
    }

    private static HtmlReport html(QcResult r, List<QcPlots.Figure> figures, OutputStage stage) {
        HtmlReport h = new HtmlReport("stdeconv qc: " + r.referenceFile().getFileName() + " and " + r.slideFile().getFileName());
        h.heading("Summary");
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("", "before", "after"));
        rows.add(List.of("reference cells", n(r.reference().nObs()), n(r.cellOutcome().keptCount())));
        rows.add(List.of("slide spots", n(r.slide().nObs()), n(r.spotOutcome().keptCount())));
        rows.add(List.of("cell types", n(r.typeCells().size()), n(r.keptTypes().size())));
        rows.add(List.of("reference genes", n(r.reference().nVars()), n(r.filteredReference().nVars())));
        rows.add(List.of("slide genes", n(r.slide().nVars()), n(r.filteredSlide().nVars())));
        h.table(rows);
        h.paragraph("Genes: " + r.sharedGenes().size() + " shared by reference and slide, " + r.expressedGenes() + " detected in enough cells, "
                + r.markers().significantCount() + " significant (Welch t-test per type against the rest, BH q < " + r.markers().params().qThreshold()
                + "), " + r.highlyVariable() + " highly variable, " + r.selectedGenes().size() + " selected.");
        h.paragraph(r.droppedTypes().isEmpty() ? "No cell type was dropped."
                : "Dropped cell types (too few cells): " + String.join(", ", r.droppedTypes()) + ".");
        if (!r.slide().hasSpatial()) h.paragraph("The slide has no spot coordinates: no spatial map.");
        h.heading("Filters");
        List<List<String>> removed = new ArrayList<>();
        removed.add(List.of("filter", "observations failing it"));
        r.cellOutcome().failedBy().forEach((k, v) -> removed.add(List.of("cells: " + k, n(v))));
        r.spotOutcome().failedBy().forEach((k, v) -> removed.add(List.of("spots: " + k, n(v))));
        h.table(removed);
        h.heading("Cell types and markers");
        List<List<String>> types = new ArrayList<>();
        types.add(List.of("cell type", "cells before", "cells after", "markers", "top markers"));
        Map<String, List<String>> markers = r.markers().markersPerType();
        r.typeCells().forEach((t, c) -> {
            List<String> m = markers.getOrDefault(t, List.of());
            types.add(List.of(t, n(c[0]), n(c[2]), n(m.size()), String.join(", ", m.subList(0, Math.min(5, m.size())))));
        });
        h.table(types);
        h.heading("Plots");
        for (QcPlots.Figure f : figures) h.image(stage.path(f.file()), f.caption());
        return h;
    }

    private static String n(long v) {
        return String.valueOf(v);
    }
}
