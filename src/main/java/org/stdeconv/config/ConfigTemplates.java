package org.stdeconv.config;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;

/**
 * What a step's config keys look like to a user: the annotated YAML template, the --help key list, and the dotted
 * key paths the pipeline checks a user's YAML against before any task (assets/config_keys.json).
 */
public final class ConfigTemplates {
    private ConfigTemplates() {
    }

    /** An annotated YAML with every key, its default and its description. */
    public static String template(Class<? extends StepConfig> type) {
        return render(type, "", true);
    }

    /** Plain-text key list for a step's --help. */
    public static String keyHelp(Class<? extends StepConfig> type) {
        return render(type, "  ", false);
    }

    /** Every key a config of {@code type} accepts, as dotted snake_case paths (sections' keys as section.key), in declaration order. */
    public static List<String> keyPaths(Class<? extends StepConfig> type) {
        List<String> out = new ArrayList<>();
        try {
            collectKeys(type.getDeclaredConstructor().newInstance(), "", out);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    private static void collectKeys(Object section, String prefix, List<String> out) throws IllegalAccessException {
        for (Field f : Configs.configFields(section.getClass())) {
            String path = prefix + Configs.snake(f.getName());
            if (f.get(section) instanceof ConfigSection nested) collectKeys(nested, path + ".", out);
            else out.add(path);
        }
    }

    private static String render(Class<? extends StepConfig> type, String indent, boolean yaml) {
        StringBuilder sb = new StringBuilder();
        try {
            describe(type.getDeclaredConstructor().newInstance(), sb, indent, yaml);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        return sb.toString();
    }

    private static void describe(Object section, StringBuilder sb, String indent, boolean yaml) throws IllegalAccessException {
        for (Field f : Configs.configFields(section.getClass())) {
            String key = Configs.snake(f.getName());
            JsonPropertyDescription d = f.getAnnotation(JsonPropertyDescription.class);
            String doc = d == null ? "" : d.value();
            String req = f.isAnnotationPresent(Required.class) ? " (required)" : "";
            Object value = f.get(section);
            if (value instanceof ConfigSection nested) {
                if (yaml) {
                    if (!doc.isEmpty()) sb.append(indent).append("# ").append(doc).append('\n');
                    sb.append(indent).append(key).append(":\n");
                } else {
                    sb.append(indent).append(key).append(":  ").append(doc).append('\n');
                }
                describe(nested, sb, indent + "  ", yaml);
                continue;
            }
            String shown = value == null ? "" : scalar(value);
            if (yaml) {
                if (!doc.isEmpty() || !req.isEmpty()) sb.append(indent).append("# ").append(doc).append(req).append('\n');
                sb.append(indent).append(key).append(": ").append(value == null ? "null" : shown).append('\n');
            } else {
                sb.append(indent).append(key).append(value == null ? "" : " (default " + shown + ")").append(req)
                        .append(doc.isEmpty() ? "" : ": " + doc).append('\n');
            }
        }
    }

    private static String scalar(Object value) {
        // the YAML writer gives a lone empty string as a document ("--- \"\""), which is no value inside a mapping
        if (value instanceof String s && s.isEmpty()) return "\"\"";
        try {
            if (value instanceof java.util.Collection<?> || value.getClass().isArray()) {
                return new ObjectMapper().writeValueAsString(value).replace(",", ", ");
            }
            String s = Configs.yamlMapper().writeValueAsString(value).trim();
            return s.replace("\n", " ").replaceAll("\\s+- ", " - ");
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }
}
