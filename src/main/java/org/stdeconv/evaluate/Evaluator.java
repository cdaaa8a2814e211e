package org.stdeconv.evaluate;

import org.stdeconv.data.SpotPlaces;
import org.stdeconv.InputDataException;
import org.stdeconv.data.ExpressionData;
import org.stdeconv.data.GeneAlignment;
import org.stdeconv.data.InputTransform;
import org.stdeconv.data.ProportionTable;
import org.stdeconv.io.ExpressionReaders;
import org.stdeconv.log.Log;
import org.stdeconv.model.ModelStore;
import org.stdeconv.spatial.SpotSpacing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/** Computes an {@link Evaluation} from an evaluate config: reads the inputs, runs the baseline, scores both. */
public final class Evaluator {
    public static final String BASELINE_NAME = "nnls_baseline";
    static final String MARKER_SOURCE = "evaluate's own selection: top log fold change of the type's mean log1p(cp10k) over the highest other type's mean";

    private Evaluator() {
    }

    public static Evaluation run(EvaluateConfig c) {
        if (c.modelDir != null && !Files.isRegularFile(Path.of(c.modelDir).resolve(ModelStore.MANIFEST))) {
            throw new InputDataException(Path.of(c.modelDir), null, "not a model folder (no " + ModelStore.MANIFEST + ")",
                    "give the folder stdeconv train wrote (its loss curves go into the report), or leave model_dir out");
        }
        EvaluationInputs in = EvaluationInputs.load(c);
        List<String> notes = new ArrayList<>();
        Log.info("evaluate: %d spots x %d cell types%s%s%s", in.size(), in.types().size(), in.truth() != null ? ", with truth" : "",
                in.regions() != null ? ", regions from obs/" + in.regionColumn() : "", in.spatial() ? ", with coordinates" : "");
        if (in.truth() == null) notes.add("No ground truth given: accuracy metrics are skipped.");
        if (in.regions() == null) notes.add("No region or layer annotation found: region table and cluster purity are skipped.");
        if (in.xy() == null) notes.add("No spot coordinates: Moran's I and spatial maps are skipped.");
        else if (!in.spatial()) notes.add(SpotPlaces.allAtOnePlace(in.xy()) ? "Every spot has the same coordinates: Moran's I and spatial maps are skipped."
                : "Fewer than 2 spots have finite coordinates: Moran's I and spatial maps are skipped.");
        else if (in.placedRows().length < in.size()) {
            notes.add((in.size() - in.placedRows().length) + " of " + in.size() + " spots have no finite coordinates: Moran's I and the maps leave them out (the other metrics count them).");
        }

        double[][] baseline = null;
        Map<String, List<String>> markers = null;
        Map<String, double[]> markerScores = null;
        if (c.reference == null) {
            notes.add("No reference given: the NNLS baseline and marker agreement are skipped.");
        } else if (in.spots() == null) {
            notes.add("No spot counts (set slide): the NNLS baseline and marker agreement are skipped.");
        } else {
            Path refFile = Path.of(c.reference);
            ExpressionData reference = ExpressionReaders.read(refFile);
            String[] labels = restrictToPredicted(ReferenceProfiles.labels(reference, c.cellTypeColumn, refFile), in.types(), refFile,
                    Path.of(c.predictions), notes);
            List<String> genes = GeneAlignment.intersect(reference.varNames(), in.spots().varNames());
            if (genes.isEmpty()) {
                throw new InputDataException(refFile, "var names", "no gene in common with the spots in " + in.spotsFile(),
                        "use a reference and slide of the same species and gene naming");
            }
            Log.info("reference: %d cells, %d genes shared with the spots", reference.nObs(), genes.size());
            ExpressionData spotsAligned = in.spots().alignGenes(genes);
            ReferenceProfiles log1p = ReferenceProfiles.of(reference, labels, genes, InputTransform.log1pCp10k());
            if (c.baseline) {
                InputTransform transform = baselineTransform(c.baselineTransform, reference.alignGenes(genes));
                ReferenceProfiles profiles = c.baselineTransform == InputTransform.Kind.LOG1P_CP10K ? log1p
                        : ReferenceProfiles.of(reference, labels, genes, transform);
                double[][] raw = new NnlsBaseline(profiles).deconvolve(spotsAligned.counts(), transform);
                baseline = new ProportionTable(in.predictions().spots(), profiles.types(), raw, null)
                        .withTypes(in.types(), refFile).values();
            }
            markers = ReferenceMarkers.select(log1p, c.markers.perType, c.markers.minLogFoldChange);
            markers.forEach((type, list) -> { if (list.isEmpty()) notes.add("No marker gene of " + type + " passes min_log_fold_change: its marker agreement is NA."); });
            markerScores = MarkerAgreement.scores(spotsAligned.counts(), genes, markers);
        }

        if (!c.markers.genes.isEmpty()) {
            if (in.spots() == null) {
                notes.add("No spot counts (set slide): the given marker genes are not scored.");
            } else {
                Map<String, List<String>> given = GivenMarkers.resolve(c.markers.genes, in.types(), in.spots(), c.source());
                markers = GivenMarkers.override(markers, given);
                if (markerScores == null) markerScores = new java.util.LinkedHashMap<>();
                markerScores.putAll(MarkerAgreement.scores(in.spots().counts(), in.spots().varNames(), given));
                given.forEach((type, list) -> notes.add("Marker genes of " + type + " given in the config: " + String.join(", ", list) + "."));
            }
        }

        double radius = Double.NaN;
        if (in.spatial()) {
            // spatial(): at least two places, so the spacing (the default radius) is finite; spots at one place are left
            // out there, with the note above
            radius = c.moransRadius > 0 ? c.moransRadius : SpotSpacing.defaultRadius(in.placed(in.xy()));
            Log.info("Moran's I: neighbours within %.4g coordinate units", radius);
        }
        List<MethodEvaluation> methods = new ArrayList<>();
        methods.add(MethodEvaluation.compute(c.methodName, in.predictions().values(), in.intervals(), in, radius, markerScores, c));
        if (baseline != null) methods.add(MethodEvaluation.compute(BASELINE_NAME, baseline, null, in, radius, markerScores, c));
        for (MethodEvaluation m : methods) {
            if (m.regions() != null && !m.regions().note().isEmpty()) notes.add(m.name() + ": " + m.regions().note());
        }

        TrainingCurves curves = null;
        if (c.modelDir != null) {
            Path f = Path.of(c.modelDir).resolve(TrainingCurves.FILE);
            if (Files.isRegularFile(f)) curves = TrainingCurves.read(f);
            else notes.add("The model folder has no " + TrainingCurves.FILE + ": no loss curves.");
        }
        String markerSource = markers == null ? null : c.markers.genes.isEmpty() || in.spots() == null ? MARKER_SOURCE
                : (c.reference != null ? MARKER_SOURCE + "; " : "") + "given in the config for " + String.join(", ", c.markers.genes.keySet());
        return new Evaluation(in, methods, markers, markerSource, curves, radius, notes);
    }

