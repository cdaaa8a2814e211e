package org.stdeconv.io.tenx;

import org.stdeconv.InputDataException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the matrix and the tissue positions of a Space Ranger slide are. A slide is a folder holding
 * {@code filtered_feature_bc_matrix.h5} and {@code spatial/}: a Visium {@code outs} folder (or the run folder above
 * it), or one Visium HD bin folder such as {@code binned_outputs/square_008um}; or the .h5 file itself. Visium HD
 * writes one slide per bin size, so its {@code outs} and {@code binned_outputs} folders are refused with the bin
 * folders to choose from, rather than guessing a size.
 */
public record SpaceRangerPaths(Path matrixH5, Path positions) {
    public static final String H5_NAME = "filtered_feature_bc_matrix.h5";
    /** In the order they are looked for: Visium HD writes parquet, Space Ranger 2+ CSV with header, 1.x the list. */
    public static final List<String> POSITION_FILES = List.of("tissue_positions.parquet", "tissue_positions.csv", "tissue_positions_list.csv");

    /** The .h5 matrix of a slide folder or file and its positions file (null when there is no spatial/ folder). */
    public static SpaceRangerPaths resolve(Path slide) {
        Path base;
        if (Files.isDirectory(slide)) {
            base = Files.isRegularFile(slide.resolve(H5_NAME)) ? slide : slide.resolve("outs");
            if (!Files.isRegularFile(base.resolve(H5_NAME))) {
                rejectUnchosenHdBins(slide);
                throw new InputDataException(slide, null, "no " + H5_NAME + " in this folder or its outs/", "give the 'outs' folder of spaceranger count, or a Visium HD bin folder");
            }
        } else {
            base = slide.toAbsolutePath().getParent();
        }
        Path matrix = Files.isDirectory(slide) ? base.resolve(H5_NAME) : slide;
        return new SpaceRangerPaths(matrix, positionsIn(base.resolve("spatial")));
    }

    /** The tissue positions file in a {@code spatial/} folder, or null. */
    public static Path positionsIn(Path spatial) {
        for (String name : POSITION_FILES) if (Files.isRegularFile(spatial.resolve(name))) return spatial.resolve(name);
        return null;
    }

    /** Whether {@code dir} holds an .h5 matrix (in itself or its outs/), the layout read a block of barcodes at a time. */
    public static boolean hasH5Matrix(Path dir) {
        return Files.isRegularFile(dir.resolve(H5_NAME)) || Files.isRegularFile(dir.resolve("outs").resolve(H5_NAME));
    }

    /**
     * Fails, listing the bin folders, when {@code dir} is a Visium HD {@code outs}, run or {@code binned_outputs}
     * folder: each bin size is its own slide and the user has to pick one. Returns quietly otherwise.
     */
    public static void rejectUnchosenHdBins(Path dir) {
        for (Path binned : List.of(dir, dir.resolve("binned_outputs"), dir.resolve("outs").resolve("binned_outputs"))) {
            List<String> bins = binFolders(binned);
            if (bins.isEmpty()) continue;
            String example = bins.contains("square_008um") ? "square_008um" : bins.get(0);
            throw new InputDataException(dir, null, "Visium HD output with one slide per bin size (" + String.join(", ", bins) + " in " + binned + ")",
                    "give one bin folder as the slide, e.g. " + binned.resolve(example) + (example.equals("square_008um") ? " (8 um, the size 10x recommends for analysis)" : ""));
        }
    }

    private static List<String> binFolders(Path binned) {
        if (!Files.isDirectory(binned)) return List.of();
        List<String> bins = new ArrayList<>();
        try (Stream<Path> s = Files.list(binned)) {
            s.filter(p -> p.getFileName().toString().matches("square_\\d+um") && Files.isRegularFile(p.resolve(H5_NAME)))
                    .map(p -> p.getFileName().toString()).sorted().forEach(bins::add);
        } catch (IOException e) {
            return List.of();
        }
        return bins;
    }
}
