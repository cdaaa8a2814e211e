package org.stdeconv.step;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stdeconv.cli.Main;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every step killed with SIGKILL in a child JVM, at several moments after its work began, over an earlier result of
 * the same output: the output is then the earlier result or the complete new one, never a mix or a partial file, and
 * a rerun gives the bytes of an undisturbed run and leaves no staging behind. (Recovery from each kind of leftover is
 * tested with planted leftovers in {@link OutputStageTest}; this test kills the real process.)
 */
class KilledStepTest {
    /**
     * When to kill, as fractions of the undisturbed run's time from opening its staging to exiting: at once, midway,
     * near the end (writing, committing) and about when it commits or just after.
     */
    private static final double[] KILL_AT = {0, 0.5, 0.9, 0.97, 1.05};

    @TempDir
    static Path dir;

    @BeforeAll
    static void inputs() throws Exception {
        run("demo-data", "--out", "data", "--genes", "300", "--grid", "12", "--seed", "3");
    }

    @Test
    void qc() throws Exception {
        check("qc", "qc", List.of("reference=data/reference.h5ad", "slide=data/slide.h5ad", "output_dir=qc", "genes.highly_variable=100"),
                List.of("reference=data/reference.h5ad", "slide=data/slide.h5ad", "output_dir=qc", "genes.highly_variable=150"));
    }

    @Test
    void simulate() throws Exception {
        check("simulate", "sim.h5ad", List.of("reference=data/reference.h5ad", "output=sim.h5ad", "n_spots=20000", "seed=1", "threads=1"),
                List.of("reference=data/reference.h5ad", "output=sim.h5ad", "n_spots=20000", "seed=2", "threads=1"));
    }

    @Test
    void trainInferAndEvaluate() throws Exception {
        run("simulate", "--set", "reference=data/reference.h5ad", "--set", "output=train.h5ad", "--set", "n_spots=1500", "--set", "threads=1");
        List<String> train = List.of("training_data=train.h5ad", "model_dir=model", "threads=1", "optimization.epochs=12", "optimization.min_steps=1");
        check("train", "model", with(train, "seed=1"), with(train, "seed=2"));

        List<String> infer = List.of("model_dir=model", "output_dir=infer", "threads=1");
        run("infer", "--set", "model_dir=model", "--set", "slide=data/reference.h5ad", "--set", "output_dir=other", "--set", "threads=1");
        check("infer", "infer", with(infer, "slide=data/slide.h5ad"), with(infer, "slide=data/reference.h5ad"));

        List<String> evaluate = List.of("truth=data/slide.h5ad", "output_dir=evaluate", "baseline=true");
        check("evaluate", "evaluate", with(evaluate, "predictions=infer/proportions.tsv", "reference=data/reference.h5ad"),
                with(evaluate, "predictions=infer/proportions.tsv", "baseline=false"));
    }

