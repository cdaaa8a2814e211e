package org.stdeconv.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import org.stdeconv.ConfigException;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Loads step configs from YAML plus {@code --set key=value} overrides, validates them and writes them back. */
public final class Configs {
    private static final ObjectMapper YAML = JsonMapper.builder(new YAMLFactory()
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            // a key given twice is a mistake (YAML's last-one-wins would hide it), and 2.9 spots is not 2
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            // enums are written and read as their lower-case toString() ("fast", "paper")
            .enable(SerializationFeature.WRITE_ENUMS_USING_TO_STRING)
            .enable(DeserializationFeature.READ_ENUMS_USING_TO_STRING)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .serializationInclusion(JsonInclude.Include.ALWAYS)
            .visibility(com.fasterxml.jackson.annotation.PropertyAccessor.FIELD, com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.PUBLIC_ONLY)
            .visibility(com.fasterxml.jackson.annotation.PropertyAccessor.GETTER, com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.NONE)
            .visibility(com.fasterxml.jackson.annotation.PropertyAccessor.IS_GETTER, com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.NONE)
            .build();

    private Configs() {
    }

    public static ObjectMapper yamlMapper() {
        return YAML;
    }

    /**
     * Reads {@code configFile} (may be null), applies overrides, maps onto {@code type}, resolves paths against the
     * config file's folder (or the working directory), checks required keys, input files and cross-key rules.
     */
    public static <T extends StepConfig> T load(Class<T> type, Path configFile, List<String> overrides) {
        String source = configFile == null ? SET : configFile.toString();
        ObjectNode root = readTree(configFile);
        List<String> setKeys = new ArrayList<>();
        for (String o : overrides == null ? List.<String>of() : overrides) setKeys.add(applyOverride(root, o, type));
        try {
            T config = bind(type, root, source);
            Path base = configFile == null ? Path.of("").toAbsolutePath() : configFile.toAbsolutePath().getParent();
            resolve(config, base, source, "");
            config.source(source, setKeys);
            return config;
        } catch (ConfigException e) {
            throw blame(e, source, setKeys);
        }
    }

    /** What errors name when a value came from an override ("--set: KEY: problem", with or without --config). */
    static final String SET = "--set";

    /** {@code e} blamed on "--set" when it names {@code source} and a key that an override set. */
    private static ConfigException blame(ConfigException e, String source, List<String> setKeys) {
        if (e.file() == null || !source.equals(String.valueOf(e.file()))) return e;
        String by = sourceOf(e.key(), source, setKeys);
        return by.equals(source) ? e : e.blamedOn(by);
    }

    /**
     * "--set" when one of {@code setKeys} set {@code key}, an element of it ({@code key[2]}), a key inside it, or
     * a key below the (unknown) {@code key}; else {@code source}.
     */
    static String sourceOf(String key, String source, List<String> setKeys) {
        if (key == null || key.isEmpty()) return source;
        for (String s : setKeys) {
            if (key.equals(s) || key.startsWith(s + ".") || key.startsWith(s + "[") || s.startsWith(key + ".")) return SET;
        }
        return source;
    }

    private static ObjectNode readTree(Path configFile) {
        if (configFile == null) return JsonNodeFactory.instance.objectNode();
        if (!Files.isRegularFile(configFile)) {
            throw new ConfigException(configFile, null, "config file not found", "check the --config path");
        }
        try {
            JsonNode n = YAML.readTree(configFile.toFile());
            if (n == null || n.isMissingNode() || n.isNull()) return JsonNodeFactory.instance.objectNode();
            if (!n.isObject()) throw new ConfigException(configFile, null, "the top level must be a mapping of key: value", "see 'stdeconv config-template STEP'");
            return (ObjectNode) n;
        } catch (JsonProcessingException e) {
            throw new ConfigException(configFile, null, "not valid YAML (" + e.getOriginalMessage() + " at line " + line(e) + ")", "fix the syntax");
        } catch (IOException e) {
            throw new ConfigException(configFile, null, "cannot read (" + e.getMessage() + ")", "check permissions");
        }
    }

    private static String line(JsonProcessingException e) {
        return e.getLocation() == null ? "?" : String.valueOf(e.getLocation().getLineNr());
    }

    /**
     * Applies "a.b.c=value" and returns the dotted key. A key that holds text (a path, a column name, a list of them
     * given as one item) takes the value as written: "x #1", "yes" and "1e3" stay those characters. Only "null" or
     * "~" (unset the key) and a value wholly inside YAML quotes (the quotes are removed) are read as YAML there. Other
     * keys read the value as YAML, so numbers, booleans, enums, [lists] and {mappings} keep their types; there a
     * " #" outside quotes, which YAML would read as the start of a comment and drop, is refused.
     */
    static String applyOverride(ObjectNode root, String override, Class<?> type) {
        int eq = override.indexOf('=');
        if (eq <= 0) throw new ConfigException("--set " + override + ": expected KEY=VALUE (dotted keys for nested values)");
        String key = override.substring(0, eq).trim();
        String raw = override.substring(eq + 1);
        String[] parts = key.split("\\.");
        Type target = type == null ? null : keyType(type, parts);
        JsonNode value = takesText(target, raw) ? textValue(raw) : yamlValue(raw, key, target);
        ObjectNode node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = node.get(parts[i]);
            if (child == null || !child.isObject()) child = node.putObject(parts[i]);
            node = (ObjectNode) child;
        }
        node.set(parts[parts.length - 1], value);
        return key;
    }

