package org.stdeconv.testing;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Tests that need something outside the repository (the real data in ../shared/data, Debian's anndata, SLURM,
 * podman, Chromium) call these. On a developer machine without it the test is skipped with the reason shown; in
 * CI ({@code STDECONV_REQUIRE_ALL=1}, set by .ci/run) a missing prerequisite fails the test instead, so that CI
 * can never pass by skipping.
 */
public final class Prerequisites {
    private Prerequisites() {
    }

    public static boolean strict() {
        return "1".equals(System.getenv("STDECONV_REQUIRE_ALL"));
    }

    /** Skips (locally) or fails (CI) unless {@code present}. */
    public static void require(boolean present, String what) {
        if (strict()) Assertions.assertTrue(present, "CI requires " + what + " but it is missing");
        else Assumptions.assumeTrue(present, "skipped: " + what + " is not available here");
    }

    /** The repository root (where pom.xml is). */
    public static Path projectRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("pom.xml"))) p = p.getParent();
        if (p == null) throw new IllegalStateException("no pom.xml above " + Path.of("").toAbsolutePath());
        return p;
    }

    /** A file under the shared real data ({@code STDECONV_SHARED_DATA} or ../shared/data beside the checkout). */
    public static Path sharedData(String relative) {
        String env = System.getenv("STDECONV_SHARED_DATA");
        Path base = env != null && !env.isBlank() ? Path.of(env) : projectRoot().resolveSibling("shared").resolve("data");
        Path p = base.resolve(relative);
        require(Files.exists(p), "real data " + p);
        return p;
    }

    /** Debian's python3 with anndata (the real AnnData client to check our files against). */
    public static Path pythonWithAnndata() {
        Path py = Path.of("/usr/bin/python3");
        boolean ok = false;
        if (Files.isExecutable(py)) {
            try {
                Process p = new ProcessBuilder(py.toString(), "-c", "import anndata").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                ok = p.waitFor() == 0;
            } catch (Exception e) {
                ok = false;
            }
        }
        require(ok, "Debian python3-anndata (apt-get install python3-anndata)");
        return py;
    }

    public static boolean onPath(String command) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) if (Files.isExecutable(Path.of(dir, command))) return true;
        return false;
    }
}
