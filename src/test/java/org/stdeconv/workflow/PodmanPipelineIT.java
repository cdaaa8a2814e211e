package org.stdeconv.workflow;

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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * -profile test,podman: every task runs in the stdeconv image built here by containers/build-podman.sh (built when
 * podman does not have it, as on a fresh CI machine, or has one of another build: its label names the jar's SHA-256).
 */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PodmanPipelineIT {
    static final String IMAGE = "localhost/stdeconv:0.1.0";
    private Path root;
    private final Map<String, String> env = new HashMap<>();

    @BeforeAll
    void imageExists() {
        root = Prerequisites.projectRoot();
        Prerequisites.require(SystemCommand.isRoot(), "root (podman with the CI storage config)");
        Prerequisites.require(Prerequisites.onPath("podman") && Prerequisites.onPath("runc"), "podman and runc (apt-get install podman runc debootstrap)");
        Prerequisites.require(Files.isRegularFile(root.resolve("target/stdeconv.jar")), "target/stdeconv.jar (mvn package)");
        env.put("CONTAINERS_CONF", root.resolve(".ci/podman/containers.conf").toString());
        env.put("CONTAINERS_STORAGE_CONF", root.resolve(".ci/podman/storage.conf").toString());
        // an image of another build (left by an earlier run in the same storage) would run stale code: rebuild it
        String jarSha = sha256(root.resolve("target/stdeconv.jar"));
        SystemCommand.Result label = SystemCommand.run(root, env, Duration.ofMinutes(1), "podman", "image", "inspect", "--format",
                "{{ index .Labels \"org.stdeconv.jar-sha256\" }}", IMAGE);
        if (label.exitCode() != 0 || !label.output().strip().equals(jarSha)) {
            Prerequisites.require(Prerequisites.onPath("debootstrap"), "debootstrap (to build the image)");
            System.out.println(SystemCommand.runOk(root, env, Duration.ofMinutes(20), root.resolve("containers/build-podman.sh").toString(), IMAGE));
        }
    }

    private static String sha256(Path file) {
        try (java.io.InputStream in = Files.newInputStream(file)) {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
            return java.util.HexFormat.of().formatHex(md.digest());
        } catch (Exception e) {
            throw new IllegalStateException(file.toString(), e);
        }
    }

    @Test
    void everyTaskRunsInTheImage() throws Exception {
        Path dir = Workspace.fresh("it-pipeline-podman");
        NextflowRun run = new NextflowRun(dir, "-profile", "test,podman", "--container_image", IMAGE);
        env.forEach(run::env);
        run.run(Duration.ofMinutes(25)).assertSucceeded();
        PipelineOutputs.assertComplete(run.outdir());
        List<Map<String, String>> trace = PipelineOutputs.latestTrace(run.outdir());
        assertEquals(9, trace.size());
        for (Map<String, String> task : trace) {
            assertEquals(IMAGE, task.get("container"), "container of " + task.get("name"));
            String wrapper = Files.readString(Path.of(task.get("workdir")).resolve(".command.run"));
            assertTrue(wrapper.contains("podman run") && wrapper.contains(IMAGE), "task wrapper starts it with podman: " + task.get("workdir"));
        }
        // tasks find the PyTorch natives in the image (unpacked at build time) instead of unpacking 430 MB each
        String natives = SystemCommand.runOk(root, env, Duration.ofMinutes(2), "podman", "run", "--rm", "--network=none", IMAGE,
                "sh", "-c", "find \"$DJL_CACHE_DIR\" -name 'libtorch*.so*' | head -n 3");
        assertTrue(natives.contains("libtorch"), "the image's DJL_CACHE_DIR holds the natives: " + natives);
    }
}
