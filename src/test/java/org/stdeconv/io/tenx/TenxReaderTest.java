package org.stdeconv.io.tenx;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stdeconv.InputDataException;
import org.stdeconv.data.ExpressionData;
import org.stdeconv.io.ExpressionReaders;
import org.stdeconv.io.PythonHelper;
import org.stdeconv.io.ReadOptions;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Space Ranger output folders (written by the Python helper with h5py), read through the format detection. */
class TenxReaderTest {
    @TempDir
    Path dir;

    private static void assertCounts(ExpressionData d, String obs, String gene, float want) {
        assertEquals(want, d.counts().get(d.obsNames().indexOf(obs), d.varNames().indexOf(gene)), obs + "/" + gene);
    }

    @Test
    void aMatrixWithoutGeneExpressionFeaturesIsRefusedNamingTheFeatureTypes() throws Exception {
        // an antibody-only matrix (a CITE-seq side output) once gave "no genes; give a non-empty data set"
        Path h5 = VisiumHdFixture.writeMatrix(dir.resolve("abc"), List.of("AAA-1", "CCC-1"), List.of("CD3", "CD19"),
                List.of("Antibody Capture", "Antibody Capture"), new int[][]{{1, 2}, {3, 4}});
        InputDataException e = assertThrows(InputDataException.class, () -> ExpressionReaders.read(h5));
        assertEquals(h5 + ": /matrix/features/feature_type: no 'Gene Expression' features (feature types here: Antibody Capture); "
                + "give the gene expression matrix of the run; stdeconv reads only 'Gene Expression' features", e.getMessage());
        // the type is matched whatever its case
        Path lower = VisiumHdFixture.writeMatrix(dir.resolve("lower"), List.of("AAA-1", "CCC-1"), List.of("Gapdh", "CD19"),
                List.of("gene expression", "Antibody Capture"), new int[][]{{1, 2}, {3, 4}});
        assertEquals(List.of("Gapdh"), ExpressionReaders.read(lower).varNames());
    }

    @Test
    void countsStoredAsTextAreNamedByTheirDatasetWithoutAJavaClassName() throws Exception {
        Path h5 = VisiumHdFixture.writeMatrix(dir.resolve("text"), List.of("AAA-1", "CCC-1"), List.of("Gapdh", "Actb"),
                List.of("Gene Expression", "Gene Expression"), new int[][]{{1, 2}, {3, 4}}, true);
        InputDataException whole = assertThrows(InputDataException.class, () -> ExpressionReaders.read(h5));
        assertTrue(whole.getMessage().startsWith(h5 + ": matrix/data: holds String values, not numbers"), whole.getMessage());
        InputDataException streamed = assertThrows(InputDataException.class, () -> {
            try (var source = org.stdeconv.io.SpotSources.open(h5)) {
                source.readRows(0, 2);
            }
        });
        assertTrue(streamed.getMessage().startsWith(h5 + ": matrix/data: holds String values, not numbers"), streamed.getMessage());
        assertFalse(streamed.getMessage().contains("Exception"), streamed.getMessage());
    }

    @Test
    void spaceRangerFolderKeepsInTissueSpotsWithPixelOrArrayCoordinates() throws Exception {
        PythonHelper.run(dir, "write_spaceranger.py", dir.resolve("outs").toString());
        ExpressionData d = ExpressionReaders.read(dir.resolve("outs"));
        // barcode 4 is off tissue, barcode 5 has no position
        assertEquals(List.of("AAAC-1", "AAAC-2", "AAAC-3"), d.obsNames());
        assertEquals(List.of("Gapdh", "Actb", "Gapdh-1"), d.varNames());
        for (int b = 1; b <= 3; b++) {
            assertCounts(d, "AAAC-" + b, "Gapdh", b);
            assertCounts(d, "AAAC-" + b, "Actb", 10 * b);
            assertCounts(d, "AAAC-" + b, "Gapdh-1", 100 * b);
        }
        assertArrayEquals(new double[][]{{2000, 1000}, {2200, 1000}, {2100, 1100}}, d.spatial());
        assertArrayEquals(new double[]{0, 2, 1}, d.obs().numeric("array_col"));
        ExpressionData a = ExpressionReaders.read(dir.resolve("outs"), ReadOptions.defaults().withTenxCoordinates(ReadOptions.TenxCoordinates.ARRAY));
        assertArrayEquals(new double[][]{{0, 0}, {2, 0}, {1, 1}}, a.spatial());
    }

