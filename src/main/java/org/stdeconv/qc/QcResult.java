package org.stdeconv.qc;

import org.stdeconv.data.ExpressionData;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything qc computed: the inputs' metrics, which cells, spots, types and genes survived and why, the marker
 * statistics, and the filtered data sets to write.
 *
 * @param typeCells per cell type (all labelled types, sorted): cells before filtering, after the cell filters,
 *                  and in the output (0 for dropped types)
 */
record QcResult(
        Path referenceFile, Path slideFile,
        ExpressionData reference, ExpressionData slide,
        ObservationMetrics referenceMetrics, ObservationMetrics slideMetrics,
        FilterOutcome cellOutcome, FilterOutcome spotOutcome,
        Map<String, int[]> typeCells, List<String> droppedTypes,
        List<String> sharedGenes, int expressedGenes,
        MarkerSelection.Result markers, int highlyVariable, boolean[] selectedByHvg,
        List<String> selectedGenes,
        ExpressionData filteredReference, ExpressionData filteredSlide) {

    List<String> keptTypes() {
        return markers.types();
    }
}
