package org.stdeconv.config;

import org.stdeconv.ConfigException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An {@link InputPath} key that holds a list of paths (train's target: one slide or several). Each element is
 * resolved and checked like a single input path and reported under its own key, {@code target[2]}; a list of one
 * (which is also what a plain scalar binds to) keeps the plain key, so a one-slide config reads as it always did.
 */
public final class InputPathLists {
    private InputPathLists() {
    }

    /** The key of element {@code index} of a list of {@code size} paths under {@code key}. */
    public static String elementKey(String key, int size, int index) {
        return size == 1 ? key : key + "[" + index + "]";
    }

    /**
     * The elements resolved against {@code base}, each checked to exist; an empty element, or one naming the same
     * file as an earlier one (by real path, so a link or "a/../a" does not hide it), is refused: a slide listed twice
     * would silently count twice.
     */
    static List<String> resolve(List<?> paths, Path base, String source, String key) {
        List<String> out = new ArrayList<>();
        Map<Path, Integer> seen = new HashMap<>();
        for (int i = 0; i < paths.size(); i++) {
            String elementKey = elementKey(key, paths.size(), i);
            if (!(paths.get(i) instanceof String s) || s.isBlank()) {
                throw new ConfigException(source, elementKey, "empty path", "give a file path, or remove the entry");
            }
            Path p = ConfigPaths.resolvePath(base, s, true, source, elementKey);
            Integer earlier = seen.putIfAbsent(realPath(p), i);
            if (earlier != null) {
                throw new ConfigException(source, elementKey, "names the same file as " + key + "[" + earlier + "] (" + p + ")", "list each file once");
            }
            out.add(p.toString());
        }
        return out;
    }

    private static Path realPath(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath();
        }
    }

    /** The file names of the paths: what a config records inside a step's outputs (see {@link Configs#toPortableYaml}). */
    static List<String> fileNames(List<?> paths) {
        List<String> out = new ArrayList<>();
        for (Object o : paths) {
            Path name = Path.of(String.valueOf(o)).getFileName();
            out.add(name == null ? String.valueOf(o) : name.toString());
        }
        return out;
    }
}
