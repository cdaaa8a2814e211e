package org.stdeconv.io.text;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stdeconv.InputDataException;
import org.stdeconv.data.ProportionTable;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.*;

/** Truth and prediction tables as users bring them: infer's TSV, CSV from pandas or R, gzipped. */
class ProportionTableReaderTest {
    @TempDir
    Path dir;

    private static void assertTable(ProportionTable t) {
        assertEquals(List.of("s1", "s2"), t.spots());
        assertEquals(List.of("A", "B"), t.types());
        assertArrayEquals(new double[]{0.25, 0.75}, t.values()[0]);
        assertArrayEquals(new double[]{1, 0}, t.values()[1]);
    }

    @Test
    void commaSemicolonAndQuotedCsvAreReadByTheirHeader() throws Exception {
        assertTable(ProportionTableReader.read(Files.writeString(dir.resolve("t.tsv"), "spot\tA\tB\ns1\t0.25\t0.75\ns2\t1\t0\n")));
        assertTable(ProportionTableReader.read(Files.writeString(dir.resolve("t.csv"), "spot,A,B\ns1,0.25,0.75\ns2,1,0\n")));
        assertTable(ProportionTableReader.read(Files.writeString(dir.resolve("s.csv"), "spot;A;B\ns1;0.25;0.75\ns2;1;0\n")));
        assertTable(ProportionTableReader.read(Files.writeString(dir.resolve("r.csv"), "\"\",\"A\",\"B\"\n\"s1\",0.25,0.75\n\"s2\",1,0\n")));
    }

    @Test
    void aGzippedTableIsDecompressedAndADamagedOneNamed() throws Exception {
        Path gz = dir.resolve("p.tsv.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) {
            o.write("spot\tA\tB\ns1\t0.25\t0.75\ns2\t1\t0\n".getBytes(StandardCharsets.UTF_8));
        }
        assertTable(ProportionTableReader.read(gz));
        byte[] b = Files.readAllBytes(gz);
        Path cut = Files.write(dir.resolve("cut.tsv.gz"), Arrays.copyOf(b, b.length / 2));
        // the wording of DelimitedText, which reads every other table: the file named, the cause, what to do
        InputDataException e = assertThrows(InputDataException.class, () -> ProportionTableReader.read(cut));
        assertTrue(e.getMessage().startsWith(cut + ": damaged or truncated gzip data ("), e.getMessage());
        assertTrue(e.getMessage().contains("copy the file again"), e.getMessage());
        // without its 8-byte trailer the stream ends with no message of its own: said in words, not a Java class name
        Path noTrailer = Files.write(dir.resolve("short.tsv.gz"), Arrays.copyOf(b, b.length - 8));
        InputDataException t = assertThrows(InputDataException.class, () -> ProportionTableReader.read(noTrailer));
        assertEquals(noTrailer + ": damaged or truncated gzip data (it ends early); copy the file again or regenerate it", t.getMessage());
        Path notGz = Files.writeString(dir.resolve("text.tsv.gz"), "spot\tA\tB\n");
        InputDataException n = assertThrows(InputDataException.class, () -> ProportionTableReader.read(notGz));
        assertTrue(n.getMessage().startsWith(notGz + ": named .gz but not gzip data"), n.getMessage());
        // gzip bytes under a plain name: said so instead of the decoder's "Input length = 1"
        Path plain = Files.write(dir.resolve("plain.tsv"), b);
        InputDataException p = assertThrows(InputDataException.class, () -> ProportionTableReader.read(plain));
        assertTrue(p.getMessage().startsWith(plain + ": gzip-compressed data in a file not named .gz"), p.getMessage());
    }

    @Test
    void aBadCellIsNamedByItsLineAndColumn() throws Exception {
        // blank lines are skipped but counted, so the line is the one an editor shows
        Path t = Files.writeString(dir.resolve("bad.tsv"), "spot\tA\tB\ns1\t0.25\t0.75\n\ns2\tx\t0\n");
        InputDataException e = assertThrows(InputDataException.class, () -> ProportionTableReader.read(t));
        assertEquals(t + ": line 4, column A: not a finite number: 'x'; fix or regenerate the table", e.getMessage());
        Path ragged = Files.writeString(dir.resolve("ragged.csv"), "spot,A,B\ns1,0.25\n");
        InputDataException r = assertThrows(InputDataException.class, () -> ProportionTableReader.read(ragged));
        assertEquals(ragged + ": line 2: 2 fields, header has 3; the table is ragged or cut; regenerate it", r.getMessage());
        Path latin1 = Files.write(dir.resolve("latin1.tsv"), "spot\tA\ns1\t1\nb\u00e9\t1\n".getBytes(StandardCharsets.ISO_8859_1));
        InputDataException l = assertThrows(InputDataException.class, () -> ProportionTableReader.read(latin1));
        assertTrue(l.getMessage().startsWith(latin1 + ": line 3: not valid UTF-8 text"), l.getMessage());
    }

    @Test
    void nanCoordinatesAreASpotWithoutPlaceOnlyInAWrittenTable() throws Exception {
        // infer writes NaN x/y for a spot the slide gives no finite coordinates; elsewhere NaN is a broken cell
        Path t = Files.writeString(dir.resolve("proportions.tsv"), "spot\tx\ty\tA\tB\tdominant_type\tentropy\n"
                + "s1\t1\t2\t0.25\t0.75\tB\t0.56\ns2\tNaN\tNaN\t1\t0\tA\t0\n");
        ProportionTable written = ProportionTableReader.readWritten(t);
        assertEquals(List.of("A", "B"), written.types());
        assertArrayEquals(new double[]{1, 2}, written.xy()[0]);
        assertTrue(Double.isNaN(written.xy()[1][0]) && Double.isNaN(written.xy()[1][1]));
        InputDataException e = assertThrows(InputDataException.class, () -> ProportionTableReader.read(t));
        assertEquals(t + ": line 3, column x: not a finite number: 'NaN'; fix or regenerate the table", e.getMessage());
        // NA coordinates (a slide without any): a table without coordinates
        Path na = Files.writeString(dir.resolve("na.tsv"), "spot\tx\ty\tA\ns1\tNA\tNA\t1\n");
        assertNull(ProportionTableReader.read(na).xy());
    }
}
