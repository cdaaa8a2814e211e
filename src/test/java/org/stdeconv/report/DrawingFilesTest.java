package org.stdeconv.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.awt.Graphics2D;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A figure that cannot be written names its file and the reason, as an I/O failure the step reports in one line. */
class DrawingFilesTest {
    @TempDir
    Path dir;

    private static final Drawing SQUARE = new Drawing() {
        public int width() { return 40; }
        public int height() { return 30; }
        public void paint(Graphics2D g) {
            g.setColor(Color.RED);
            g.fillRect(5, 5, 20, 10);
        }
    };

    @Test
    void aFullDiskWhileWritingTheSvgIsAnIoFailureNamingTheSvg() throws Exception {
        // /dev/full answers every write with "No space left on device"; JFreeSVG's close wrapped that in a bare
        // RuntimeException, which the step reported as an internal error
        assumeTrue(Files.isWritable(Path.of("/dev/full")), "no /dev/full here");
        Path png = dir.resolve("map.png");
        Files.createSymbolicLink(dir.resolve("map.svg"), Path.of("/dev/full"));
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> DrawingFiles.write(SQUARE, png));
        assertTrue(e.getMessage().startsWith(dir.resolve("map.svg") + ": cannot write the figure (No space left on device"), e.getMessage());
        assertTrue(Files.size(png) > 0, "the PNG before it was written");
    }
}