    @Test
    void aStepEndedBySigtermLeavesNothingBesideItsOutput() throws Exception {
        // SIGTERM is what scancel, a SLURM time limit, timeout and Nextflow send first; staging and lock stayed until a
        // rerun of that very output
        List<String> settings = List.of("reference=data/reference.h5ad", "output=term.h5ad", "n_spots=40000", "threads=1");
        runStep("simulate", with(settings, "seed=2"));
        Path out = dir.resolve("term.h5ad");
        Map<String, String> earlier = snapshot(out);
        Process p = start("simulate", with(settings, "seed=3"));
        assertTrue(awaitNewStaging(out, p, List.of()), "simulate opened its staging");
        p.destroy(); // SIGTERM on Linux: the JVM runs its shutdown hooks
        assertTrue(p.waitFor(2, TimeUnit.MINUTES));
        assertEquals(143, p.exitValue(), "ended by the signal, not after its work");
        assertEquals(earlier, snapshot(out), "the earlier result stays");
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(), s.map(f -> f.getFileName().toString()).filter(n -> n.startsWith(".stdeconv-")).toList(), "no staging, no lock");
        }
        // it said so, in one line, rather than ending without a word
        List<String> said = Files.readAllLines(dir.resolve("stderr.txt")).stream().filter(l -> l.startsWith("stdeconv:")).toList();
        assertEquals(List.of("stdeconv: stopped by a signal before " + out.toAbsolutePath().normalize() + " was complete; nothing was written there (the earlier result is as it was)"), said);
    }

    /**
     * Runs {@code step} undisturbed with {@code settings} (the reference bytes, and how long its work takes), then over
     * an earlier result made with {@code earlierSettings} kills it at each moment of {@link #KILL_AT}, and reruns it.
     */
    private static void check(String step, String output, List<String> settings, List<String> earlierSettings) throws Exception {
        Path out = dir.resolve(output);
        long workNanos = timedRun(step, settings, out);
        Map<String, String> fresh = snapshot(out);
        runStep(step, earlierSettings);
        Map<String, String> earlier = snapshot(out);
        assertTrue(!fresh.equals(earlier), step + ": the earlier result differs from the new one, so a mix would show");

        int midWork = 0;
        for (double at : KILL_AT) {
            List<String> before = stagingOf(out);
            Process p = start(step, settings);
            boolean opened = awaitNewStaging(out, p, before);
            if (opened) {
                TimeUnit.NANOSECONDS.sleep((long) (at * workNanos));
                p.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no finally
            }
            assertTrue(p.waitFor(2, TimeUnit.MINUTES), step + " ended");
            boolean killed = opened && p.exitValue() == 137;
            Map<String, String> now = snapshot(out);
            if (killed && now.equals(earlier)) midWork++;
            System.out.printf("%s: %s at %.2f of its %d ms of work: %s%n", step, killed ? "killed" : "not killed (ended first)", at,
                    workNanos / 1_000_000, now.equals(earlier) ? "earlier result" : now.equals(fresh) ? "new result" : "MIX");
            if (!now.equals(earlier) && !now.equals(fresh)) {
                fail(step + " killed at " + at + " of its work left " + out.getFileName() + " neither the earlier nor the new result: " + now.keySet()
                        + "\nearlier " + earlier.keySet() + "\nnew " + fresh.keySet());
            }
        }
        assertTrue(midWork > 0, step + ": at least one kill landed while the step worked");
        runStep(step, settings);
        assertEquals(fresh, snapshot(out), step + ": the rerun after the kills writes the bytes of an undisturbed run");
        assertEquals(List.of(), stagingOf(out), step + ": the rerun removed the staging the kills left");
    }

    /** Runs the step to its end and returns the time from its staging folder appearing to its exit. */
    private static long timedRun(String step, List<String> settings, Path out) throws Exception {
        Process p = start(step, settings);
        assertTrue(awaitNewStaging(out, p, stagingOf(out)), step + " opened its staging");
        long t0 = System.nanoTime();
        assertTrue(p.waitFor(3, TimeUnit.MINUTES), step + " ended");
        long nanos = System.nanoTime() - t0;
        assertEquals(0, p.exitValue(), step + " " + settings + ":\n" + Files.readString(dir.resolve("stderr.txt")));
        return nanos;
    }

    /** The staging and replaced folders of {@code out} lying beside it. */
    private static List<String> stagingOf(Path out) throws IOException {
        try (Stream<Path> s = Files.list(out.getParent())) {
            return s.map(p -> p.getFileName().toString()).filter(n -> OutputLeftovers.isLeftoverOf(n, out.getFileName().toString())).sorted().toList();
        }
    }

    /** Waits until the step opens a staging folder for {@code out} that is not in {@code before}; false when it ended first. */
    private static boolean awaitNewStaging(Path out, Process p, List<String> before) throws Exception {
        while (p.isAlive()) {
            for (String n : stagingOf(out)) if (n.startsWith(OutputStage.STAGING) && !before.contains(n)) return true;
            Thread.sleep(2);
        }
        return false;
    }

    private static List<String> with(List<String> settings, String... more) {
        List<String> all = new ArrayList<>(settings);
        all.addAll(List.of(more));
        return all;
    }

    /**
     * The output's files and their SHA-256: a folder's files recursively, or a single file with the files the step
     * writes beside it (its effective config).
     */
    private static Map<String, String> snapshot(Path out) throws IOException {
        Map<String, String> files = new TreeMap<>();
        if (Files.isDirectory(out)) {
            try (Stream<Path> s = Files.walk(out)) {
                for (Path f : s.filter(Files::isRegularFile).toList()) files.put(out.relativize(f).toString(), sha256(f));
            }
        } else if (Files.exists(out)) {
            files.put(out.getFileName().toString(), sha256(out));
            String name = out.getFileName().toString();
            Path config = out.resolveSibling(name.substring(0, name.indexOf('.')) + ".config.yaml");
            if (Files.exists(config)) files.put(config.getFileName().toString(), sha256(config));
        }
        return files;
    }

    private static String sha256(Path f) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
        } catch (Exception e) {
            throw new IllegalStateException(f.toString(), e);
        }
    }

    private static void runStep(String step, List<String> settings) throws Exception {
        Process p = start(step, settings);
        assertTrue(p.waitFor(3, TimeUnit.MINUTES), step + " ended");
        assertEquals(0, p.exitValue(), step + " " + settings + ":\n" + Files.readString(dir.resolve("stderr.txt")));
    }

    private static void run(String... args) throws Exception {
        Process p = start(List.of(args));
        assertTrue(p.waitFor(3, TimeUnit.MINUTES));
        assertEquals(0, p.exitValue(), String.join(" ", args) + ":\n" + Files.readString(dir.resolve("stderr.txt")));
    }

    private static Process start(String step, List<String> settings) {
        List<String> args = new ArrayList<>(List.of(step));
        for (String s : settings) args.addAll(List.of("--set", s));
        return start(args);
    }

    private static Process start(List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:-UsePerfData", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(args);
        try {
            return new ProcessBuilder(cmd).directory(dir.toFile()).redirectOutput(dir.resolve("stdout.txt").toFile())
                    .redirectError(dir.resolve("stderr.txt").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
