package org.stdeconv.step;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stdeconv.ConfigException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** The stage replaces a folder as a whole, a file by one rename, and cleans up what a killed run left. */
class OutputStageTest {
    @TempDir
    Path dir;

    private List<String> list(Path p) throws Exception {
        try (Stream<Path> s = Files.list(p)) {
            return s.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aFolderIsReplacedAsAWholeSoNoFileOfTheEarlierRunStays() throws Exception {
        Path out = dir.resolve("out");
        try (OutputStage s = OutputStage.forDirectory(out, "step.config.yaml")) {
            Files.writeString(s.path("step.config.yaml"), "a");
            Files.writeString(s.path("annotated.h5ad"), "old run only");
            s.commit();
        }
        try (OutputStage s = OutputStage.forDirectory(out, "step.config.yaml")) {
            Files.writeString(s.path("step.config.yaml"), "b");
            assertEquals("a", Files.readString(out.resolve("step.config.yaml")), "the old result stays readable until commit");
            s.commit();
        }
        assertEquals(List.of("step.config.yaml"), list(out));
        assertEquals("b", Files.readString(out.resolve("step.config.yaml")));
        assertEquals(List.of("out"), list(dir), "no staging or replaced folder is left beside it");
    }

    @Test
    void aFailedRunLeavesThePreviousResultAndNoStaging() throws Exception {
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        Files.writeString(out.resolve("step.config.yaml"), "previous");
        try (OutputStage s = OutputStage.forDirectory(out, "step.config.yaml")) {
            Files.writeString(s.path("half.tsv"), "half");
        }
        assertEquals(List.of("step.config.yaml"), list(out));
        assertEquals(List.of("out"), list(dir));
    }

    @Test
    void stagingOfAKilledRunIsRemovedByTheNextRunOfTheSameOutputOnly() throws Exception {
        Path stale = Files.createDirectories(dir.resolve(".stdeconv-staging-abc~pseudo.h5ad"));
        Files.writeString(stale.resolve("pseudo.h5ad"), "464 MB of a killed simulate");
        Path other = Files.createDirectories(dir.resolve(".stdeconv-staging-abc~pseudo.h5ad.bak"));
        try (OutputStage s = OutputStage.forFile(dir.resolve("pseudo.h5ad"))) {
            Files.writeString(s.file(), "new");
            Files.writeString(s.beside("simulate.config.yaml"), "cfg");
            s.commit();
        }
        assertFalse(Files.exists(stale));
        assertTrue(Files.exists(other), "staging of another output is not touched");
        assertEquals(List.of(".stdeconv-staging-abc~pseudo.h5ad.bak", "pseudo.h5ad", "simulate.config.yaml"), list(dir));
    }

    @Test
    void aFolderRenamedAsideByAKilledCommitIsPutBackWhenItsSuccessorNeverArrived() throws Exception {
        Path aside = Files.createDirectories(dir.resolve(".stdeconv-old-x1~model"));
        Files.writeString(aside.resolve("train.config.yaml"), "the last complete model");
        Files.createDirectories(dir.resolve(".stdeconv-staging-x2~model"));
        try (OutputStage s = OutputStage.forDirectory(dir.resolve("model"), "train.config.yaml")) {
            assertEquals("the last complete model", Files.readString(dir.resolve("model/train.config.yaml")));
        }
        assertEquals(List.of("model"), list(dir));
    }

    @Test
    void aFileAndItsConfigAreReplacedAsAPairAndPutBackTogetherAfterAKilledCommit() throws Exception {
        Path out = dir.resolve("pseudo.h5ad");
        commitPair(out, "run 1", "seed: 1");
        commitPair(out, "run 2", "seed: 2");
        assertEquals("run 2", Files.readString(out));
        assertEquals("seed: 2", Files.readString(dir.resolve("simulate.config.yaml")));
        assertEquals(List.of("pseudo.h5ad", "simulate.config.yaml"), list(dir), "nothing set aside is left");
        // a run killed inside its commit: run 2's pair set aside, run 3's config already in place, its result not yet
        Path aside = Files.createDirectories(dir.resolve(".stdeconv-old-k1~pseudo.h5ad"));
        Files.move(out, aside.resolve("pseudo.h5ad"));
        Files.move(dir.resolve("simulate.config.yaml"), aside.resolve("simulate.config.yaml"));
        Files.writeString(dir.resolve("simulate.config.yaml"), "seed: 3");
        try (OutputStage next = OutputStage.forFile(out)) {
            assertEquals("run 2", Files.readString(out), "the next run of this output puts the last complete pair back");
            assertEquals("seed: 2", Files.readString(dir.resolve("simulate.config.yaml")), "with its own config, not the killed run's");
        }
        // killed after its result arrived: the set-aside pair is only removed
        Path done = Files.createDirectories(dir.resolve(".stdeconv-old-k2~pseudo.h5ad"));
        Files.writeString(done.resolve("pseudo.h5ad"), "run 1");
        try (OutputStage next = OutputStage.forFile(out)) {
            assertEquals("run 2", Files.readString(out));
        }
        assertEquals(List.of("pseudo.h5ad", "simulate.config.yaml"), list(dir));
    }

    @Test
    void anOutputGivenAsASymbolicLinkIsWrittenWhereTheLinkPointsAndTheLinkStays() throws Exception {
        // an output folder kept on another disk: the run emptied the link's target and replaced the link with a folder
        Path scratch = Files.createDirectories(dir.resolve("scratch"));
        Path work = Files.createDirectories(dir.resolve("work"));
        Path target = scratch.resolve("infer1"), link = work.resolve("infer");
        try (OutputStage s = OutputStage.forDirectory(target, "step.config.yaml")) {
            Files.writeString(s.path("step.config.yaml"), "a");
            Files.writeString(s.path("old.tsv"), "run 1 only");
            s.commit();
        }
        Files.createSymbolicLink(link, Path.of("../scratch/infer1"));
        try (OutputStage s = OutputStage.forDirectory(link, "step.config.yaml")) {
            Files.writeString(s.path("step.config.yaml"), "b");
            s.commit();
        }
        assertTrue(Files.isSymbolicLink(link), "the link is still a link");
        assertEquals(List.of("step.config.yaml"), list(target), "the target holds the new run's files");
        assertEquals("b", Files.readString(link.resolve("step.config.yaml")));
        assertEquals(List.of("infer"), list(work));
        assertEquals(List.of("infer1"), list(scratch), "nothing staged or set aside is left");

        // a file output (simulate's) through a link: its result and config are replaced beside the target
        Path file = scratch.resolve("pseudo.h5ad"), fileLink = work.resolve("pseudo.h5ad");
        commitPair(file, "run 1", "seed: 1");
        Files.createSymbolicLink(fileLink, file);
        commitPair(fileLink, "run 2", "seed: 2");
        assertTrue(Files.isSymbolicLink(fileLink));
        assertEquals("run 2", Files.readString(file));
        assertEquals("seed: 2", Files.readString(scratch.resolve("simulate.config.yaml")));

        // a link whose target does not exist yet (a folder made on first use)
        Path dangling = work.resolve("model");
        Files.createSymbolicLink(dangling, scratch.resolve("new/model"));
        try (OutputStage s = OutputStage.forDirectory(dangling, "step.config.yaml")) {
            Files.writeString(s.path("step.config.yaml"), "c");
            s.commit();
        }
        assertTrue(Files.isSymbolicLink(dangling));
        assertEquals("c", Files.readString(scratch.resolve("new/model/step.config.yaml")));
    }

    @Test
    void aSecondRunOfTheSameOutputIsRefusedWhileTheFirstWritesAndNoLockFileStays() throws Exception {
        // the second run took the first one's live staging for a killed run's and removed it; the first then died
        Path out = dir.resolve("out");
        try (OutputStage first = OutputStage.forDirectory(out, "step.config.yaml")) {
            Files.writeString(first.path("step.config.yaml"), "a");
            ConfigException e = assertThrows(ConfigException.class, () -> OutputStage.forDirectory(out, "step.config.yaml"));
            assertTrue(e.getMessage().startsWith(out + ": another stdeconv run is writing this output now"), e.getMessage());
            assertTrue(Files.exists(first.stagingFolder()), "the first run's staging is left alone");
            first.commit();
        }
        assertEquals(List.of("out"), list(dir), "no lock file stays beside the output");
        try (OutputStage next = OutputStage.forDirectory(out, "step.config.yaml")) {
            assertEquals("a", Files.readString(out.resolve("step.config.yaml")), "the next run may start");
        }
        // a lock file a killed run left is reused and removed
        Files.writeString(dir.resolve(".stdeconv-lock~out"), "");
        try (OutputStage next = OutputStage.forDirectory(out, "step.config.yaml")) {
            assertNotNull(next.stagingFolder());
        }
        assertEquals(List.of("out"), list(dir));
    }

    private static void commitPair(Path out, String result, String config) throws Exception {
        try (OutputStage s = OutputStage.forFile(out)) {
            Files.writeString(s.file(), result);
            Files.writeString(s.beside("simulate.config.yaml"), config);
            s.commit();
        }
    }

    @Test
    void aFolderOfSomethingElseIsRefusedNotDeleted() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Files.writeString(home.resolve("thesis.tex"), "years of work");
        ConfigException e = assertThrows(ConfigException.class, () -> OutputStage.forDirectory(home, "qc.config.yaml"));
        assertTrue(e.getMessage().contains("thesis.tex") && e.getMessage().contains("qc.config.yaml"), e.getMessage());
        assertEquals(List.of("thesis.tex"), list(home));
        assertEquals(List.of("home"), list(dir));
    }

    @Test
    void leftoverNamesMatchTheirOutputExactly() {
        assertTrue(OutputLeftovers.isLeftoverOf(".stdeconv-staging-1x~model", "model"));
        assertTrue(OutputLeftovers.isLeftoverOf(".stdeconv-old-1x~model", "model"));
        assertFalse(OutputLeftovers.isLeftoverOf(".stdeconv-staging-1x~model-2", "model"));
        assertFalse(OutputLeftovers.isLeftoverOf(".stdeconv-staging-1x~a~model", "model"));
        assertFalse(OutputLeftovers.isLeftoverOf("model", "model"));
    }

    @Test
    void anOutputWhoseNameLeavesNoRoomForThePrefixStagesUnderAShortenedTag() throws Exception {
        // 240 bytes is a legal name; the prefix (up to 32 bytes) would have made the staging name too long
        String name = "é".repeat(60) + "a".repeat(120);
        assertEquals(240, name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        String tag = OutputLeftovers.tag(name);
        assertTrue(tag.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + OutputLeftovers.PREFIX_MAX <= OutputLeftovers.NAME_MAX, tag);
        assertNotEquals(tag, OutputLeftovers.tag(name.substring(0, name.length() - 1) + "b"), "the checksum tells two long names apart");
        Path out = dir.resolve(name);
        Path stale = Files.createDirectories(dir.resolve(".stdeconv-staging-abc~" + tag));
        try (OutputStage s = OutputStage.forDirectory(out, "step.config.yaml")) {
            Files.writeString(s.path("step.config.yaml"), "new");
            s.commit();
        }
        assertFalse(Files.exists(stale), "a killed run's staging of the long name is removed by the next run");
        assertEquals(List.of(name), list(dir));
        assertEquals("short", OutputLeftovers.tag("short"));
    }
}
