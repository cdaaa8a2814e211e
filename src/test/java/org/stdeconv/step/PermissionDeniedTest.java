package org.stdeconv.step;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stdeconv.cli.Main;
import org.stdeconv.testing.Prerequisites;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Folders the user may not read, list or write, met by a child JVM that the file system's permissions bind: root
 * without the capabilities that let it pass them (setpriv drops CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH and CAP_FOWNER),
 * so the test works where CI runs it, as root. Each case is one line and exit 2 or 3, before any output is touched.
 */
class PermissionDeniedTest {
    private static final String[] DEMO = {"--grid", "4", "--genes", "160", "--cells-per-type", "12"};

    @TempDir
    Path dir;

    @BeforeEach
    void needsRootAndSetpriv() {
        Prerequisites.require("root".equals(System.getProperty("user.name")) && Prerequisites.onPath("setpriv"),
                "root and setpriv (util-linux), to run a child process bound by file permissions");
    }

    @Test
    void anOutputFolderWhoseFilesCannotBeDeletedIsRefusedUpFrontAndKept() throws Exception {
        // it was set aside, the new result put in place, and the old one left hidden beside it: every later run then failed
        assertEquals(0, Main.execute(demoData("data")));
        List<String> before = listing(dir.resolve("data"));
        Files.setPosixFilePermissions(dir.resolve("data"), PosixFilePermissions.fromString("r-xr-xr-x"));
        Child c = unprivileged(demoData("data"));
        assertEquals(2, c.code, c.err);
        assertEquals(dir.resolve("data") + ": the existing output cannot be replaced: no permission to delete the files in " + dir.resolve("data")
                + "; remove that folder (as its owner) or give another output", c.errorLine());
        assertEquals(before, listing(dir.resolve("data")));
        assertEquals(List.of("data"), listing(dir));
        Files.setPosixFilePermissions(dir.resolve("data"), PosixFilePermissions.fromString("rwxr-xr-x"));
        assertEquals(0, unprivileged(demoData("data")).code);
    }

    @Test
    void anOutputInAFolderThatCannotBeListedIsOneLine() throws Exception {
        Path drop = Files.createDirectory(dir.resolve("drop"));
        Files.setPosixFilePermissions(drop, PosixFilePermissions.fromString("-wx-wx-wx"));
        Child c = unprivileged(demoData("drop/data"));
        assertEquals(2, c.code, c.err);
        assertTrue(c.errorLine().startsWith(drop + ": permission denied: an output's folder must be readable and writable"), c.err);
        Files.setPosixFilePermissions(drop, PosixFilePermissions.fromString("rwx------"));
        assertEquals(List.of(), listing(drop));
    }

    @Test
    void aLeftoverThatCannotBeRemovedIsNamed() throws Exception {
        assertEquals(0, Main.execute(demoData("data")));
        Path leftover = Files.createDirectory(dir.resolve(OutputStage.STAGING + "k1ll3d~data"));
        Files.writeString(leftover.resolve("part.h5ad"), "half");
        Files.setPosixFilePermissions(leftover, PosixFilePermissions.fromString("r-xr-xr-x"));
        Child c = unprivileged(demoData("data"));
        assertEquals(2, c.code, c.err);
        assertEquals(leftover + ": a killed or failed earlier run of this output left this folder, and it cannot be removed (Cannot delete file: " + leftover.resolve("part.h5ad") + ");"
                + " remove it (as its owner), or give another output", c.errorLine());
        Files.setPosixFilePermissions(leftover, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void aMatrixInAFolderThatCannotBeListedSaysWhyItsNameListsAreMissing() throws Exception {
        Path d = Files.createDirectory(dir.resolve("d"));
        // a prefixed set (sp_counts.mtx + sp_genes.tsv ...) is found by listing the folder; counts.mtx + genes.tsv would not need it
        Files.writeString(d.resolve("sp_counts.mtx"), "%%MatrixMarket matrix coordinate integer general\n3 2 2\n1 1 5\n3 2 7\n");
        Files.writeString(d.resolve("sp_genes.tsv"), "G1\nG2\nG3\n");
        Files.writeString(d.resolve("sp_barcodes.tsv"), "0x0\n1x0\n");
        Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("-wx--x--x"));
        Child c = unprivileged(new String[]{"inspect", d.resolve("sp_counts.mtx").toString()});
        assertEquals(3, c.code, c.err);
        assertTrue(c.errorLine().startsWith(d + ": cannot list the folder (permission denied)"), c.err);
        Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwx------"));
    }

    private String[] demoData(String out) {
        List<String> a = new ArrayList<>(List.of("demo-data", "--out", dir.resolve(out).toString()));
        a.addAll(List.of(DEMO));
        return a.toArray(String[]::new);
    }

    private static List<String> listing(Path folder) throws Exception {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private record Child(int code, String err) {
        /** The one line the contract allows: stderr without the log lines, "stdeconv STEP: error: " taken off. */
        String errorLine() {
            List<String> lines = err.lines().filter(l -> !l.startsWith("[")).toList();
            assertEquals(1, lines.size(), err);
            return lines.get(0).replaceFirst("^stdeconv [a-z-]+: error: ", "");
        }
    }

    private Child unprivileged(String[] args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("setpriv", "--bounding-set", "-dac_override,-dac_read_search,-fowner",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-XX:-UsePerfData", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        Path err = Files.createTempFile("stderr", ".txt");
        try {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start();
            assertTrue(p.waitFor(2, TimeUnit.MINUTES));
            return new Child(p.exitValue(), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.delete(err);
        }
    }
}
