package org.stdeconv;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a path that should be a regular file is instead (missing, a folder, or a device or pipe such as /dev/null),
 * said as what it is rather than "not found" for a path that exists. The one wording for configs, tables and data
 * files alike.
 */
public final class NotARegularFile {
    private NotARegularFile() {
    }

    /** @param noun what the path should have been ("file", "config file", "table") */
    public static String what(Path path, String noun) {
        if (Files.isDirectory(path)) return "a folder, not a " + noun;
        if (Files.exists(path)) return "not a regular file (a device or pipe?)";
        return noun + " not found";
    }
}
