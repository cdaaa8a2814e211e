package org.stdeconv.step;

import org.apache.commons.io.FileUtils;
import org.stdeconv.ConfigException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32;

import static org.stdeconv.step.OutputStage.OLD;
import static org.stdeconv.step.OutputStage.STAGING;

/**
 * What a killed run of an {@link OutputStage} leaves beside its output: staging folders, and the previous result set
 * aside ({@code .stdeconv-old-R~NAME}), each named after its output by {@link #tag}. The next run of the same output
 * clears them before it stages anything. (A run ended by SIGTERM removes its own staging: only SIGKILL leaves any.)
 */
final class OutputLeftovers {
    private OutputLeftovers() {
    }

    /**
     * Removes staging folders that a killed run of this output left, and a replaced folder it did not get to delete;
     * a replaced folder whose successor never arrived is the last complete result and is put back.
     */
    static void clear(Path destination, boolean singleFile) throws IOException {
        String name = destination.getFileName().toString();
        List<Path> leftovers = new ArrayList<>();
        try (Stream<Path> s = Files.list(destination.getParent())) {
            s.filter(p -> isLeftoverOf(p.getFileName().toString(), name)).sorted().forEach(leftovers::add);
        }
        for (Path p : leftovers) {
            boolean replaced = p.getFileName().toString().startsWith(OLD);
            if (replaced && !Files.exists(destination, LinkOption.NOFOLLOW_LINKS)) {
                putBack(p, destination, singleFile);
                continue;
            }
            try {
                FileUtils.deleteDirectory(p.toFile());
            } catch (IOException e) {
                throw new ConfigException(p, null, "a killed or failed earlier run of this output left this folder, and it cannot be removed ("
                        + firstLine(e) + ")", "remove it (as its owner), or give another output");
            }
        }
    }

    private static String firstLine(IOException e) {
        // commons-io lists every file it could not delete; the first one says enough
        Throwable t = e instanceof org.apache.commons.io.IOExceptionList list && list.getCause(0) != null ? list.getCause(0) : e;
        String first = String.valueOf(t.getMessage()).lines().findFirst().orElse("").replaceFirst("^IOException #\\d+: ", "");
        return t instanceof AccessDeniedException ? "permission denied" : first;
    }

    /** A replaced output whose successor never arrived: the folder itself, or a file output's files set aside. */
    private static void putBack(Path replaced, Path destination, boolean singleFile) throws IOException {
        if (!singleFile) {
            OutputStage.move(replaced, destination);
            return;
        }
        try (Stream<Path> s = Files.list(replaced)) {
            for (Path f : s.sorted().toList()) OutputStage.move(f, destination.resolveSibling(f.getFileName().toString()));
        }
        FileUtils.deleteDirectory(replaced.toFile());
    }

    /** Whether {@code entry} is staging or a replaced folder of the output {@code name} (".stdeconv-old-R~NAME"). */
    static boolean isLeftoverOf(String entry, String name) {
        String tag = tag(name);
        for (String prefix : new String[]{STAGING, OLD}) {
            if (entry.startsWith(prefix) && entry.endsWith("~" + tag) && entry.indexOf('~') == entry.length() - tag.length() - 1) return true;
        }
        return false;
    }

    /** Bytes a file name may have (NAME_MAX of Linux and macOS file systems), and what our prefix takes of them. */
    static final int NAME_MAX = 255, PREFIX_MAX = STAGING.length() + 13 + 1;

    /**
     * How a staging or replaced folder names its output: the output's name, or, where prefix and name would pass
     * {@link #NAME_MAX} bytes (a legal output name of 224 bytes or more), its start and a checksum of the whole.
     */
    static String tag(String name) {
        int budget = NAME_MAX - PREFIX_MAX;
        if (name.getBytes(StandardCharsets.UTF_8).length <= budget) return name;
        CRC32 crc = new CRC32();
        crc.update(name.getBytes(StandardCharsets.UTF_8));
        String sum = "#" + Long.toHexString(crc.getValue());
        StringBuilder start = new StringBuilder();
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            String next = new String(Character.toChars(cp));
            if ((start + next + sum).getBytes(StandardCharsets.UTF_8).length > budget) break;
            start.append(next);
            i += Character.charCount(cp);
        }
        return start + sum;
    }
}