    private static InputTransform baselineTransform(InputTransform.Kind kind, ExpressionData referenceAligned) {
        return kind == InputTransform.Kind.GLOBAL_MAX ? InputTransform.globalMax(referenceAligned.counts()) : InputTransform.log1pCp10k();
    }

    /**
     * Reference labels with cells of types that are not predicted blanked out (a model trained on a qc-filtered
     * reference may lack rare types); a predicted type absent from the reference is an error listing both sets.
     */
    static String[] restrictToPredicted(String[] labels, List<String> predicted, Path refFile, Path predFile, List<String> notes) {
        java.util.Set<String> reference = new java.util.TreeSet<>();
        for (String l : labels) if (l != null && !l.isEmpty()) reference.add(l);
        if (!reference.containsAll(predicted)) {
            throw new InputDataException(refFile, "cell types", "reference and predicted cell types differ: " + reference + " (reference) vs "
                    + predicted + " (" + predFile.getFileName() + ")", "use the reference the model was trained on, or set cell_type_column");
        }
        java.util.Set<String> keep = new HashSet<>(predicted);
        List<String> dropped = reference.stream().filter(t -> !keep.contains(t)).toList();
        if (dropped.isEmpty()) return labels;
        notes.add("Reference cell types without predictions, left out of the baseline and markers: " + String.join(", ", dropped) + ".");
        String[] out = labels.clone();
        for (int i = 0; i < out.length; i++) if (out[i] != null && !keep.contains(out[i])) out[i] = null;
        return out;
    }
}
