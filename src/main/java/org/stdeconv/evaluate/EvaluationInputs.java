package org.stdeconv.evaluate;

import org.stdeconv.InputDataException;
import org.stdeconv.data.ExpressionData;
import org.stdeconv.data.ProportionTable;
import org.stdeconv.data.SpotPlaces;
import org.stdeconv.data.UniqueNames;
import org.stdeconv.io.ExpressionReaders;
import org.stdeconv.io.anndata.TissueImage;
import org.stdeconv.io.text.ProportionTableReader;
import org.stdeconv.log.Log;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Everything evaluate reads, aligned to the predicted spots (rows) and predicted types (columns): the predictions,
 * the truth if any, the spots' counts if any (for the baseline and marker scores), the region labels (null for an
 * unannotated spot), the coordinates (every spot's, NaN for one the slide leaves unplaced; null without any), the
 * rows of the placed spots that Moran's I and the maps use (null when they are skipped) and the slide's H&E image
 * (null when no .h5ad input has one or the spatial parts are skipped).
 */
public record EvaluationInputs(ProportionTable predictions, PredictionIntervals intervals, ProportionTable truth, Path truthFile, ExpressionData spots, Path spotsFile,
                               String regionColumn, String[] regions, double[][] xy, int[] placedRows, TissueImage tissueImage) {

    public List<String> types() {
        return predictions.types();
    }

    public int size() {
        return predictions.size();
    }

    /** Whether Moran's I and the maps are computed: at least two spots have a place on the slide. */
    public boolean spatial() {
        return placedRows != null;
    }

    /**
     * The placed spots' rows of {@code perSpot} (one row per predicted spot: coordinates, proportions, truth), in
     * order: what Moran's I and the maps see, so that an unplaced spot counts in the accuracy figures only.
     */
    public double[][] placed(double[][] perSpot) {
        if (placedRows.length == perSpot.length) return perSpot;
        double[][] out = new double[placedRows.length][];
        for (int k = 0; k < out.length; k++) out[k] = perSpot[placedRows[k]];
        return out;
    }

    /** The H&E image of the first .h5ad input that has one: the slide, then the predictions, then the truth. */
    private static TissueImage tissueImage(Path... files) {
        for (Path f : files) {
            TissueImage image = f != null && isH5ad(f) ? TissueImage.read(f) : null;
            if (image != null) return image;
        }
        return null;
    }

    public static EvaluationInputs load(EvaluateConfig c) {
        Path predFile = Path.of(c.predictions);
        ExpressionData predData = isH5ad(predFile) ? ExpressionReaders.read(predFile) : null;
        // readWritten: infer writes NaN x/y for a spot the slide leaves without coordinates (handled below)
        ProportionTable pred = predData != null ? fromPrefixedColumns(predData, c.predictionPrefix, predFile) : ProportionTableReader.readWritten(predFile);
        pred = withoutMissing(pred, predFile);
        checkPredictions(pred, predFile);

        Path truthFile = c.truth == null ? null : Path.of(c.truth);
        ExpressionData truthData = truthFile != null && isH5ad(truthFile) ? ExpressionReaders.read(truthFile) : null;
        ProportionTable truth = null;
        if (truthFile != null) {
            if (truthData == null) truth = truthTable(truthFile);
            else if (!ProportionTable.truthTypes(truthData).isEmpty()) truth = ProportionTable.fromTruthColumns(truthData, truthFile);
            else Log.info("%s has no true_<type> columns: using it as the annotated slide only", truthFile);
        }
        if (truth != null) truth = alignRows(truth, pred, truthFile).withTypes(pred.types(), truthFile + " vs " + predFile);

        // the spots' counts: an explicit slide first, then whichever .h5ad input holds expression
        Path spotsFile = null;
        ExpressionData spots = null;
        if (c.slide != null) {
            spotsFile = Path.of(c.slide);
            spots = ExpressionReaders.read(spotsFile);
        } else if (truthData != null && truthData.nVars() > 0) {
            spotsFile = truthFile;
            spots = truthData;
        } else if (predData != null && predData.nVars() > 0) {
            spotsFile = predFile;
            spots = predData;
        }
        if (spots != null) spots = spots.selectRows(rowsOf(spots.obsNames(), pred.spots(), spotsFile));

        String regionColumn = null;
        String[] regions = null;
        ExpressionData[] sources = {spots, truthData, predData};
        Path[] sourceFiles = {spotsFile, truthFile, predFile};
        for (int s = 0; s < sources.length; s++) {
            ExpressionData d = sources[s];
            if (d == null) continue;
            String col = RegionLabels.column(d, c.regionColumn);
            if (col != null) {
                regionColumn = col;
                ExpressionData aligned = d == spots ? d : d.selectRows(rowsOf(d.obsNames(), pred.spots(), null));
                regions = RegionLabels.read(aligned, col, c.unannotatedLabels, sourceFiles[s]);
                break;
            }
        }
        if (c.regionColumn != null && regionColumn == null) {
            throw new InputDataException(spotsFile != null ? spotsFile : predFile, "obs/" + c.regionColumn, "no such annotation column in any input",
                    "set region_column to an obs column of the slide, or leave it empty");
        }

        double[][] xy = pred.xy();
        Path xySource = predFile;
        if (xy == null && spots != null && spots.hasSpatial()) {
            xy = spots.spatial();
            xySource = spotsFile;
        }
        if (xy == null && truth != null) {
            xy = truth.xy();
            xySource = truthFile;
        }
        int[] placedRows = placedRows(xy, xySource);
        return new EvaluationInputs(pred, intervals(c, predFile, pred, truth), truth, truthFile, spots, spotsFile, regionColumn, regions, xy, placedRows,
                placedRows == null ? null : tissueImage(spotsFile, predFile, truthFile));
    }

    /**
     * The rows of the spots with a place on the slide, or null when fewer than two have one (no Moran's I, no maps).
     * A spot the slide leaves unplaced (infer keeps its proportions and writes NaN x/y) still counts in the accuracy
     * figures; as infer's maps do, Moran's I and the maps leave it out, which one warning naming the file says.
     */
    private static int[] placedRows(double[][] xy, Path source) {
        if (xy == null) return null;
        int[] rows = IntStream.range(0, xy.length).filter(i -> SpotPlaces.isPlaced(xy[i])).toArray();
        int unplaced = xy.length - rows.length;
        if (rows.length < 2) {
            if (unplaced > 0) Log.warn("%s: %d of %d spots have no finite coordinates: Moran's I and the maps are left out", source, unplaced, xy.length);
            return null;
        }
        if (unplaced > 0) Log.warn("%s: %d of %d spots have no finite coordinates: Moran's I and the maps leave them out (the other metrics count them)",
                source, unplaced, xy.length);
        // as infer: spots that all share one position carry no layout (one pie for every spot, a Moran's I of -1/(n-1))
        if (SpotPlaces.allAtOnePlace(xy)) {
            Log.warn("%s: every spot has the same coordinates: they carry no layout, so Moran's I and the maps are left out", source);
            return null;
        }
        return rows;
    }

    static boolean isH5ad(Path p) {
        return p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".h5ad");
    }

    /** uns key where infer lists the predicted types (tab-separated), and infer's non-type obs columns. */
    static final String UNS_CELL_TYPES = "stdeconv_cell_types";
    private static final List<String> NOT_TYPES = List.of(ProportionTable.DOMINANT, ProportionTable.ENTROPY);

    /**
     * Predictions stored in an .h5ad as obs columns {@code <prefix><type>} (infer's annotated.h5ad): the types listed
     * in uns when infer recorded them, else every numeric prefixed column except dominant_type and entropy.
     */
    static ProportionTable fromPrefixedColumns(ExpressionData data, String prefix, Path file) {
        List<String> types = new ArrayList<>();
        String listed = data.uns().get(UNS_CELL_TYPES);
        if (listed != null && !listed.isBlank()) {
            types.addAll(List.of(listed.split("\t")));
        } else {
            for (String col : data.obs().numericColumns().keySet()) {
                String type = col.startsWith(prefix) ? col.substring(prefix.length()) : "";
                if (!type.isEmpty() && !NOT_TYPES.contains(type)) types.add(type);
            }
        }
        if (types.isEmpty()) {
            throw new InputDataException(file, "obs", "no prediction columns " + prefix + "<type> (found: " + String.join(", ", data.obs().names()) + ")",
                    "give infer's proportions.tsv, or set prediction_prefix");
        }
        double[][] v = new double[data.nObs()][types.size()];
        for (int j = 0; j < types.size(); j++) {
            double[] col = data.obs().numeric(prefix + types.get(j));
            if (col == null) {
                throw new InputDataException(file, "obs/" + prefix + types.get(j), "missing, though uns/" + UNS_CELL_TYPES + " lists " + types.get(j),
                        "regenerate the file with stdeconv infer");
            }
            for (int i = 0; i < v.length; i++) v[i][j] = col[i];
        }
        return new ProportionTable(data.obsNames(), types, v, data.spatial());
    }

    /**
     * The intervals to score: the configured file, else infer's intervals.tsv beside a proportions.tsv prediction;
     * null without a truth to score them against.
     */
    private static PredictionIntervals intervals(EvaluateConfig c, Path predFile, ProportionTable pred, ProportionTable truth) {
        if (truth == null) return null;
        Path file = c.intervals != null ? Path.of(c.intervals) : isH5ad(predFile) ? null : predFile.resolveSibling(PredictionIntervals.FILE);
        if (file == null || (c.intervals == null && !Files.isRegularFile(file))) return null;
        Log.info("evaluate: scoring the 90%% intervals in %s", file);
        return PredictionIntervals.read(file, pred);
    }

    /** Predictions without the spots infer left NaN (no counts over the model's genes), which no metric can score. */
    private static ProportionTable withoutMissing(ProportionTable pred, Path file) {
        ProportionTable kept = pred.withoutMissing();
        if (kept.size() == 0 && pred.size() > 0) {
            throw new InputDataException(file, null, "every spot's proportions are NaN (infer found no counts over the model's genes)", "check the slide infer ran on");
        }
        if (kept.size() < pred.size()) Log.warn("%s: %d of %d spots have no proportions (NaN: no counts at infer) and are left out", file, pred.size() - kept.size(), pred.size());
        return kept;
    }

    /** Truth from a TSV: finite, non-negative and summing to 1 per spot. */
    private static ProportionTable truthTable(Path file) {
        ProportionTable truth = ProportionTableReader.read(file);
        requireUniqueSpots(truth, file);
        requireProportions(truth, file, "true proportion");
        truth.checkSumsToOne(file, "true proportions");
        return truth;
    }

    private static void checkPredictions(ProportionTable pred, Path file) {
        if (pred.size() == 0) throw new InputDataException(file, null, "no spots", "give infer's proportions.tsv");
        requireUniqueSpots(pred, file);
        requireProportions(pred, file, "proportion");
        pred.checkSumsToOne(file, null, "predicted proportions");   // weights of another tool, say: every metric would mislead
    }

    private static void requireUniqueSpots(ProportionTable table, Path file) {
        String repeated = UniqueNames.firstRepeated(table.spots());
        if (repeated != null) throw new InputDataException(file, "spot", "duplicate spot '" + repeated + "'", "give each spot once");
    }

    /** Every value of {@code table} finite and >= 0, else one line naming the type, the spot and the value. */
    private static void requireProportions(ProportionTable table, Path file, String what) {
        for (int i = 0; i < table.size(); i++) {
            for (int j = 0; j < table.types().size(); j++) {
                double v = table.values()[i][j];
                if (!Double.isFinite(v) || v < 0) {
                    throw new InputDataException(file, table.types().get(j), "invalid " + what + " " + v + " at spot " + table.spots().get(i), "proportions must be finite and >= 0");
                }
            }
        }
    }

    /** Row of every wanted spot in {@code names} (error naming the file and a few missing spots). */
    static int[] rowsOf(List<String> names, List<String> wanted, Path file) {
        Map<String, Integer> index = new HashMap<>(names.size() * 2);
        for (int i = 0; i < names.size(); i++) index.putIfAbsent(names.get(i), i);
        int[] rows = new int[wanted.size()];
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            Integer r = index.get(wanted.get(i));
            if (r == null) {
                missing.add(wanted.get(i));
                rows[i] = -1;
            } else {
                rows[i] = r;
            }
        }
        if (!missing.isEmpty()) {
            throw new InputDataException(file, "obs names", missing.size() + " of " + wanted.size() + " predicted spots are missing (e.g. "
                    + String.join(", ", missing.subList(0, Math.min(5, missing.size()))) + ")", "give the slide the predictions were made on");
        }
        return rows;
    }

    private static ProportionTable alignRows(ProportionTable table, ProportionTable pred, Path file) {
        int[] rows = rowsOf(table.spots(), pred.spots(), file);
        if (table.size() > rows.length) Log.warn("%s: %d spots without predictions are left out", file, table.size() - rows.length);
        double[][] v = new double[rows.length][];
        double[][] xy = table.xy() == null ? null : new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            v[i] = table.values()[rows[i]];
            if (xy != null) xy[i] = table.xy()[rows[i]];
        }
        return new ProportionTable(pred.spots(), table.types(), v, xy);
    }
}