    /** Whether a key of type {@code t} takes {@code raw} as text: a String key, or a list of strings given as one item. */
    private static boolean takesText(Type t, String raw) {
        if (t == String.class) return true;
        if (t instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c && Collection.class.isAssignableFrom(c)) {
            return p.getActualTypeArguments()[0] == String.class && !raw.stripLeading().startsWith("[");
        }
        return false;
    }

    private static JsonNode textValue(String raw) {
        if (raw.equals("null") || raw.equals("~")) return NullNode.getInstance();
        if (raw.length() >= 2 && (raw.startsWith("\"") && raw.endsWith("\"") || raw.startsWith("'") && raw.endsWith("'"))) {
            try {
                JsonNode n = YAML.readTree(raw);
                if (n != null && n.isTextual()) return n;
            } catch (JsonProcessingException e) {
                // not one quoted scalar ("a" "b"): the text as written
            }
        }
        return TextNode.valueOf(raw);
    }

    private static JsonNode yamlValue(String raw, String key, Type target) {
        if (raw.isEmpty()) return TextNode.valueOf("");
        if (startsComment(raw)) {
            boolean holdsText = target instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c
                    && (Collection.class.isAssignableFrom(c) || Map.class.isAssignableFrom(c));
            throw new ConfigException(SET, key, "'" + raw + "' has a '#' that YAML would read as the start of a comment (dropping the rest)",
                    holdsText ? "quote an item that contains it, e.g. [\"a #1\", b], or leave the '#' out" : "give the value without it");
        }
        JsonNode value;
        try {
            value = YAML.readTree(raw);
            if (value == null || value.isMissingNode()) value = TextNode.valueOf(raw);
            if (value.isObject() && !raw.trim().startsWith("{")) value = TextNode.valueOf(raw);
        } catch (JsonProcessingException e) {
            value = TextNode.valueOf(raw);
        }
        return value;
    }

