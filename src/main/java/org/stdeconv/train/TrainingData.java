package org.stdeconv.train;

import org.stdeconv.InputDataException;
import org.stdeconv.data.CsrMatrix;
import org.stdeconv.data.ExpressionData;
import org.stdeconv.data.GeneAlignment;
import org.stdeconv.data.GeneOverlap;
import org.stdeconv.data.InputTransform;
import org.stdeconv.data.ProportionTable;
import org.stdeconv.io.ExpressionReaders;
import org.stdeconv.log.Log;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;

/**
 * The training inputs as the network sees them: transformed expression of every training spot (rows in file
 * order, genes in file order), true proportions, coordinates, the fold split, and the target slide aligned to the
 * training genes and transformed the same way.
 */
public record TrainingData(List<String> genes, List<String> cellTypes, InputTransform transform,
                           float[][] x, double[][] y, double[][] xy, FoldSplit split,
                           float[][] target, double[][] targetXy) {

    /** Minimum share of the training genes the target slide must contain. */
    public static final double MIN_TARGET_GENE_FRACTION = 0.5;

    public static TrainingData load(TrainConfig cfg) {
        Path file = Path.of(cfg.trainingData);
        ExpressionData data = ExpressionReaders.read(file);
        ProportionTable truth = ProportionTable.fromTruthColumns(data, file);
        List<String> types = truth.types();
        if (!cfg.cellTypes.isEmpty()) {
            if (!new HashSet<>(cfg.cellTypes).equals(new HashSet<>(types)) || cfg.cellTypes.size() != types.size()) {
                throw new InputDataException(file, "obs", "true_<type> columns name the cell types " + types + " but the config's cell_types are " + cfg.cellTypes,
                        "make cell_types match the training data (or leave it empty)");
            }
            truth = truth.withTypes(cfg.cellTypes, file);
            types = cfg.cellTypes;
        }
        int n = data.nObs();
        if (n < Math.max(cfg.folds, 2)) {
            throw new InputDataException(file, "obs", n + " spots cannot be split into " + cfg.folds + " folds", "give more training spots or lower folds");
        }
        ExpressionData t = null;
        Path tf = null;
        if (cfg.target != null) {
            tf = Path.of(cfg.target);
            t = ExpressionReaders.read(tf);
            GeneAlignment al = GeneOverlap.requireShare(data.varNames(), "the training data's", t.varNames(), tf, "target", MIN_TARGET_GENE_FRACTION,
                    String.format(Locale.ROOT, "the %.0f%% training requires", 100 * MIN_TARGET_GENE_FRACTION), null);
            if (al.missing() > 0) {
                // a gene the slide lacks is a constant 0 there: it can only tell the two domains apart, and it would
                // change the spot totals the input transform divides by; the model keeps the genes both have
                Log.warn("target %s lacks %d of %d training genes (e.g. %s); the model uses the %d genes both have",
                        tf.getFileName(), al.missing(), data.nVars(), al.missingGenes(5), al.found());
                data = data.alignGenes(GeneAlignment.intersect(data.varNames(), t.varNames()));
            }
        }
        InputTransform transform = cfg.inputTransform == InputTransform.Kind.GLOBAL_MAX ? InputTransform.globalMax(data.counts()) : InputTransform.log1pCp10k();
        float[][] x = transform.apply(data.counts());
        double[][] xy = data.spatial();
        if (cfg.appendCoordinates && xy == null) {
            throw new InputDataException(file, "obsm/spatial", "append_coordinates is on but the training spots have no coordinates", "turn append_coordinates off or give spots with obsm['spatial']");
        }
        if (xy != null && (cfg.contrastive.weight > 0 || cfg.appendCoordinates)) requireFinite(xy, data.obsNames(), file);
        float[][] target = null;
        double[][] targetXy = null;
        if (t != null) {
            CsrMatrix aligned = t.counts().remapColumns(GeneAlignment.of(t.varNames(), data.varNames()).sourceColumns());
            target = transform.apply(aligned);
            targetXy = t.spatial();
            if (cfg.appendCoordinates && targetXy == null) {
                throw new InputDataException(tf, "obsm/spatial", "append_coordinates is on but the target spots have no coordinates", "turn append_coordinates off");
            }
        }
        FoldSplit split = FoldSplit.of(n, cfg.folds, cfg.fold, cfg.splitSeed);
        double[][] y = truth.values();
        return new TrainingData(data.varNames(), List.copyOf(types), transform, x, y, xy, split, target, targetXy);
    }

    /** The contrastive loss and appended coordinates read every spot's position: a NaN would poison the loss. */
    private static void requireFinite(double[][] xy, List<String> spots, Path file) {
        for (int i = 0; i < xy.length; i++) {
            if (!Double.isFinite(xy[i][0]) || !Double.isFinite(xy[i][1])) {
                throw new InputDataException(file, "obsm/spatial", "spot '" + spots.get(i) + "' has no finite coordinates, and the contrastive loss (or append_coordinates) needs them",
                        "fix the coordinates, drop those spots, or set contrastive.weight: 0");
            }
        }
    }

    public boolean hasTarget() {
        return target != null && target.length > 0;
    }

    public boolean hasValidation() {
        return split.heldOut().length > 0;
    }
}
