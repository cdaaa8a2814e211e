package org.stdeconv.workflow;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.stdeconv.testing.Prerequisites;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pipeline with -profile test on the local executor: a complete run, the same run resumed (all cached, same
 * bytes), and a run whose Nextflow JVM is killed with SIGKILL during TRAIN and then resumed.
 */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalPipelineIT {
    private static final Duration LIMIT = Duration.ofMinutes(20);
    private static final int TASKS = 9; // DEMO_DATA, QC, SIMULATE, TRAIN, 2 x INFER (2 chunks), MERGE, EVALUATE, SUMMARY
    private Path base;
    private NextflowRun first;
    private Map<String, String> firstResults;

    @BeforeAll
    void cleanLaunchFolders() throws Exception {
        Prerequisites.require(Files.isRegularFile(Prerequisites.projectRoot().resolve("target/stdeconv.jar")), "target/stdeconv.jar (mvn package)");
        base = Workspace.fresh("it-pipeline-local");
    }

    @Test
    @Order(1)
    void testProfileRunsEveryStepAndPublishesValidOutputs() {
        first = new NextflowRun(base.resolve("undisturbed"), "-profile", "test").run(LIMIT).assertSucceeded();
        PipelineOutputs.assertComplete(first.outdir());
        List<String> submitted = first.tasks("Submitted");
        assertEquals(TASKS, submitted.size(), "tasks submitted: " + submitted);
        assertEquals(2, submitted.stream().filter(t -> t.startsWith("STDECONV:INFER")).count(), "the demo slide is inferred in 2 chunks: " + submitted);
        List<Map<String, String>> trace = PipelineOutputs.latestTrace(first.outdir());
        assertEquals(TASKS, trace.size());
        trace.forEach(row -> assertEquals("COMPLETED", row.get("status"), "trace: " + row));
        // fast passes a batch's two shards at once: TRAIN asks for 2 cpus where --threads (1 in the test profile) asks for fewer
        trace.forEach(row -> assertEquals(row.get("process").endsWith(":TRAIN") ? "2" : "1", row.get("cpus"), "cpus: " + row));
        firstResults = PipelineOutputs.fingerprint(first.outdir(), false);
    }

    @Test
    @Order(2)
    void resumedRunTakesEveryTaskFromTheCacheAndRepublishesTheSameBytes() {
        assertTrue(firstResults != null, "needs the undisturbed run");
        // a new run (not -resume) would publish among the earlier run's results and leave a mix of the two
        NextflowRun fresh = new NextflowRun(first.launchDir(), "-profile", "test").run(LIMIT);
        assertEquals(1, fresh.exitCode(), fresh.output());
        assertTrue(fresh.output().contains("holds the results of an earlier run (model/, simulate/, pipeline_info/)"), fresh.output());
        assertEquals(List.of(), fresh.tasks("Submitted"), "nothing runs");
        assertEquals(firstResults, PipelineOutputs.fingerprint(first.outdir(), false), "and nothing of the earlier results changed");
        NextflowRun again = new NextflowRun(first.launchDir(), "-profile", "test", "-resume").run(LIMIT).assertSucceeded();
        assertEquals(List.of(), again.tasks("Submitted"), "nothing re-runs on -resume");
        assertEquals(TASKS, again.tasks("Cached").size(), "every task is reported cached: " + again.tasks("Cached"));
        PipelineOutputs.latestTrace(again.outdir()).forEach(row -> assertEquals("CACHED", row.get("status"), "trace: " + row));
        assertEquals(firstResults, PipelineOutputs.fingerprint(again.outdir(), false));
    }

    @Test
    @Order(3)
    void killedDuringTrainResumesWithFinishedTasksCachedAndTheSameResults() throws Exception {
        assertTrue(firstResults != null, "needs the undisturbed run to compare with");
        Path dir = base.resolve("interrupted"); // as long a name as "undisturbed": see PipelineOutputs.fingerprint
        CountDownLatch trainSubmitted = new CountDownLatch(1);
        NextflowRun killed = new NextflowRun(dir, "-profile", "test")
                .start(line -> { if (line.contains("Submitted process > STDECONV:TRAIN")) trainSubmitted.countDown(); });
        assertTrue(trainSubmitted.await(LIMIT.toSeconds(), TimeUnit.SECONDS), "TRAIN never started:\n" + killed.tail(40));
        Path trainWork = killed.workDirOf("STDECONV:TRAIN");
        // kill while the training JVM really runs: its task has begun and not finished
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!Files.exists(trainWork.resolve(".command.begin")) && System.nanoTime() < deadline) Thread.sleep(100);
        assertTrue(Files.exists(trainWork.resolve(".command.begin")), "TRAIN task began");
        Thread.sleep(1500);
        assertTrue(killed.process().isAlive(), "Nextflow still running when killed:\n" + killed.tail(40));
        killed.killTree();
        assertFalse(Files.exists(trainWork.resolve(".exitcode")), "TRAIN had not finished when Nextflow was killed");
        assertEquals(137, killed.exitCode(), "SIGKILL");

        NextflowRun resumed = new NextflowRun(dir, "-profile", "test", "-resume").run(LIMIT).assertSucceeded();
        List<String> cached = resumed.tasks("Cached");
        for (String done : List.of("DEMO_DATA", "STDECONV:QC", "STDECONV:SIMULATE")) {
            assertTrue(cached.stream().anyMatch(t -> t.startsWith(done + " ")), done + " finished before the kill and is cached: " + cached);
        }
        assertTrue(resumed.tasks("Submitted").stream().anyMatch(t -> t.startsWith("STDECONV:TRAIN ")), "the interrupted TRAIN runs again");
        assertEquals(TASKS, cached.size() + resumed.tasks("Submitted").size());
        PipelineOutputs.assertComplete(resumed.outdir());
        assertEquals(PipelineOutputs.fingerprint(first.outdir(), true), PipelineOutputs.fingerprint(resumed.outdir(), true),
                "results after kill + resume equal the undisturbed run's");
    }

    @Test
    @Order(4)
    void badSamplesheetStopsBeforeAnyTaskWithOneLinePerProblem() throws Exception {
        Path dir = base.resolve("invalid");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("reference.h5ad"), "not used");
        Files.writeString(dir.resolve("a.h5ad"), "not used");
        // an input where the pipeline publishes (a previous run's QC'd slide) would be overwritten by this run
        Path published = Files.writeString(Files.createDirectories(dir.resolve("results/C/qc")).resolve("slide.h5ad"), "not used");
        // a Space Ranger matrix under another name than its own, with spatial/ beside it: a task given the file alone would lose the positions
        Files.createDirectories(dir.resolve("vis/spatial"));
        Files.write(dir.resolve("vis/sample.h5"), new byte[]{(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n', 0});
        // a folder as truth, and one slide in two rows (TRAIN then refused it naming its own `target` key)
        Files.writeString(dir.resolve("d.h5ad"), "not used");
        Files.writeString(dir.resolve("sheet.csv"), "sample,slide,truth\nA,a.h5ad,\nA,b.h5ad\nbad name,a.h5ad,t.h5ad\nmodel,a.h5ad,\nC,results/C/qc/slide.h5ad,\nV,vis/sample.h5,\nD,d.h5ad,vis\n");
        // step configs whose keys the steps do not have would fail only when their task starts: another step's YAML, a
        // misspelt nested key, a --STEP_set key
        Path simulateYaml = Files.writeString(dir.resolve("train.yaml"), "reference: r.h5ad\nn_spots: 500\n");
        Path misspelt = Files.writeString(dir.resolve("evaluate.yaml"), "markers:\n  per_typ: 5\n");
        // a previous run's effective config reused from the results: this run's publish overwrote it
        Path reused = Files.writeString(dir.resolve("results/C/qc/qc.config.yaml"), "min_shared_genes: 10\n");
        NextflowRun run = new NextflowRun(dir, "--input", dir.resolve("sheet.csv").toString(), "--reference",
                dir.resolve("reference.h5ad").toString(), "--infer_chunk_spots", "0", "--train_presett", "fast", "--publish_dir_mode", "copies",
                "--train-preset", "paper", "--train_config", simulateYaml.toString(), "--evaluate_config", misspelt.toString(), "--qc_config", reused.toString(),
                "--simulate_set", "n_spot=5 seed=2").run(Duration.ofMinutes(5));
        assertEquals(1, run.exitCode(), run.output());
        String out = run.output();
        assertTrue(out.contains("sheet.csv: line 3: sample: 'A' already used on line 2"), out);
        assertTrue(out.contains("sheet.csv: line 3: slide: file not found: " + dir.resolve("b.h5ad")), out);
        assertTrue(out.contains("sheet.csv: line 4: sample: 'bad name' does not match"), out);
        assertTrue(out.contains("sheet.csv: line 4: truth: file not found: " + dir.resolve("t.h5ad")), out);
        assertTrue(out.contains("sheet.csv: line 5: slide: the same slide as line 2; list each slide once"), out);
        assertTrue(out.contains("sheet.csv: line 8: truth: " + dir.resolve("vis") + " is a folder"), out);
        // checks that come from nextflow_schema.json: minimum, enum, unknown names
        assertTrue(out.contains("--infer_chunk_spots: '0' is not a positive whole number"), out);
        assertTrue(out.contains("--train_presett: unknown parameter"), out);
        assertTrue(out.contains("--publish_dir_mode: 'copies' is not one of"), out);
        // a sample named like the pipeline's own folders, an input inside --outdir, a spelling Nextflow keeps apart
        assertTrue(out.contains("sheet.csv: sample 'model': the pipeline writes its own 'model' folder in --outdir"), out);
        assertTrue(out.contains("sample 'C' slide: " + published + " lies inside --outdir"), out);
        assertTrue(out.contains("--qc_config: " + reused + " lies inside --outdir"), out);
        assertTrue(out.contains("--train-preset: write it --train_preset"), out);
        assertTrue(out.contains("sheet.csv: line 7: slide: sample.h5 has its tissue positions in " + dir.resolve("vis") + "/spatial/"), out);
        // "nothing was run" leaves no trace file of the run in --outdir (results/ here, which holds the sheet's input C)
        assertFalse(Files.exists(dir.resolve("results/pipeline_info")), "the refused run's header-only trace is removed");
        assertTrue(Files.exists(published), "and nothing else of --outdir");
        assertTrue(out.contains("--train_config: " + simulateYaml + ": train has no key 'reference', 'n_spots'; it looks like the simulate step's config"), out);
        assertTrue(out.contains("--evaluate_config: " + misspelt + ": evaluate has no key 'markers.per_typ' (did you mean 'markers.per_type'?)"), out);
        assertTrue(out.contains("--simulate_set: simulate has no key 'n_spot' (did you mean 'n_spots'?)"), out);
        assertEquals(List.of(), run.tasks("Submitted"), "nothing runs");
        try (var tasks = Files.list(Files.createDirectories(dir.resolve("work")))) {
            assertEquals(List.of(), tasks.toList(), "no task folder was made");
        }
    }

    @Test
    @Order(4)
    void aSpreadsheetsSheetIsReadAndWrongKindsAreNamedBeforeAnyTask() throws Exception {
        Path dir = Files.createDirectories(base.resolve("kinds"));
        Files.writeString(dir.resolve("a.h5ad"), "not used");
        Files.writeString(dir.resolve("b.rds"), "not used");
        // a byte-order mark (Excel's "CSV UTF-8"), a comment above the header and unused columns saved as trailing commas
        Files.writeString(dir.resolve("sheet.csv"), "\uFEFF# slides of study X\nsample,slide,,\nA,a.h5ad,,\nB,b.rds,,\na,a.h5ad\n");
        Files.writeString(dir.resolve("reference.rds"), "not used");
        NextflowRun run = new NextflowRun(dir, "--input", dir.resolve("sheet.csv").toString(), "--reference", dir.resolve("reference.rds").toString(),
                "--max_memory", "8GBs", "--train_set", "epochs 50").run(Duration.ofMinutes(5));
        assertEquals(1, run.exitCode(), run.output());
        String out = run.output();
        assertFalse(out.contains("header"), out);
        assertTrue(out.contains("sheet.csv: line 4: slide: b.rds is not a kind stdeconv reads"), out);
        assertTrue(out.contains("sheet.csv: line 5: sample: 'a' differs from 'A' (line 3) in case only"), out);
        assertFalse(out.contains("sheet.csv: line 3:"), out);
        assertTrue(out.contains("--reference: reference.rds is not a kind stdeconv reads"), out);
        assertTrue(out.contains("--max_memory: '8GBs' does not match"), "the pipeline's check, not Nextflow's config parser: " + out);
        assertTrue(out.contains("--train_set: 'epochs 50' does not match"), out);
        assertEquals(List.of(), run.tasks("Submitted"), "nothing runs");
        // an empty reference, a reference folder of nothing stdeconv reads, an --outdir that is a file
        Path empty = Files.writeString(dir.resolve("empty.h5ad"), "");
        Path outFile = Files.writeString(dir.resolve("results.txt"), "not a folder");
        Files.writeString(Files.createDirectories(dir.resolve("notes")).resolve("readme.txt"), "no matrix here");
        run = new NextflowRun(dir, "--input", dir.resolve("sheet.csv").toString(), "--reference", empty.toString(), "--outdir", outFile.toString()).run(Duration.ofMinutes(5));
        assertEquals(1, run.exitCode(), run.output());
        assertTrue(run.output().contains("--reference: " + empty + " is empty"), run.output());
        assertTrue(run.output().contains("--outdir: " + outFile + " is a file"), "the pipeline's line, not Nextflow's 'Not a directory': " + run.output());
        // a refused run removes the trace folders it made, and only those: the user's own empty --outdir stays
        Path mine = Files.createDirectories(dir.resolve("mine"));
        run = new NextflowRun(dir, "--input", dir.resolve("sheet.csv").toString(), "--reference", dir.resolve("a.h5ad").toString(), "--outdir", mine.toString()).run(Duration.ofMinutes(5));
        assertEquals(1, run.exitCode(), run.output());
        assertTrue(Files.isDirectory(mine), "a folder the user made before the run stays");
        assertFalse(Files.exists(mine.resolve("pipeline_info")), "the trace folder the refused run made goes");
        // results written into an input's folder (a folder reference or slide) would touch the input
        run = new NextflowRun(dir, "--input", dir.resolve("sheet.csv").toString(), "--reference", dir.resolve("notes").toString(), "--outdir", "notes/res").run(Duration.ofMinutes(5));
        assertTrue(run.output().contains("--outdir: notes/res lies inside the folder of --reference (" + dir.resolve("notes") + ")"), run.output());
        assertEquals(List.of("readme.txt"), Files.list(dir.resolve("notes")).map(p -> p.getFileName().toString()).toList());
        // a batch executor whose client is not here: every task failed with a Java IOException (Nextflow submits from here)
        run = new NextflowRun(dir, "-profile", "test", "-process.executor=lsf").run(Duration.ofMinutes(5));
        assertEquals(1, run.exitCode(), run.output());
        assertTrue(run.output().contains("executor lsf (-profile lsf): 'bsub' is not on this machine's PATH"), run.output());
        assertEquals(List.of(), run.tasks("Submitted"), "nothing runs");
        // results published into Nextflow's work directory (scratch) go with its clean-up
        run = new NextflowRun(dir, "--input", dir.resolve("sheet.csv").toString(), "--reference", dir.resolve("a.h5ad").toString(), "--outdir", "work/res").run(Duration.ofMinutes(5));
        assertEquals(1, run.exitCode(), run.output());
        assertTrue(run.output().contains("--outdir: work/res lies inside Nextflow's work directory (" + dir.resolve("work") + ")"), run.output());
        // an --outdir through a missing folder and '..': the tasks would run and Nextflow fail at the end, results partial
        run = new NextflowRun(dir, "--input", dir.resolve("sheet.csv").toString(), "--reference", dir.resolve("notes").toString(),
                "--outdir", "nowhere/../res").run(Duration.ofMinutes(5));
        assertTrue(run.output().contains("--reference: " + dir.resolve("notes") + " is a folder of neither Space Ranger output nor a MatrixMarket set"), run.output());
        assertTrue(run.output().contains("--outdir: nowhere/../res goes up ('..') out of " + dir.resolve("nowhere") + ", which does not exist; give res instead"), run.output());
        assertEquals(List.of(), run.tasks("Submitted"), "nothing runs");
        // a params file's "false" in quotes (text, which Groovy takes for true) and a sheet saved as TSV: one line each
        Files.writeString(dir.resolve("tabs.csv"), "sample\tslide\nA\ta.h5ad\n");
        Path paramsFile = Files.writeString(dir.resolve("params.json"), "{\"demo\": \"false\"}");
        run = new NextflowRun(dir, "-params-file", paramsFile.toString(), "--input", dir.resolve("sheet.csv").toString(), "--reference", dir.resolve("a.h5ad").toString()).run(Duration.ofMinutes(5));
        assertEquals(1, run.exitCode(), run.output());
        assertTrue(run.output().contains("--demo: 'false' is text (in quotes); write false without quotes"), run.output());
        assertFalse(run.output().contains("not used with --demo"), run.output());
        assertEquals(List.of(), run.tasks("Submitted"), "nothing runs");
        run = new NextflowRun(dir, "--input", dir.resolve("tabs.csv").toString(), "--reference", dir.resolve("a.h5ad").toString()).run(Duration.ofMinutes(5));
        assertEquals(1, run.exitCode(), run.output());
        assertTrue(run.output().contains("tabs.csv: its columns are separated by TABs; a samplesheet is comma-separated (CSV)"), run.output());
        assertFalse(run.output().contains("unknown column"), run.output());
        assertEquals(List.of(), run.tasks("Submitted"), "nothing runs");
        // a sheet in a folder with a space and named .CSV (Excel) but saved in Latin-1: was Java's bare "Input length = 1"
        Path latin1 = Files.write(Files.createDirectories(dir.resolve("my sheets")).resolve("slides.CSV"),
                "sample,slide\nA,caf\u00e9/a.h5ad\n".getBytes(StandardCharsets.ISO_8859_1));
        run = new NextflowRun(dir, "--input", latin1.toString(), "--reference", dir.resolve("a.h5ad").toString()).run(Duration.ofMinutes(5));
        assertEquals(1, run.exitCode(), run.output());
        assertFalse(run.output().contains("--input:"), "a folder with a space and .CSV are a samplesheet's name: " + run.output());
        assertTrue(run.output().contains(latin1 + ": not UTF-8 text"), run.output());
        assertEquals(List.of(), run.tasks("Submitted"), "nothing runs");
        // a column named twice (the last one silently won); an --outdir that cannot be made (Nextflow's bare "Not a directory")
        Path twice = Files.writeString(dir.resolve("twice.csv"), "sample,slide,slide\nA,a.h5ad,b.rds\n");
        run = new NextflowRun(dir, "--input", twice.toString(), "--reference", dir.resolve("a.h5ad").toString(),
                "--outdir", outFile.resolve("res").toString(), "--outdri", "x", "--infer_chunk_spots", "99999999999").run(Duration.ofMinutes(5));
        assertEquals(1, run.exitCode(), run.output());
        assertTrue(run.output().contains(twice + ": header: column 'slide' appears 2 times"), run.output());
        assertTrue(run.output().contains("--outdir: " + outFile.resolve("res") + " cannot be made: " + outFile + " is a file"), run.output());
        // a typo named with the parameter meant; a number the steps cannot read was "not a positive whole number"
        assertTrue(run.output().contains("--outdri: unknown parameter; did you mean --outdir?"), run.output());
        assertTrue(run.output().contains("--infer_chunk_spots: '99999999999' is out of range; at most 2147483647"), run.output());
        assertEquals(List.of(), run.tasks("Submitted"), "nothing runs");
        // the demo makes its own data: a samplesheet beside it would be ignored, so it is refused
        run = new NextflowRun(dir, "-profile", "test", "--input", dir.resolve("sheet.csv").toString()).run(Duration.ofMinutes(5));
        assertEquals(1, run.exitCode(), run.output());
        assertTrue(run.output().contains("--input: not used with --demo"), run.output());
        assertEquals(List.of(), run.tasks("Submitted"), "nothing runs");
    }

    @Test
    @Order(4)
    void resumeAfterTheStdeconvBuildChangedRerunsEveryTask() {
        assertTrue(first != null, "needs the undisturbed run");
        // what a rebuilt checkout jar does to params.stdeconv_build (conf/modules.config), set by hand
        NextflowRun rebuilt = new NextflowRun(first.launchDir(), "-profile", "test", "-resume", "--stdeconv_build", "rebuilt-for-test")
                .run(LIMIT).assertSucceeded();
        assertEquals(List.of(), rebuilt.tasks("Cached"), "no result of the old build is reused");
        assertEquals(TASKS, rebuilt.tasks("Submitted").size(), "every task reruns: " + rebuilt.tasks("Submitted"));
    }
}
