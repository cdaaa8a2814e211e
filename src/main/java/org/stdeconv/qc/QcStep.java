package org.stdeconv.qc;

import org.stdeconv.ConfigException;
import org.stdeconv.InputDataException;
import org.stdeconv.data.ExpressionData;
import org.stdeconv.data.GeneOverlap;
import org.stdeconv.io.ExpressionReaders;
import org.stdeconv.io.ReadOptions;
import org.stdeconv.log.Log;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The computation of `stdeconv qc`, without writing anything: every input problem surfaces before any output. */
final class QcStep {
    private QcStep() {
    }

    static QcResult compute(QcConfig c) {
        Path refFile = Path.of(c.reference), slideFile = Path.of(c.slide);
        ExpressionData ref = ExpressionReaders.read(refFile, ReadOptions.defaults().withVarNamesColumn(c.referenceVarNames));
        Log.info("reference %s: %d cells x %d genes", refFile.getFileName(), ref.nObs(), ref.nVars());
        ExpressionData slide = ExpressionReaders.read(slideFile);
        Log.info("slide %s: %d spots x %d genes", slideFile.getFileName(), slide.nObs(), slide.nVars());
        String[] labels = CellTypeLabels.read(ref, c.cellTypeColumn, refFile);
        List<String> shared = GeneOverlap.requireShared(ref.varNames(), slide.varNames(), c.minSharedGenes, refFile, slideFile);
        if (!slide.hasSpatial()) {
            Log.warn("%s: obsm/spatial: the slide has no spot coordinates; qc goes on without the spatial map, but models that use coordinates cannot run on it", slideFile);
        }

        ObservationMetrics refMetrics = ObservationMetrics.of(ref.counts(), ref.varNames(), c.mitoPrefixes);
        ObservationMetrics slideMetrics = ObservationMetrics.of(slide.counts(), slide.varNames(), c.mitoPrefixes);
        // prefixes that mark every gene make every cell 100 % "mitochondrial": the filter then removes all or, at 1, nothing
        if (refMetrics.mitoGenes() == ref.nVars() || slideMetrics.mitoGenes() == slide.nVars()) {
            throw new ConfigException(c.sourceOf("mito_prefixes"), "mito_prefixes", c.mitoPrefixes + " match every gene of the "
                    + (refMetrics.mitoGenes() == ref.nVars() ? "reference" : "slide"), "give the mitochondrial genes' prefix (mt- for mouse, MT- for human), or [] for none");
        }

        boolean[] unlabelled = new boolean[labels.length];
        for (int i = 0; i < labels.length; i++) unlabelled[i] = labels[i].isEmpty();
        FilterOutcome firstPass = FilterOutcome.apply(c.cells, refMetrics, Map.of("unlabelled", unlabelled));
        if (firstPass.keptCount() == 0) {
            throw new InputDataException(refFile, null, "all " + ref.nObs() + " cells removed by the cell filters ("
                    + firstPass.describe(thresholds(c.cells)) + ")", "lower the cells.* thresholds in the qc config");
        }

        List<String> allTypes = CellTypeLabels.types(labels);
        Map<String, int[]> typeCells = new LinkedHashMap<>();
        for (String t : allTypes) typeCells.put(t, new int[3]);
        for (int i = 0; i < labels.length; i++) {
            if (labels[i].isEmpty()) continue;
            typeCells.get(labels[i])[0]++;
            if (firstPass.kept()[i]) typeCells.get(labels[i])[1]++;
        }
        List<String> dropped = new ArrayList<>();
        typeCells.forEach((t, n) -> { if (n[1] < c.minCellsPerType) dropped.add(t); });
        if (!dropped.isEmpty()) {
            List<String> named = new ArrayList<>();
            for (String t : dropped) named.add(t + " (" + typeCells.get(t)[1] + ")");
            Log.warn("%s: dropping %d cell type(s) with fewer than %d kept cells (min_cells_per_type): %s", refFile.getFileName(),
                    dropped.size(), c.minCellsPerType, String.join(", ", named));
        }
        if (allTypes.size() - dropped.size() < 2) {
            throw new InputDataException(refFile, "obs/" + c.cellTypeColumn, (allTypes.size() - dropped.size()) + " of " + allTypes.size()
                    + " cell types keep at least min_cells_per_type = " + c.minCellsPerType + " cells after the cell filters"
                    + inParentheses(firstPass.describe(thresholds(c.cells))) + "; marker selection needs two",
                    "lower min_cells_per_type or the cells.* thresholds, or give a reference with more cells per type");
        }
        Set<String> droppedSet = new HashSet<>(dropped);
        boolean[] smallType = new boolean[labels.length];
        for (int i = 0; i < labels.length; i++) smallType[i] = droppedSet.contains(labels[i]);
        Map<String, boolean[]> extra = new LinkedHashMap<>();
        extra.put("unlabelled", unlabelled);
        extra.put("min_cells_per_type", smallType);
        FilterOutcome cellOutcome = FilterOutcome.apply(c.cells, refMetrics, extra);
        for (int i = 0; i < labels.length; i++) if (cellOutcome.kept()[i]) typeCells.get(labels[i])[2]++;

        FilterOutcome spotOutcome = FilterOutcome.apply(c.spots, slideMetrics, Map.of());
        if (spotOutcome.keptCount() == 0) {
            throw new InputDataException(slideFile, null, "all " + slide.nObs() + " spots removed by the spot filters ("
                    + spotOutcome.describe(thresholds(c.spots)) + ")", "lower the spots.* thresholds in the qc config");
        }
        Log.info("kept %d of %d cells, %d of %d spots, %d of %d cell types", cellOutcome.keptCount(), ref.nObs(),
                spotOutcome.keptCount(), slide.nObs(), allTypes.size() - dropped.size(), allTypes.size());

        ExpressionData keptRef = ref.selectRows(cellOutcome.keptIndices());
        List<String> expressed = expressedIn(keptRef.alignGenes(shared), c.minCellsPerGene);
        if (expressed.size() < 2) {
            throw new InputDataException(refFile, null, "only " + expressed.size() + " of " + shared.size() + " shared genes are detected in at least "
                    + c.minCellsPerGene + " kept cells (min_cells_per_gene)", "lower min_cells_per_gene or check the reference counts");
        }
        ExpressionData testRef = keptRef.alignGenes(expressed);
        String[] keptLabels = CellTypeLabels.read(testRef, c.cellTypeColumn, refFile);
        List<String> keptTypes = CellTypeLabels.types(keptLabels);
        ExpressionMoments moments = MarkerSelection.moments(testRef.counts(), keptLabels, keptTypes);
        MarkerSelection.Result markers = MarkerSelection.select(moments, expressed, keptTypes, c.genes.params());
        boolean[] hvg = c.genes.highlyVariable > 0 ? HighlyVariableGenes.top(moments, c.genes.highlyVariable) : new boolean[expressed.size()];
        List<String> selected = new ArrayList<>();
        for (int j = 0; j < expressed.size(); j++) if (markers.isSelected(j) || hvg[j]) selected.add(expressed.get(j));
        Log.info("%d shared genes, %d detected in >= %d cells, %d significant at q < %s, %d selected", shared.size(), expressed.size(),
                c.minCellsPerGene, markers.significantCount(), fmt(c.genes.qThreshold), selected.size());
        if (selected.isEmpty()) {
            throw new InputDataException(refFile, "obs/" + c.cellTypeColumn, "no informative genes: no gene differs between cell types at q < "
                    + fmt(c.genes.qThreshold), "raise genes.q_threshold, set genes.highly_variable, or check the cell-type labels");
        }
        ExpressionData outRef = keptRef.alignGenes(selected);
        ExpressionData outSlide = slide.selectRows(spotOutcome.keptIndices()).alignGenes(selected);
        int nHvg = 0;
        for (boolean b : hvg) if (b) nHvg++;
        return new QcResult(refFile, slideFile, ref, slide, refMetrics, slideMetrics, cellOutcome, spotOutcome, typeCells, dropped,
                shared, expressed.size(), markers, nHvg, hvg, selected, outRef, outSlide);
    }

    /** Genes (columns) non-zero in at least {@code minCells} rows, in column order. */
    private static List<String> expressedIn(ExpressionData data, int minCells) {
        int[] nz = data.counts().columnNonZeroCounts();
        List<String> out = new ArrayList<>();
        for (int j = 0; j < nz.length; j++) if (nz[j] >= minCells) out.add(data.varNames().get(j));
        return out;
    }

    static Map<String, String> thresholds(ObservationFilters f) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("min_counts", fmt(f.minCounts));
        m.put("min_genes", String.valueOf(f.minGenes));
        m.put("max_mito_fraction", fmt(f.maxMitoFraction));
        return m;
    }

    static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.format(Locale.ROOT, "%s", v);
    }

    /** " (text)", or nothing for an empty text (no filter removed a cell: "()" was printed). */
    private static String inParentheses(String text) {
        return text == null || text.isBlank() ? "" : " (" + text + ")";
    }
}
