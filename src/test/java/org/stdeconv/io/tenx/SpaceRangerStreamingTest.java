package org.stdeconv.io.tenx;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stdeconv.data.CsrMatrix;
import org.stdeconv.data.ExpressionData;
import org.stdeconv.io.ExpressionReaders;
import org.stdeconv.io.PythonHelper;
import org.stdeconv.io.SpotSource;
import org.stdeconv.io.SpotSources;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A Visium outs folder written by h5py the way 10x writes it (gzip-compressed chunked data, int64 indices, an
 * antibody feature, a duplicate gene symbol, CSV positions): streamed by infer's reader, it is the slide read whole.
 */
class SpaceRangerStreamingTest {
    @TempDir
    Path dir;

    @Test
    void h5pyWrittenOutsStreamsAsItReadsWhole() throws Exception {
        PythonHelper.run(dir, "write_spaceranger.py", dir.resolve("run/outs").toString(), "list");
        ExpressionData whole = ExpressionReaders.read(dir.resolve("run"));
        try (SpotSource s = SpotSources.open(dir.resolve("run"))) {
            assertInstanceOf(TenxRowSource.class, s);
            assertEquals(List.of("AAAC-1", "AAAC-2", "AAAC-3"), s.obsNames());
            assertEquals(List.of("Gapdh", "Actb", "Gapdh-1"), s.varNames());
            assertArrayEquals(whole.spatial(), s.spatial());
            assertArrayEquals(whole.obs().numeric("array_row"), s.obs().numeric("array_row"));
            CsrMatrix first = s.readRows(0, 1), rest = s.readRows(1, 2);
            for (int j = 0; j < 3; j++) {
                assertEquals(whole.counts().get(0, j), first.get(0, j));
                assertEquals(whole.counts().get(1, j), rest.get(0, j));
                assertEquals(whole.counts().get(2, j), rest.get(1, j));
            }
            assertEquals(300f, rest.get(1, 2), "barcode 3 holds 100 x 3 of the second Gapdh");
        }
    }
}
