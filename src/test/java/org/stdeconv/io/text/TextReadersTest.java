package org.stdeconv.io.text;

import org.junit.jupiter.api.Test;
import org.stdeconv.InputDataException;
import org.junit.jupiter.api.io.TempDir;
import org.stdeconv.data.ExpressionData;
import org.stdeconv.io.ExpressionReaders;
import org.stdeconv.io.ReadOptions;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.*;

/** The CSV and MatrixMarket readers (10x MatrixMarket folders included) on small files written here, whose content is known cell by cell. */
class TextReadersTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.createDirectories(f.getParent());
        if (name.endsWith(".gz")) {
            try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(f))) {
                o.write(text.getBytes(StandardCharsets.UTF_8));
            }
        } else {
            Files.writeString(f, text);
        }
        return f;
    }

    private static void assertCounts(ExpressionData d, String obs, String gene, float want) {
        assertEquals(want, d.counts().get(d.obsNames().indexOf(obs), d.varNames().indexOf(gene)), obs + "/" + gene);
    }

    @Test
    void aFlippedByteInGzipDataIsReportedAsDamageNotAsTheGarbageItParsedInto() throws Exception {
        // stored (uncompressed) deflate blocks keep the text as it is, so one flipped byte near the start reaches the
        // parser as "2x", while the checksum that finds it is at the end of a stream longer than the read buffers
        StringBuilder table = new StringBuilder(",1x1,2x2\n"), mtx = new StringBuilder("%%MatrixMarket matrix coordinate integer general\n20000 2 20000\n");
        for (int i = 1; i <= 20000; i++) {
            table.append('G').append(i).append(",1,2\n");
            mtx.append(i).append(" 1 2\n");
        }
        for (String name : List.of("flipped.csv.gz", "matrix.mtx.gz")) {
            boolean isMtx = name.endsWith(".mtx.gz");
            Path f = dir.resolve(name);
            try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(f)) { { def.setLevel(java.util.zip.Deflater.NO_COMPRESSION); } }) {
                o.write((isMtx ? mtx : table).toString().getBytes(StandardCharsets.UTF_8));
            }
            byte[] bytes = Files.readAllBytes(f);
            String row = isMtx ? "\n3 1 2" : "\nG3,1,2";
            int at = new String(bytes, StandardCharsets.ISO_8859_1).indexOf(row) + row.length();
            assertEquals('\n', bytes[at], "the text is stored as it is");
            bytes[at] = 'x';
            Files.write(f, bytes);
            InputDataException e = assertThrows(InputDataException.class, () -> {
                if (isMtx) MatrixMarket.read(f, false);
                else CsvReader.read(f);
            });
            assertTrue(e.getMessage().startsWith(f + ": damaged or truncated gzip data ("), e.getMessage());
        }
        Path healthy = write("healthy.csv.gz", ",1x1,2x2\nG1,1,2\nG2,3,7x\n");
        InputDataException parse = assertThrows(InputDataException.class, () -> CsvReader.read(healthy));
        assertTrue(parse.getMessage().contains("is not a number"), "a healthy gzip keeps its parse error: " + parse.getMessage());
    }

    @Test
    void genesBySpotsCsvWithXySpotNamesAsRWritesIt() throws Exception {
        Path f = write("counts.csv.gz", "\"\",\"1x2\",\"3.5x4\",\"5x6\"\n\"Gapdh\",1,0,3\n\"Actb\",0,0,7\n");
        ExpressionData d = CsvReader.read(f);
        assertEquals(List.of("1x2", "3.5x4", "5x6"), d.obsNames());
        assertEquals(List.of("Gapdh", "Actb"), d.varNames());
        assertCounts(d, "1x2", "Gapdh", 1);
        assertCounts(d, "5x6", "Actb", 7);
        assertCounts(d, "3.5x4", "Actb", 0);
        assertArrayEquals(new double[]{3.5, 4}, d.spatial()[1]);
    }

    @Test
    void spotsByGenesTsvWithCoordinateColumnsAndNoHeaderOverRowNames() throws Exception {
        Path f = write("t.tsv", "x\ty\tGapdh\tActb\tSox2\ns1\t10\t20\t1\t2\t0\ns2\t11\t21\t0\t5\t9\n");
        ExpressionData d = CsvReader.read(f);
        assertEquals(List.of("s1", "s2"), d.obsNames());
        assertEquals(List.of("Gapdh", "Actb", "Sox2"), d.varNames());
        assertCounts(d, "s2", "Sox2", 9);
        assertCounts(d, "s1", "Actb", 2);
        assertArrayEquals(new double[]{11, 21}, d.spatial()[1]);
    }

    @Test
    void declaredOrientationOverridesTheGuess() throws Exception {
        Path f = write("t.csv", "id,a,b,c\nc1,1,2,3\nc2,4,5,6\n");
        ExpressionData spots = CsvReader.read(f, ReadOptions.defaults().withOrientation(ReadOptions.Orientation.SPOTS_BY_GENES));
        assertEquals(List.of("c1", "c2"), spots.obsNames());
        assertCounts(spots, "c2", "a", 4);
        ExpressionData genes = CsvReader.read(f, ReadOptions.defaults().withOrientation(ReadOptions.Orientation.GENES_BY_SPOTS));
        assertEquals(List.of("a", "b", "c"), genes.obsNames());
        assertCounts(genes, "a", "c2", 4);
    }

    @Test
    void truthJoinsByOrderOrById() throws Exception {
        Path counts = write("c.csv", ",1x1,2x2\nG1,1,2\nG2,3,4\n");
        Path byOrder = write("r.csv", "\"A\",\"B\"\n0.25,0.75\n1,0\n");
        ExpressionData d = CsvReader.readWithTruth(counts, byOrder);
        assertArrayEquals(new double[]{0.25, 1}, d.obs().numeric("true_A"));
        assertArrayEquals(new double[]{0.75, 0}, d.obs().numeric("true_B"));
        Path byId = write("r2.csv", ",A,B\n2x2,1,0\n1x1,0.25,0.75\n");
        ExpressionData e = CsvReader.readWithTruth(counts, byId);
        assertArrayEquals(new double[]{0.25, 1}, e.obs().numeric("true_A"));
    }

    @Test
    void truthWithANamedSpotColumnAsInfersProportionsIsKeyedById() throws Exception {
        Path counts = write("c.csv", ",1x1,2x2\nG1,1,2\nG2,3,4\n");
        Path named = write("r3.csv", "spot,A,B\n2x2,1,0\n1x1,0.25,0.75\n");
        ExpressionData d = CsvReader.readWithTruth(counts, named);
        assertArrayEquals(new double[]{0.25, 1}, d.obs().numeric("true_A"));
        assertArrayEquals(new double[]{0.75, 0}, d.obs().numeric("true_B"));
        assertNull(d.obs().numeric("true_spot"));
    }

    @Test
    void aCsvWrittenWithSemicolonsOrTabsIsReadByTheDelimiterItHas() throws Exception {
        for (String[] c : new String[][]{{"semi.csv", ";"}, {"tabs.csv", "\t"}, {"comma.tsv", ","}}) {
            String d = c[1];
            Path f = write(c[0], d + "1x1" + d + "2x2\nG1" + d + "1" + d + "2\nG2" + d + "3" + d + "4\n");
            ExpressionData e = CsvReader.read(f);
            assertEquals(List.of("1x1", "2x2"), e.obsNames(), c[0]);
            assertCounts(e, "2x2", "G2", 4);
        }
    }

    @Test
    void tenxMtxFolderUsesSymbolsKeepsGenesOnlyAndMakesDuplicatesUnique() throws Exception {
        write("m/features.tsv.gz", "E1\tGapdh\tGene Expression\nE2\tActb\tGene Expression\nE3\tGapdh\tGene Expression\nAB\tCD3\tAntibody Capture\n");
        write("m/barcodes.tsv.gz", "AAA-1\nCCC-1\n");
        write("m/matrix.mtx.gz", "%%MatrixMarket matrix coordinate integer general\n% comment\n4 2 5\n1 1 5\n3 1 2\n2 2 8\n4 2 99\n1 2 1\n");
        ExpressionData d = ExpressionReaders.read(dir.resolve("m"));
        assertEquals(List.of("Gapdh", "Actb", "Gapdh-1"), d.varNames());
        assertEquals(List.of("AAA-1", "CCC-1"), d.obsNames());
        assertCounts(d, "AAA-1", "Gapdh", 5);
        assertCounts(d, "AAA-1", "Gapdh-1", 2);
        assertCounts(d, "CCC-1", "Actb", 8);
        assertCounts(d, "CCC-1", "Gapdh", 1);
        assertEquals(16, d.counts().rowSum(0) + d.counts().rowSum(1));
    }

    @Test
    void anMtxFolderWithoutGeneExpressionFeaturesIsRefused() throws Exception {
        Path features = write("ab/features.tsv", "AB1\tCD3\tAntibody Capture\nAB2\tCD19\tAntibody Capture\n");
        write("ab/barcodes.tsv", "AAA-1\n");
        write("ab/matrix.mtx", "%%MatrixMarket matrix coordinate integer general\n2 1 1\n1 1 5\n");
        InputDataException e = assertThrows(InputDataException.class, () -> ExpressionReaders.read(dir.resolve("ab")));
        assertTrue(e.getMessage().startsWith(features + ": column 3 (feature type): no 'Gene Expression' features (feature types here: Antibody Capture)"), e.getMessage());
    }

    @Test
    void prefixedMtxSetJoinsItsSideTablesAndAcceptsTheTransposedLayout() throws Exception {
        write("p/st_genes.txt", "G1\nG2\nG3\n");
        write("p/st_barcodes.txt", "s1\ns2\n");
        // spots x genes (as scipy.io.mmwrite(adata.X) writes it), real values
        write("p/st_counts.mtx", "%%MatrixMarket matrix coordinate real general\n2 3 3\n1 3 2.5\n2 1 1e1\n2 2 4\n");
        write("p/st_location.csv", "\"\",\"x\",\"y\"\n\"s2\",5,6\n\"s1\",1,2\n");
        write("p/st_annotation.csv", "\"\",\"Region\",\"score\"\n\"s1\",\"Cancer\",0.5\n");
        write("p/other.csv", "not,a,side,table\n");
        ExpressionData d = ExpressionReaders.read(dir.resolve("p/st_counts.mtx"));
        assertEquals(List.of("s1", "s2"), d.obsNames());
        assertCounts(d, "s1", "G3", 2.5f);
        assertCounts(d, "s2", "G1", 10);
        assertArrayEquals(new double[][]{{1, 2}, {5, 6}}, d.spatial());
        assertArrayEquals(new String[]{"Cancer", ""}, d.obs().text("Region"));
        assertEquals(0.5, d.obs().numeric("score")[0]);
        assertTrue(Double.isNaN(d.obs().numeric("score")[1]));
        assertEquals(List.of("Region", "score"), List.copyOf(d.obs().names()));
    }
}
