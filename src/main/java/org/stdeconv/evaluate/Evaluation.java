package org.stdeconv.evaluate;

import java.util.List;
import java.util.Map;

/**
 * The result of one evaluate run: the aligned inputs, the evaluated predictions first and then the baseline (when
 * there is one), the marker genes used (null without a reference), training curves (null without model_dir), the
 * Moran's I radius (NaN without coordinates) and notes on what could not be computed and why.
 */
public record Evaluation(EvaluationInputs inputs, List<MethodEvaluation> methods, Map<String, List<String>> markers,
                         String markerSource, TrainingCurves trainingCurves, double moransRadius, List<String> notes) {

    public MethodEvaluation primary() {
        return methods.get(0);
    }

    public MethodEvaluation baseline() {
        return methods.size() > 1 ? methods.get(1) : null;
    }
}
