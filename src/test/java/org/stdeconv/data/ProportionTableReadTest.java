package org.stdeconv.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stdeconv.InputDataException;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.*;

/** Truth and prediction tables as users bring them: infer's TSV, CSV from pandas or R, gzipped. */
class ProportionTableReadTest {
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
        assertTable(ProportionTable.readTsv(Files.writeString(dir.resolve("t.tsv"), "spot\tA\tB\ns1\t0.25\t0.75\ns2\t1\t0\n")));
        assertTable(ProportionTable.readTsv(Files.writeString(dir.resolve("t.csv"), "spot,A,B\ns1,0.25,0.75\ns2,1,0\n")));
        assertTable(ProportionTable.readTsv(Files.writeString(dir.resolve("s.csv"), "spot;A;B\ns1;0.25;0.75\ns2;1;0\n")));
        assertTable(ProportionTable.readTsv(Files.writeString(dir.resolve("r.csv"), "\"\",\"A\",\"B\"\n\"s1\",0.25,0.75\n\"s2\",1,0\n")));
    }

    @Test
    void aGzippedTableIsDecompressedAndADamagedOneNamed() throws Exception {
        Path gz = dir.resolve("p.tsv.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) {
            o.write("spot\tA\tB\ns1\t0.25\t0.75\ns2\t1\t0\n".getBytes(StandardCharsets.UTF_8));
        }
        assertTable(ProportionTable.readTsv(gz));
        byte[] b = Files.readAllBytes(gz);
        Path cut = Files.write(dir.resolve("cut.tsv.gz"), Arrays.copyOf(b, b.length / 2));
        InputDataException e = assertThrows(InputDataException.class, () -> ProportionTable.readTsv(cut));
        assertTrue(e.getMessage().startsWith(cut + ": damaged or truncated gzip data"), e.getMessage());
        Path notGz = Files.writeString(dir.resolve("text.tsv.gz"), "spot\tA\tB\n");
        InputDataException n = assertThrows(InputDataException.class, () -> ProportionTable.readTsv(notGz));
        assertTrue(n.getMessage().startsWith(notGz + ": named .gz but not gzip data"), n.getMessage());
        // gzip bytes under a plain name: not text, said so instead of the decoder's "Input length = 1"
        Path plain = Files.write(dir.resolve("plain.tsv"), b);
        InputDataException p = assertThrows(InputDataException.class, () -> ProportionTable.readTsv(plain));
        assertTrue(p.getMessage().startsWith(plain + ": not UTF-8 text"), p.getMessage());
    }
}
