package org.stdeconv.train;

import org.stdeconv.InputDataException;
import org.stdeconv.data.EnoughGenes;
import org.stdeconv.data.ExpressionData;
import org.stdeconv.data.InputTransform;
import org.stdeconv.data.ProportionTable;
import org.stdeconv.data.SpotPlaces;
import org.stdeconv.io.ExpressionReaders;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;

/**
 * The training inputs as the network sees them: transformed expression of every training spot (rows in file
 * order, genes in file order), true proportions, coordinates, the fold split, and the target slides aligned to the
 * training genes and transformed the same way: {@code target} holds the spots of all slides, concatenated in config
 * order, {@code targetXy} their coordinates (null unless every slide has them), {@code targetSlides} where each
 * slide's spots sit (empty without a target).
 */
public record TrainingData(List<String> genes, List<String> cellTypes, InputTransform transform,
                           float[][] x, double[][] y, double[][] xy, FoldSplit split,
                           float[][] target, double[][] targetXy, List<TargetSlide> targetSlides) {

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
        if (types.size() < 2) {
            throw new InputDataException(file, "obs", "only one cell type (true_" + types.get(0) + "): nothing to deconvolve",
                    "give training spots with at least two true_<type> columns (simulate from a reference with two or more cell types)");
        }
        EnoughGenes.require(file, data.nVars(), types.size());
        if (!data.counts().hasNonZero()) {
            throw new InputDataException(file, "X", "every training spot has zero counts: there is no expression to learn from", "check that X holds the counts (not an empty matrix)");
        }
        int n = data.nObs();
        if (n < Math.max(cfg.folds, 2)) {
            throw new InputDataException(file, "obs", n + " spots cannot be split into " + cfg.folds + " folds", "give more training spots or lower folds");
        }
        List<String> targetPaths = cfg.targets();
        List<ExpressionData> slides = TargetSlides.read(targetPaths);
        data = TargetSlides.restrictGenes(data, slides, targetPaths);
        InputTransform transform = cfg.inputTransform == InputTransform.Kind.GLOBAL_MAX ? InputTransform.globalMax(data.counts()) : InputTransform.log1pCp10k();
        float[][] x = transform.apply(data.counts());
        double[][] xy = data.spatial();
        if (cfg.appendCoordinates && xy == null) {
            throw new InputDataException(file, "obsm/spatial", "append_coordinates is on but the training spots have no coordinates", "turn append_coordinates off or give spots with obsm['spatial']");
        }
        if (xy != null && (cfg.contrastive.weight > 0 || cfg.appendCoordinates)) requireFinite(xy, data.obsNames(), file);
        TargetSlides.Rows targets = TargetSlides.transform(slides, targetPaths, data.varNames(), transform, cfg.appendCoordinates);
        FoldSplit split = FoldSplit.of(n, cfg.folds, cfg.fold, cfg.splitSeed);
        double[][] y = truth.values();
        return new TrainingData(data.varNames(), List.copyOf(types), transform, x, y, xy, split, targets.inputs(), targets.xy(), targets.slides());
    }

    /** The contrastive loss and appended coordinates read every spot's position: a NaN would poison the loss. */
    private static void requireFinite(double[][] xy, List<String> spots, Path file) {
        int i = SpotPlaces.firstUnplaced(xy);
        if (i >= 0) {
            throw new InputDataException(file, "obsm/spatial", "spot '" + spots.get(i) + "' has no finite coordinates, and the contrastive loss (or append_coordinates) needs them",
                    "fix the coordinates, drop those spots, or set contrastive.weight: 0");
        }
    }

    public boolean hasTarget() {
        return target != null && target.length > 0;
    }

    /** Whether some target slide has coordinates, so that slide_smoothness has neighbours to pull together. */
    public boolean hasTargetCoordinates() {
        return targetSlides.stream().anyMatch(s -> s.xy() != null);
    }

    public boolean hasValidation() {
        return split.heldOut().length > 0;
    }

    /**
     * The same data with network {@code member} of {@code members} training on its own part of the training spots
     * (every members-th, starting at member) and the held-out spots unchanged, so that an ensemble's mean is
     * validated on the spots each single network is.
     */
    public TrainingData memberPart(int member, int members) {
        int[] train = split.train();
        int[] part = new int[(train.length - member + members - 1) / members];
        for (int i = 0; i < part.length; i++) part[i] = train[member + i * members];
        return new TrainingData(genes, cellTypes, transform, x, y, xy, new FoldSplit(part, split.heldOut()), target, targetXy, targetSlides);
    }
}
