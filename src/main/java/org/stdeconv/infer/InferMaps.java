package org.stdeconv.infer;

import org.stdeconv.data.ProportionTable;
import org.stdeconv.data.SpotPlaces;
import org.stdeconv.io.anndata.TissueImage;
import org.stdeconv.io.text.ProportionTableReader;
import org.stdeconv.log.Log;
import org.stdeconv.report.FigureNames;
import org.stdeconv.report.SmallMultiples;
import org.stdeconv.report.SpatialPlot;
import org.stdeconv.report.SpotFrame;
import org.stdeconv.step.OutputStage;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The maps infer writes into {@value #DIR} of its output folder, each as PNG and SVG: one proportion map per cell
 * type ({@code proportion_NN_<type>}), a pie map of all types ({@value #PIES}) and all types' maps side by side
 * ({@value #OVERVIEW}), over the slide's H&E image when its .h5ad has one. Drawn only for a whole slide with
 * coordinates of at most {@value #MAX_SPOTS} spots: a chunk has part of the slide (merge draws them), and above that
 * spots shrink below a pixel while drawing time grows with the slide.
 */
final class InferMaps {
    static final String DIR = "maps/";
    static final String PIES = DIR + "pies.png", OVERVIEW = DIR + "proportions_overview.png";
    static final int MAX_SPOTS = 200_000;

    private InferMaps() {
    }

    /**
     * Writes the maps of {@code proportionsTsv} as written (infer's own, or merge's joined chunks) into {@code stage}
     * when {@code config.maps} is on and the slide allows, else says in the log why not. Drawing from the written
     * numbers, not the doubles they came from, gives a whole run and a merge of its chunks the same bytes; the table
     * ({@code spots} rows, as its writer counted them) is read back only when that count allows maps.
     * {@code imageSource}: the .h5ad whose uns may hold the H&E image (or null).
     */
    static List<String> writeFromTable(InferConfig config, long spots, Path proportionsTsv, Path imageSource, OutputStage stage) {
        if (!config.maps) return List.of();
        if (spots > MAX_SPOTS) {
            Log.info("no maps: %d spots is above the %d drawn (spots would be smaller than a pixel)", spots, MAX_SPOTS);
            return List.of();
        }
        ProportionTable all = ProportionTableReader.readWritten(proportionsTsv);
        if (all.xy() == null) {
            Log.info("no maps: the slide has no spot coordinates");
            return List.of();
        }
        // as the spatial prior does, a spot without finite coordinates has no place on the slide: it keeps its
        // proportions in the tables and is left off the maps, which the user is told with the slide named
        ProportionTable table = all.placed();
        if (table.size() < all.size()) {
            String example = all.spots().get(SpotPlaces.firstUnplaced(all.xy()));
            Log.warn("%s: %d of %d spots have no finite coordinates (e.g. '%s'): the maps leave them out; their proportions are in %s",
                    config.slide, all.size() - table.size(), all.size(), example, InferOutputs.PROPORTIONS_TSV);
        }
        if (table.size() == 0) {
            Log.info("no maps: no spot of the slide has finite coordinates");
            return List.of();
        }
        if (SpotPlaces.allAtOnePlace(table.xy())) {
            Log.info("no maps: every spot of the slide has the same coordinates");
            return List.of();
        }
        return write(table, imageSource, stage);
    }

    static String typeMap(int index, String type) {
        return DIR + FigureNames.perType("proportion", index, type);
    }

    private static List<String> write(ProportionTable table, Path imageSource, OutputStage stage) {
        // CPU time beside wall time: on a shared machine the wall time says little about the maps' own cost
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long t0 = System.nanoTime(), c0 = cpu.getCurrentThreadCpuTime();
        TissueImage image = imageSource != null && Files.isRegularFile(imageSource) && imageSource.getFileName().toString().endsWith(".h5ad")
                ? TissueImage.read(imageSource) : null;
        SpotFrame frame = SpotFrame.of(table.xy(), image);
        List<String> written = new ArrayList<>();
        List<String> types = table.types();
        String over = image == null ? "" : " over the H&E image";
        for (int t = 0; t < types.size(); t++) {
            String rel = typeMap(t, types.get(t));
            SpatialPlot.values(frame, table.column(types.get(t)), "Proportion of " + types.get(t), stage.path(rel));
            written.add(rel);
        }
        SpatialPlot.pies(frame, table.values(), types, "Cell-type proportions per spot", stage.path(PIES));
        written.add(PIES);
        SmallMultiples.write(frame, table.values(), types, "Cell-type proportions (one colour scale)", stage.path(OVERVIEW));
        written.add(OVERVIEW);
        Log.info("%d maps (PNG and SVG)%s in %s (%.1f s, %.1f s CPU)", written.size(), over, DIR, (System.nanoTime() - t0) / 1e9,
                (cpu.getCurrentThreadCpuTime() - c0) / 1e9);
        return written;
    }
}
