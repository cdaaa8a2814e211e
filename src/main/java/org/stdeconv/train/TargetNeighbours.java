package org.stdeconv.train;

import org.stdeconv.spatial.SpotGraph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The neighbours of the target spots, indexed by their row in the concatenated target rows: one {@link SpotGraph}
 * per slide, built from that slide's own coordinates and expression, so a spot's neighbours are always spots of its
 * own slide (coordinates of two slides are unrelated, and each slide's edge weights are scaled by its own
 * expression distances). A slide without coordinates has no neighbours.
 */
final class TargetNeighbours {
    private static final int[] NONE = new int[0];
    private static final float[] NO_WEIGHTS = new float[0];

    /** Per slide; null for a slide without coordinates. */
    private final SpotGraph[] graphs;
    /** Per slide: the row of its first spot. */
    private final int[] offsets;

    private TargetNeighbours(SpotGraph[] graphs, int[] offsets) {
        this.graphs = graphs;
        this.offsets = offsets;
    }

    /** One slide whose rows are the graph's spots. */
    static TargetNeighbours of(SpotGraph graph) {
        return new TargetNeighbours(new SpotGraph[]{graph}, new int[]{0});
    }

    /** The graphs of these slides, with {@code inputs} the concatenated target rows (network inputs, for the edge weights). */
    static TargetNeighbours of(List<TargetSlide> slides, float[][] inputs) {
        List<SpotGraph> graphs = new ArrayList<>();
        int[] offsets = new int[slides.size()];
        for (int s = 0; s < slides.size(); s++) {
            TargetSlide slide = slides.get(s);
            offsets[s] = slide.offset();
            float[][] rows = slides.size() == 1 ? inputs : Arrays.copyOfRange(inputs, slide.offset(), slide.offset() + slide.spots());
            graphs.add(slide.xy() == null ? null : SpotGraph.of(slide.xy(), rows));
        }
        return new TargetNeighbours(graphs.toArray(new SpotGraph[0]), offsets);
    }

    /** Index of the slide that holds target row {@code row}. */
    int slideOf(int row) {
        int at = Arrays.binarySearch(offsets, row);
        // a slide of 0 spots shares its offset with the next: take the last slide starting there
        if (at >= 0) {
            while (at + 1 < offsets.length && offsets[at + 1] == row) at++;
            return at;
        }
        return -at - 2;
    }

    /** The neighbours of target row {@code row}, as target rows of the same slide. */
    int[] neighbours(int row) {
        int s = slideOf(row);
        if (graphs[s] == null) return NONE;
        int[] local = graphs[s].neighbours(row - offsets[s]);
        if (offsets[s] == 0) return local;
        int[] shifted = new int[local.length];
        for (int e = 0; e < local.length; e++) shifted[e] = local[e] + offsets[s];
        return shifted;
    }

    /** Weights of {@link #neighbours(int)}, in the same order. */
    float[] weights(int row) {
        int s = slideOf(row);
        return graphs[s] == null ? NO_WEIGHTS : graphs[s].weights(row - offsets[s]);
    }
}
