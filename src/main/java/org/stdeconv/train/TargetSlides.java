package org.stdeconv.train;

import org.stdeconv.InputDataException;
import org.stdeconv.config.InputPathLists;
import org.stdeconv.data.CsrMatrix;
import org.stdeconv.data.ExpressionData;
import org.stdeconv.data.GeneAlignment;
import org.stdeconv.data.GeneOverlap;
import org.stdeconv.data.InputTransform;
import org.stdeconv.io.ExpressionReaders;
import org.stdeconv.log.Log;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The target slides of a training run (train's target: one path or a list), read, held to the training genes and
 * transformed like the training spots. Their rows are concatenated in config order, and the adaptation's batches
 * are drawn from that concatenation: every real spot is equally likely whatever its slide, so each batch mixes the
 * slides in proportion to their spots and MMD/DANN align the pseudo-spots with the pooled real spots that the model
 * will be applied to. Coordinates stay per slide ({@link TargetSlide#xy}); neighbours are only ever looked up within
 * one slide ({@link TargetNeighbours}).
 */
final class TargetSlides {
    private TargetSlides() {
    }

    /** The concatenated network inputs of all target spots, their coordinates (null unless every slide has them) and each slide's place. */
    record Rows(float[][] inputs, double[][] xy, List<TargetSlide> slides) {
    }

    /** Reads every slide; an unreadable one is reported under its key (target[1]) when there are several. */
    static List<ExpressionData> read(List<String> paths) {
        List<ExpressionData> slides = new ArrayList<>();
        for (int i = 0; i < paths.size(); i++) {
            Path file = Path.of(paths.get(i));
            slides.add(underKey(paths, i, () -> ExpressionReaders.read(file)));
        }
        return slides;
    }

    /**
     * The training data restricted to the training genes every slide has. Each slide must hold
     * {@link TrainingData#MIN_TARGET_GENE_FRACTION} of the training genes, and so must all of them together. A gene
     * a slide lacks is a constant 0 there: it could only tell the domains apart and would shift the spot totals the
     * input transform divides by, so the model keeps the genes all slides have (for one slide: the genes both have).
     */
    static ExpressionData restrictGenes(ExpressionData training, List<ExpressionData> slides, List<String> paths) {
        List<String> trainingGenes = training.varNames();
        List<String> kept = trainingGenes;
        String threshold = String.format(Locale.ROOT, "the %.0f%% training requires", 100 * TrainingData.MIN_TARGET_GENE_FRACTION);
        for (int i = 0; i < slides.size(); i++) {
            ExpressionData t = slides.get(i);
            Path file = Path.of(paths.get(i));
            GeneAlignment al = underKey(paths, i, () -> GeneOverlap.requireShare(trainingGenes, "the training data's", t.varNames(), file, "target",
                    TrainingData.MIN_TARGET_GENE_FRACTION, threshold, null));
            if (al.missing() == 0) continue;
            if (slides.size() == 1) {
                Log.warn("target %s lacks %d of %d training genes (e.g. %s); the model uses the %d genes both have", file.getFileName(),
                        al.missing(), trainingGenes.size(), al.missingGenes(5), al.found());
            } else {
                Log.warn("%s %s lacks %d of %d training genes (e.g. %s); the model leaves them out", InputPathLists.elementKey("target", slides.size(), i),
                        file.getFileName(), al.missing(), trainingGenes.size(), al.missingGenes(5));
            }
            kept = GeneAlignment.intersect(kept, t.varNames());
        }
        if (kept.size() == trainingGenes.size()) return training;
        if (kept.size() < TrainingData.MIN_TARGET_GENE_FRACTION * trainingGenes.size()) {
            throw new InputDataException(null, "target", String.format(Locale.ROOT, "only %d of the training data's %d genes (%.1f%%) are in every target slide, below %s",
                    kept.size(), trainingGenes.size(), 100.0 * kept.size() / trainingGenes.size(), threshold), "leave out the slide that lacks the most genes, or train on fewer slides");
        }
        if (slides.size() > 1) Log.info("the model uses the %d training genes all %d target slides have", kept.size(), slides.size());
        return training.alignGenes(kept);
    }

    /** Every slide's spots on the model's genes, transformed like the training spots, concatenated in config order. */
    static Rows transform(List<ExpressionData> slides, List<String> paths, List<String> genes, InputTransform transform, boolean appendCoordinates) {
        if (slides.isEmpty()) return new Rows(null, null, List.of());
        List<float[][]> inputs = new ArrayList<>();
        List<TargetSlide> placed = new ArrayList<>();
        int offset = 0;
        boolean allHaveXy = true;
        for (int i = 0; i < slides.size(); i++) {
            ExpressionData t = slides.get(i);
            Path file = Path.of(paths.get(i));
            if (appendCoordinates && t.spatial() == null) {
                underKey(paths, i, () -> {
                    throw new InputDataException(file, "obsm/spatial", "append_coordinates is on but the target spots have no coordinates", "turn append_coordinates off");
                });
            }
            CsrMatrix aligned = t.counts().remapColumns(GeneAlignment.of(t.varNames(), genes).sourceColumns());
            if (!aligned.hasNonZero()) {
                // simulate refuses such a slide; train adapted to it without a word
                underKey(paths, i, () -> {
                    throw new InputDataException(file, "X", "every target spot has zero counts over the model's genes", "give the slide with its counts");
                });
            }
            inputs.add(transform.apply(aligned));
            placed.add(new TargetSlide(InputPathLists.elementKey("target", slides.size(), i), file, offset, t.nObs(), t.spatial()));
            offset += t.nObs();
            allHaveXy &= t.spatial() != null;
        }
        if (slides.size() == 1) return new Rows(inputs.get(0), slides.get(0).spatial(), List.copyOf(placed));
        float[][] rows = new float[offset][];
        double[][] xy = allHaveXy ? new double[offset][] : null;
        for (int s = 0; s < placed.size(); s++) {
            TargetSlide slide = placed.get(s);
            System.arraycopy(inputs.get(s), 0, rows, slide.offset(), slide.spots());
            if (xy != null) System.arraycopy(slide.xy(), 0, xy, slide.offset(), slide.spots());
        }
        return new Rows(rows, xy, List.copyOf(placed));
    }

    /** Runs {@code work}; with several slides a bad-input error is prefixed with the slide's key, target[i]. */
    private static <T> T underKey(List<String> paths, int index, Supplier<T> work) {
        try {
            return work.get();
        } catch (InputDataException e) {
            if (paths.size() == 1) throw e;
            throw new InputDataException(InputPathLists.elementKey("target", paths.size(), index) + ": " + e.getMessage(), e);
        }
    }
}
