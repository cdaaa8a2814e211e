package org.stdeconv.io;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stdeconv.InputDataException;
import org.stdeconv.cli.Main;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class ConvertCommandTest {
    @TempDir
    Path dir;

    @Test
    void csvWithTruthBecomesAnH5adThatAnndataReads() throws Exception {
        Path counts = Files.writeString(dir.resolve("pseudo.csv"), "\"\",\"1x2\",\"3x4\",\"5x6\"\n\"Arc\",1,0,3\n\"Olig1\",0,2,7\n");
        Path ratio = Files.writeString(dir.resolve("ratio.csv"), "\"Neurons\",\"Oligos\"\n0.5,0.5\n0,1\n0.25,0.75\n");
        Path out = dir.resolve("sub/pseudo.h5ad");
        assertEquals(0, Main.execute("convert", counts.toString(), out.toString(), "--truth", ratio.toString(), "--require-coordinates"));
        JsonNode a = PythonHelper.json(PythonHelper.run(dir, "dump_h5ad.py", out.toString()));
        assertEquals("[3,2]", a.get("shape").toString());
        assertEquals("[[1.0,0.0],[0.0,2.0],[3.0,7.0]]", a.get("X").toString());
        assertEquals("[0.5,0.0,0.25]", a.get("obs").get("true_Neurons").get("numeric").toString());
        assertEquals("[0.5,1.0,0.75]", a.get("obs").get("true_Oligos").get("numeric").toString());
        assertEquals("[[1.0,2.0],[3.0,4.0],[5.0,6.0]]", a.get("spatial").toString());
    }

    @Test
    void rowsEndingInASeparatorAreReadAsWrittenNotShiftedByAColumn() throws Exception {
        // "0x0,Cancer," (some spreadsheet exports) was taken for R's row-name layout: the region column came out empty
        // and the ids landed in a column named after the id header
        Path counts = Files.writeString(dir.resolve("c.csv"), ",1x2,3x4,5x6\nArc,1,0,3,\nOlig1,0,2,7,\n");
        Path ratio = Files.writeString(dir.resolve("ratio.csv"), "spot,Neurons,Oligos\n1x2,0.5,0.5,\n3x4,0,1,\n5x6,0.25,0.75,\n");
        Path regions = Files.writeString(dir.resolve("regions.csv"), "barcode,region\n1x2,Cancer,\n3x4,Stroma,\n5x6,Cancer,\n");
        Path out = dir.resolve("o.h5ad");
        assertEquals(0, Main.execute("convert", counts.toString(), out.toString(), "--truth", ratio.toString(), "--obs", regions.toString()));
        JsonNode a = PythonHelper.json(PythonHelper.run(dir, "dump_h5ad.py", out.toString()));
        assertEquals("[[1.0,0.0],[0.0,2.0],[3.0,7.0]]", a.get("X").toString());
        assertEquals("[\"Cancer\",\"Stroma\",\"Cancer\"]", a.get("obs").get("region").get("text").toString());
        assertEquals("[0.5,0.0,0.25]", a.get("obs").get("true_Neurons").get("numeric").toString());
        Path uneven = Files.writeString(dir.resolve("uneven.csv"), ",1x2,3x4\nArc,1,0,\nOlig1,0,2,5\n");
        Run r = convert(uneven.toString(), dir.resolve("u.h5ad").toString());
        assertEquals(3, r.code(), r.err());
        assertTrue(r.err().contains(uneven + ": line 3: the first data row ends with a separator after its last column but this one does not"), r.err());
    }

    @Test
    void unknownFormatValueIsAUsageError() throws Exception {
        Path counts = Files.writeString(dir.resolve("c.csv"), ",1x2\nA,1\n");
        assertEquals(2, Main.execute("convert", counts.toString(), dir.resolve("o.h5ad").toString(), "--format", "parquet"));
        assertFalse(Files.exists(dir.resolve("o.h5ad")));
    }

    @Test
    void aMissingSideTableNamesItsOptionBeforeTheRead() throws Exception {
        Path counts = Files.writeString(dir.resolve("c.csv"), ",1x2\nA,1\n");
        for (String option : new String[] {"--truth", "--obs"}) {
            Run r = convert(counts.toString(), dir.resolve("o.h5ad").toString(), option, dir.resolve("nosuch.csv").toString());
            assertEquals(3, r.code(), r.err());
            assertTrue(r.err().contains("nosuch.csv: " + option + ": table not found"), r.err());
            assertFalse(Files.exists(dir.resolve("o.h5ad")));
        }
    }

    @Test
    void truthWhoseRowsDoNotSumToOneIsRefusedBeforeAnythingIsWritten() throws Exception {
        // train and evaluate refuse such columns when they read them back; convert stored them with exit 0
        Path counts = Files.writeString(dir.resolve("pseudo.csv"), "\"\",\"1x2\",\"3x4\"\n\"Arc\",1,0\n\"Olig1\",0,2\n");
        Path ratio = Files.writeString(dir.resolve("ratio.csv"), "\"Neurons\",\"Oligos\"\n1,1\n0,0\n");
        Path out = dir.resolve("o.h5ad");
        InputDataException e = assertThrows(InputDataException.class, () -> ExpressionReaders.read(counts, ReadOptions.defaults().withTruthTable(ratio)));
        assertEquals(ratio + ": 2 of 2 spots have true proportions that do not sum to 1 (e.g. 1x2 sums to 2.000, 3x4 sums to 0.000); "
                + "give fractions that sum to 1 per spot (divide counts by the spot's total), over every cell type", e.getMessage());
        assertEquals(3, Main.execute("convert", counts.toString(), out.toString(), "--truth", ratio.toString()));
        assertFalse(Files.exists(out));
    }

    @Test
    void varNamesTakesTheGenesFromAVarColumnAsScanpyDoes() throws Exception {
        // cellxgene's references: Ensembl ids in the var index, the symbols a slide uses in var/feature_name
        Path in = dir.resolve("cellxgene.h5ad");
        PythonHelper.run(dir, "write_cellxgene_like.py", in.toString());
        Path out = dir.resolve("symbols.h5ad");
        assertEquals(0, Main.execute("convert", in.toString(), out.toString(), "--var-names", "feature_name"));
        JsonNode a = PythonHelper.json(PythonHelper.run(dir, "dump_h5ad.py", out.toString()));
        assertEquals("[\"GAPDH\",\"ACTB\",\"SOX2\",\"OR4F16\",\"OR4F16-1\"]", a.get("var_names").toString());
        for (int row = 0; row < 3; row++) {
            assertArrayEquals(ExpressionReaders.read(in).counts().denseRow(row), ExpressionReaders.read(out).counts().denseRow(row));
        }
        assertEquals("[\"T cell\",\"B cell\",\"T cell\"]", a.get("obs").get("cell_type").get("text").toString());
    }

    @Test
    void aVarColumnThatCannotNameTheGenesIsOneLineAndNoOutput() throws Exception {
        Path in = dir.resolve("cellxgene.h5ad");
        PythonHelper.run(dir, "write_cellxgene_like.py", in.toString());
        Path csv = Files.writeString(dir.resolve("c.csv"), ",1x2\nA,1\n");
        String[][] cases = {
                {in.toString(), "nosuch", in + ": var/nosuch: no column 'nosuch'; var's text columns: feature_name, partial_name; give one of var's text columns"},
                {in.toString(), "feature_length", in + ": var/feature_length: column 'feature_length' holds numbers, not gene names;"},
                {in.toString(), "partial_name", in + ": var/partial_name: 1 of 5 genes have no value; pick a var column that names every gene"},
                {csv.toString(), "feature_name", csv + ": a var column (feature_name) can name the genes of an .h5ad only, this input is csv;"}};
        for (String[] c : cases) {
            Path out = dir.resolve("o.h5ad");
            Run r = convert(c[0], out.toString(), "--var-names", c[1]);
            assertEquals(3, r.code(), r.err());
            assertTrue(r.err().strip().startsWith("stdeconv convert: error: " + c[2]), r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertFalse(Files.exists(out));
        }
    }

    private record Run(int code, String err) {
    }

    /** stdeconv convert with these arguments: its exit code and what it printed on stderr. */
    private static Run convert(String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "convert";
        System.arraycopy(args, 0, command, 1, args.length);
        int[] code = new int[1];
        String err = org.stdeconv.testing.StandardError.during(() -> code[0] = Main.execute(command));
        return new Run(code[0], err);
    }
}