    @Test
    void aPositionsHeaderIsReadByNameSoReorderedColumnsKeepTheirMeaning() throws Exception {
        // in_tissue moved to the 4th column (a re-saved table) was read from array_col: spots dropped, wrong places
        PythonHelper.run(dir, "write_spaceranger.py", dir.resolve("outs").toString());
        Path csv = dir.resolve("outs/spatial/tissue_positions.csv");
        List<String> lines = java.nio.file.Files.readAllLines(csv);
        int[] order = {0, 2, 3, 1, 5, 4};
        List<String> moved = lines.stream().map(l -> {
            String[] f = l.split(",", -1);
            StringBuilder b = new StringBuilder(f[order[0]].toUpperCase(java.util.Locale.ROOT).equals("BARCODE") ? "Barcode" : f[order[0]]);
            for (int j = 1; j < order.length; j++) b.append(',').append(f[order[j]]);
            return b.toString();
        }).toList();
        java.nio.file.Files.write(csv, moved);
        ExpressionData d = ExpressionReaders.read(dir.resolve("outs"));
        assertEquals(List.of("AAAC-1", "AAAC-2", "AAAC-3"), d.obsNames());
        assertArrayEquals(new double[][]{{2000, 1000}, {2200, 1000}, {2100, 1100}}, d.spatial());
        // behind a UTF-8 byte order mark (Excel's) the header was not recognised ("'in_tissue' is not a number")
        java.nio.file.Files.writeString(csv, "\uFEFF" + String.join("\n", moved) + "\n");
        assertEquals(List.of("AAAC-1", "AAAC-2", "AAAC-3"), ExpressionReaders.read(dir.resolve("outs")).obsNames());
        // a barcode twice, or an in_tissue other than 0 and 1, is refused naming it (the last row won; 2 dropped the spot)
        java.nio.file.Files.write(csv, java.util.stream.Stream.concat(moved.stream(), java.util.stream.Stream.of(moved.get(1))).toList());
        InputDataException twice = assertThrows(InputDataException.class, () -> ExpressionReaders.read(dir.resolve("outs")));
        assertTrue(twice.getMessage().startsWith(csv + ": barcode: barcode AAAC-1 is listed twice"), twice.getMessage());
        java.nio.file.Files.write(csv, moved.stream().map(l -> l.startsWith("AAAC-2,") ? l.replaceFirst("^(AAAC-2,[^,]*,[^,]*,)1,", "$12,") : l).toList());
        InputDataException two = assertThrows(InputDataException.class, () -> ExpressionReaders.read(dir.resolve("outs")));
        assertTrue(two.getMessage().startsWith(csv + ": in_tissue: barcode AAAC-2 has in_tissue 2.0, not 0 or 1"), two.getMessage());
        // a header without one of the columns is refused, naming it
        java.nio.file.Files.write(csv, moved.stream().map(l -> l.substring(0, l.lastIndexOf(','))).toList());
        InputDataException e = assertThrows(InputDataException.class, () -> ExpressionReaders.read(dir.resolve("outs")));
        assertTrue(e.getMessage().startsWith(csv + ": line 1: the header has no column 'pxl_row_in_fullres'"), e.getMessage());
    }

    @Test
    void spaceRangerHeaderlessPositionListAndTheRunFolderAbove() throws Exception {
        PythonHelper.run(dir, "write_spaceranger.py", dir.resolve("run/outs").toString(), "list");
        ExpressionData d = ExpressionReaders.read(dir.resolve("run"));
        assertEquals(List.of("AAAC-1", "AAAC-2", "AAAC-3"), d.obsNames());
        assertArrayEquals(new double[]{2100, 1100}, d.spatial()[2]);
    }
}
