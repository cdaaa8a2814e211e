package org.stdeconv.workflow;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.stdeconv.testing.Prerequisites;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * -profile test,slurm on a real single-node SLURM (Debian slurm-wlm) that this test starts with .ci/slurm-up.sh
 * and stops with .ci/slurm-down.sh: every task must run as a SLURM job and complete.
 */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlurmPipelineIT {
    private static final Pattern JOBCOMP = Pattern.compile("JobId=(\\d+) .*? Name=(\\S+) JobState=(\\S+)");
    private Path root;
    private Path slurmBase;
    private final Map<String, String> env = new HashMap<>();
    private boolean started;

    @BeforeAll
    void startSlurm() throws Exception {
        root = Prerequisites.projectRoot();
        Prerequisites.require(SystemCommand.isRoot(), "root (to start SLURM daemons)");
        Prerequisites.require(Prerequisites.onPath("slurmctld") && Prerequisites.onPath("munged") && Prerequisites.onPath("bc"),
                "Debian slurm-wlm, munge and bc (apt-get install slurm-wlm munge bc)");
        Prerequisites.require(Files.isRegularFile(root.resolve("target/stdeconv.jar")), "target/stdeconv.jar (mvn package)");
        slurmBase = Path.of("/tmp/stdeconv-slurm");
        env.put("SLURM_BASE", slurmBase.toString());
        env.put("SLURM_CONF", slurmBase.resolve("etc/slurm.conf").toString());
        started = true;
        System.out.println(SystemCommand.runOk(root, env, Duration.ofMinutes(5), root.resolve(".ci/slurm-up.sh").toString()));
    }

    @AfterAll
    void stopSlurm() {
        if (started) System.out.println(SystemCommand.runOk(root, env, Duration.ofMinutes(2), root.resolve(".ci/slurm-down.sh").toString()));
    }

    @Test
    void everyTaskRunsAsACompletedSlurmJob() throws Exception {
        Path dir = Workspace.fresh("it-pipeline-slurm");
        Path jobcomp = slurmBase.resolve("log/jobcomp.txt");
        List<String> before = Files.exists(jobcomp) ? Files.readAllLines(jobcomp) : List.of();
        // poll SLURM every 2 s instead of the profile's cluster-friendly 15 s / 1 min
        Path fastPoll = dir.resolve("fast-poll.config");
        Files.writeString(fastPoll, "executor { pollInterval = '2 sec'; queueStatInterval = '2 sec'; submitRateLimit = '50/1s' }\n");
        NextflowRun run = new NextflowRun(dir, "-profile", "test,slurm", "--queue", "debug", "-c", fastPoll.toString());
        env.forEach(run::env);
        run.run(Duration.ofMinutes(25)).assertSucceeded();
        PipelineOutputs.assertComplete(run.outdir());

        List<Map<String, String>> trace = PipelineOutputs.latestTrace(run.outdir());
        assertEquals(9, trace.size(), "tasks: " + trace);
        List<String> after = Files.readAllLines(jobcomp);
        Map<String, String[]> jobs = new HashMap<>();
        for (String line : after.subList(before.size(), after.size())) {
            Matcher m = JOBCOMP.matcher(line);
            if (m.find()) jobs.put(m.group(1), new String[]{m.group(2), m.group(3)});
        }
        for (Map<String, String> task : trace) {
            String id = task.get("native_id");
            assertTrue(id != null && id.matches("\\d+"), "task has a SLURM job id: " + task);
            String[] job = jobs.get(id);
            assertTrue(job != null, "job " + id + " of " + task.get("name") + " is in the job completion log " + jobcomp + ": " + jobs.keySet());
            assertTrue(job[0].startsWith("nf-"), "a Nextflow job name: " + job[0]);
            assertEquals("COMPLETED", job[1], "SLURM state of " + task.get("name"));
        }
    }
}
