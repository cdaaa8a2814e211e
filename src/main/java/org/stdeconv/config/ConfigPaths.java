package org.stdeconv.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.stdeconv.ConfigException;

import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/**
 * The walk over a bound config: every value checked ({@link BoundValues}), and the paths it declares (fields marked
 * {@link InputPath} or {@link OutputPath}, in nested sections too) resolved against the config file's folder when
 * it is loaded, or reduced to file names where a step records its config inside its outputs.
 */
final class ConfigPaths {
    private ConfigPaths() {
    }

    /** Resolves the section's paths, refuses a missing required key or input, then runs the section's own checks. */
    static void resolve(ConfigSection section, Path base, String source, String prefix) {
        Object defaults = BoundValues.defaults(section.getClass());
        for (Field f : Configs.configFields(section.getClass())) {
            String key = prefix + Configs.snake(f.getName());
            Object value = get(f, section);
            BoundValues.check(f, value, defaults, source, key);
            if (f.isAnnotationPresent(Required.class) && (value == null || (value instanceof String s && s.isBlank()))) {
                throw new ConfigException(source, key, "required key is missing", "set it in the YAML or with --set " + key + "=...");
            }
            if (value instanceof String s && isPath(f)) {
                refuseFolderSyntaxForAFile(f, s, source, key);
                set(f, section, resolvePath(base, s, f.isAnnotationPresent(InputPath.class), source, key).toString());
            }
            if (value instanceof List<?> paths && f.isAnnotationPresent(InputPath.class)) set(f, section, InputPathLists.resolve(paths, base, source, key));
            if (value instanceof ConfigSection nested) resolve(nested, base, source, key + ".");
        }
        section.validate(source);
    }

    /**
     * {@code value} resolved against {@code base}; an input that does not exist is refused under {@code key}. A leading
     * {@code ~/} is the user's home, as in the shell: YAML does not expand it, so "reference: ~/ref.h5ad" was looked
     * for in a folder named ~ beside the config, and an output went there.
     */
    static Path resolvePath(Path base, String value, boolean input, String source, String key) {
        Path p;
        try {
            p = base.resolve(value.equals("~") || value.startsWith("~/") ? System.getProperty("user.home") + value.substring(1) : value).normalize();
        } catch (InvalidPathException e) {
            throw new ConfigException(source, key, "not a usable path (" + e.getReason() + ")", "fix the path");
        }
        if (input && !Files.exists(p)) {
            throw new ConfigException(source, key, "input not found: " + p, "check the path (relative paths resolve against the config file's folder)");
        }
        return p;
    }

    /**
     * A file output written as a folder ("output: results/sim/") was written as a file named after the folder, without
     * an extension (Java drops the trailing '/'): refused, since the user meant a file inside it.
     */
    private static void refuseFolderSyntaxForAFile(Field f, String value, String source, String key) {
        OutputPath out = f.getAnnotation(OutputPath.class);
        if (out == null || out.value() != OutputPath.Kind.FILE || !value.endsWith("/")) return;
        throw new ConfigException(source, key, "'" + value + "' ends with '/', a folder, but this output is a file",
                "give the file's path, e.g. " + value + "pseudo_spots.h5ad");
    }

    /** Every declared path of {@code section} in {@code tree} (its YAML tree) reduced to its file name. */
    static void reduce(ConfigSection section, ObjectNode tree) {
        for (Field f : Configs.configFields(section.getClass())) {
            String key = Configs.snake(f.getName());
            Object value = get(f, section);
            if (value instanceof String s && isPath(f)) {
                Path name = Path.of(s).getFileName();
                tree.put(key, name == null ? s : name.toString());
            } else if (value instanceof List<?> paths && f.isAnnotationPresent(InputPath.class)) {
                // a list of one is written as a scalar (the field's @JsonFormat), and stays one here
                List<String> names = InputPathLists.fileNames(paths);
                tree.set(key, names.size() == 1 ? TextNode.valueOf(names.get(0)) : Configs.yamlMapper().valueToTree(names));
            } else if (value instanceof ConfigSection nested && tree.get(key) instanceof ObjectNode child) {
                reduce(nested, child);
            }
        }
    }

    private static boolean isPath(Field f) {
        return f.isAnnotationPresent(InputPath.class) || f.isAnnotationPresent(OutputPath.class);
    }

    /** The value of config field {@code f} in {@code target}. */
    static Object get(Field f, Object target) {
        try {
            return f.get(target);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void set(Field f, Object target, Object value) {
        try {
            f.set(target, value);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
