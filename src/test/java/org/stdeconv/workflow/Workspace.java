package org.stdeconv.workflow;

import org.stdeconv.testing.Prerequisites;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Launch folders of the pipeline tests, under target/ so that `mvn clean` removes them and a failed run can be read. */
final class Workspace {
    private Workspace() {
    }

    /** target/NAME, emptied. */
    static Path fresh(String name) throws IOException {
        Path dir = Prerequisites.projectRoot().resolve("target").resolve(name);
        if (Files.exists(dir)) {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
            }
        }
        return Files.createDirectories(dir);
    }
}
