package org.stdeconv.step;

import org.stdeconv.config.ConfigSection;
import org.stdeconv.config.Configs;
import org.stdeconv.config.InputPath;
import org.stdeconv.config.InputPathLists;
import org.stdeconv.config.OutputPath;

import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The input and output paths a step's config declares ({@link InputPath}, {@link OutputPath}), with their YAML keys. */
record DeclaredPaths(List<Declared> inputs, List<Declared> outputs) {
    /** One declared path; {@code kind} is null for inputs. */
    record Declared(String key, Path path, OutputPath.Kind kind) {
    }

    static DeclaredPaths of(ConfigSection config) {
        DeclaredPaths d = new DeclaredPaths(new ArrayList<>(), new ArrayList<>());
        d.collect(config, "");
        return d;
    }

    private void collect(ConfigSection section, String prefix) {
        for (Field f : Configs.fields(section.getClass())) {
            String key = prefix + Configs.keyOf(f);
            Object value;
            try {
                value = f.get(section);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
            if (value instanceof String s && !s.isBlank()) {
                Path p = Path.of(s).toAbsolutePath().normalize();
                if (f.isAnnotationPresent(InputPath.class)) inputs.add(new Declared(key, p, null));
                OutputPath out = f.getAnnotation(OutputPath.class);
                if (out != null) outputs.add(new Declared(key, p, out.value()));
            } else if (value instanceof List<?> paths && f.isAnnotationPresent(InputPath.class)) {
                // every element is an input of its own, so the frame's output-vs-input checks cover each one
                for (int i = 0; i < paths.size(); i++) {
                    inputs.add(new Declared(InputPathLists.elementKey(key, paths.size(), i), Path.of(String.valueOf(paths.get(i))).toAbsolutePath().normalize(), null));
                }
            } else if (value instanceof ConfigSection nested) {
                collect(nested, key + ".");
            }
        }
    }
}