    /** Whether {@code raw} has a '#' outside quotes at its start or after a blank: a YAML comment. */
    static boolean startsComment(String raw) {
        char quote = 0;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            char before = i == 0 ? ' ' : raw.charAt(i - 1);
            if (quote == '"') {
                if (c == '\\') i++;
                else if (c == '"') quote = 0;
            } else if (quote == '\'') {
                if (c == '\'') quote = 0; // '' inside single quotes closes and reopens: same state after both
            } else if ((c == '"' || c == '\'') && (Character.isWhitespace(before) || "[{,:".indexOf(before) >= 0)) {
                quote = c;
            } else if (c == '#' && Character.isWhitespace(before)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The declared (generic) type of the dotted key in {@code type}: config sections by their fields, mappings by
     * their value type; null for a key that is not there (binding then names it as unknown).
     */
    static Type keyType(Class<?> type, String[] parts) {
        Type t = type;
        for (String part : parts) {
            Class<?> raw = t instanceof Class<?> c ? c : t instanceof ParameterizedType p && p.getRawType() instanceof Class<?> r ? r : null;
            if (raw != null && ConfigSection.class.isAssignableFrom(raw)) {
                Field f = configFields(raw).stream().filter(x -> snake(x.getName()).equals(part)).findFirst().orElse(null);
                if (f == null) return null;
                t = f.getGenericType();
            } else if (raw != null && Map.class.isAssignableFrom(raw) && t instanceof ParameterizedType p) {
                t = p.getActualTypeArguments()[1];
            } else {
                return null;
            }
        }
        return t;
    }

    private static <T> T bind(Class<T> type, ObjectNode root, String source) {
        try {
            return YAML.treeToValue(root, type);
        } catch (UnrecognizedPropertyException e) {
            String key = pathOf(e);
            Collection<Object> known = e.getKnownPropertyIds();
            String valid = known == null ? "" : known.stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
            throw new ConfigException(source, key, "unknown key", "valid keys here: " + valid);
        } catch (InvalidFormatException e) {
            throw new ConfigException(source, pathOf(e), "cannot use '" + e.getValue() + "' (expected " + typeName(e.getTargetType()) + ")", "fix the value");
        } catch (MismatchedInputException e) {
            throw new ConfigException(source, pathOf(e), "wrong type (expected " + typeName(e.getTargetType()) + ")", "fix the value");
        } catch (JsonMappingException e) {
            if (e.getCause() instanceof InputCoercionException c) throw outOfRange(source, pathOf(e), c);
            throw new ConfigException(source, pathOf(e).isEmpty() ? null : pathOf(e), "invalid config: " + e.getOriginalMessage(), "see 'stdeconv config-template STEP'");
        } catch (InputCoercionException e) {
            throw outOfRange(source, pathOf(e), e);
        } catch (JsonProcessingException e) {
            throw new ConfigException(source, null, "invalid config: " + e.getOriginalMessage(), "see 'stdeconv config-template STEP'");
        }
    }

    /** A whole number too large for its key's type (seed: 99999999999999999999), with the key and the range. */
    private static ConfigException outOfRange(String source, String key, InputCoercionException e) {
        Class<?> t = e.getTargetType();
        String range = t == int.class || t == Integer.class ? "from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE
                : t == long.class || t == Long.class ? "from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE
                : null;
        String value;
        try {
            value = e.getProcessor() == null ? null : e.getProcessor().getText();
        } catch (IOException io) {
            value = null;
        }
        return new ConfigException(source, key.isEmpty() ? null : key, (value == null ? "the number" : value) + " is out of range",
                range == null ? "give a smaller number" : "give an integer " + range, e);
    }

    /** The dotted key a parser stood at (the tree walk of an InputCoercionException). */
    private static String pathOf(InputCoercionException e) {
        if (e.getProcessor() == null) return "";
        List<String> parts = new ArrayList<>();
        for (JsonStreamContext c = e.getProcessor().getParsingContext(); c != null && !c.inRoot(); c = c.getParent()) {
            parts.add(0, c.inArray() ? "[" + c.getCurrentIndex() + "]" : c.getCurrentName());
        }
        return String.join(".", parts).replace(".[", "[");
    }

    private static String typeName(Class<?> t) {
        if (t == null) return "another type";
        if (t == int.class || t == Integer.class || t == long.class || t == Long.class) return "an integer";
        if (t == double.class || t == Double.class || t == float.class || t == Float.class) return "a number";
        if (t == boolean.class || t == Boolean.class) return "true or false";
        if (t == String.class) return "a string";
        if (t.isEnum()) return "one of " + java.util.Arrays.stream(t.getEnumConstants()).map(c -> c.toString().toLowerCase()).collect(Collectors.joining(", "));
        if (t.isArray() || List.class.isAssignableFrom(t)) return "a list";
        if (ConfigSection.class.isAssignableFrom(t) || java.util.Map.class.isAssignableFrom(t)) return "a mapping";
        return t.getSimpleName();
    }

    private static String pathOf(com.fasterxml.jackson.databind.JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static void resolve(ConfigSection section, Path base, String source, String prefix) {
        for (Field f : configFields(section.getClass())) {
            String key = prefix + snake(f.getName());
            Object value;
            try {
                value = f.get(section);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
            if (f.isAnnotationPresent(Required.class) && (value == null || (value instanceof String s && s.isBlank()))) {
                throw new ConfigException(source, key, "required key is missing", "set it in the YAML or with --set " + key + "=...");
            }
            if (value instanceof String s && (f.isAnnotationPresent(InputPath.class) || f.isAnnotationPresent(OutputPath.class))) {
                set(f, section, resolvePath(base, s, f.isAnnotationPresent(InputPath.class), source, key).toString());
            }
            if (value instanceof List<?> paths && f.isAnnotationPresent(InputPath.class)) set(f, section, InputPathLists.resolve(paths, base, source, key));
            if (value instanceof ConfigSection nested) resolve(nested, base, source, key + ".");
        }
        section.validate(source);
    }

    /** {@code value} resolved against {@code base}; an input that does not exist is refused under {@code key}. */
    static Path resolvePath(Path base, String value, boolean input, String source, String key) {
        Path p = base.resolve(value).normalize();
        if (input && !Files.exists(p)) {
            throw new ConfigException(source, key, "input not found: " + p, "check the path (relative paths resolve against the config file's folder)");
        }
        return p;
    }

    private static void set(Field f, Object target, Object value) {
        try {
            f.set(target, value);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Field> configFields(Class<?> type) {
        List<Class<?>> chain = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) chain.add(0, c);
        List<Field> out = new ArrayList<>();
        for (Class<?> c : chain) {
            for (Field f : c.getDeclaredFields()) {
                int m = f.getModifiers();
                if (Modifier.isPublic(m) && !Modifier.isStatic(m) && !f.isAnnotationPresent(com.fasterxml.jackson.annotation.JsonIgnore.class)) out.add(f);
            }
        }
        return out;
    }

    /** The public config fields of {@code type}, superclass fields first (the YAML keys, in order). */
    public static List<Field> fields(Class<?> type) {
        return configFields(type);
    }

    /** The YAML key of a config field. */
    public static String keyOf(Field f) {
        return snake(f.getName());
    }

    static String snake(String camel) {
        return PropertyNamingStrategies.SnakeCaseStrategy.INSTANCE.translate(camel);
    }

    /** The config as YAML (the effective config a step records next to its outputs). */
    public static String toYaml(Object config) {
        try {
            return YAML.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The config as YAML with every declared input or output path reduced to its file name, and without
     * {@code omitKeys} (top-level): what a step records inside its outputs, so that their bytes do not depend on the
     * folder the step ran in (Nextflow runs each task in its own work folder).
     */
    public static String toPortableYaml(ConfigSection config, List<String> omitKeys) {
        ObjectNode tree = YAML.valueToTree(config);
        reducePaths(config, tree);
        tree.remove(omitKeys);
        return toYaml(tree);
    }

    private static void reducePaths(ConfigSection section, ObjectNode tree) {
        for (Field f : configFields(section.getClass())) {
            String key = snake(f.getName());
            Object value;
            try {
                value = f.get(section);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
            if (value instanceof String s && (f.isAnnotationPresent(InputPath.class) || f.isAnnotationPresent(OutputPath.class))) {
                Path name = Path.of(s).getFileName();
                tree.put(key, name == null ? s : name.toString());
            } else if (value instanceof List<?> paths && f.isAnnotationPresent(InputPath.class)) {
                // a list of one is written as a scalar (the field's @JsonFormat), and stays one here
                List<String> names = InputPathLists.fileNames(paths);
                tree.set(key, names.size() == 1 ? TextNode.valueOf(names.get(0)) : YAML.valueToTree(names));
            } else if (value instanceof ConfigSection nested && tree.get(key) instanceof ObjectNode child) {
                reducePaths(nested, child);
            }
        }
    }
}
