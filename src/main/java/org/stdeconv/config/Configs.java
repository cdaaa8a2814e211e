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
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import org.stdeconv.ConfigException;
import org.stdeconv.NotARegularFile;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
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
        for (String o : overrides == null ? List.<String>of() : overrides) setKeys.add(SetOverride.apply(root, o, type));
        try {
            T config = bind(type, root, source);
            Path base = configFile == null ? Path.of("").toAbsolutePath() : configFile.toAbsolutePath().getParent();
            ConfigPaths.resolve(config, base, source, "");
            config.source(source, setKeys, configFile);
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
            throw new ConfigException(configFile, null, NotARegularFile.what(configFile, "config file"), "check the --config path");
        }
        try {
            refuseWhatTheTreeDrops(configFile);
            JsonNode n = YAML.readTree(configFile.toFile());
            if (n == null || n.isMissingNode() || n.isNull()) return JsonNodeFactory.instance.objectNode();
            if (!n.isObject()) throw new ConfigException(configFile, null, "the top level must be a mapping of key: value", "see 'stdeconv config-template STEP'");
            return (ObjectNode) n;
        } catch (JsonProcessingException e) {
            String message = String.valueOf(e.getOriginalMessage());
            if (e.getCause() instanceof java.io.CharConversionException || message.contains("CharConversionException") || message.contains("Invalid UTF-8")) {
                throw new ConfigException(configFile, null, "not UTF-8 text (a byte sequence no UTF-8 text has)", "save the file as UTF-8");
            }
            if (message.startsWith("Malformed numeric value")) {
                // YAML 1.1's .nan and .inf, which no setting of stdeconv accepts: name the key, not the parser
                String key = e.getProcessor() instanceof com.fasterxml.jackson.core.JsonParser p ? dottedKey(p.getParsingContext()) : null;
                String value = message.replaceFirst("^Malformed numeric value '([^']*)'.*$", "$1");
                throw new ConfigException(configFile, key, "'" + value + "' (line " + line(e) + ") is not a finite number", "give a finite number");
            }
            if (message.startsWith("Expected a field name")) {
                // a list or mapping as a key ("? [a, b]"), said in SnakeYAML's event class names before
                throw new ConfigException(configFile, null, "line " + line(e) + ": a key must be a plain name, not a list or mapping", "write key: value");
            }
            throw new ConfigException(configFile, null, "not valid YAML (" + message + " at line " + line(e) + ")", "fix the syntax");
        } catch (IOException e) {
            throw new ConfigException(configFile, null, "cannot read (" + e.getMessage() + ")", "check permissions");
        }
    }

    /**
     * Jackson's YAML tree reads an alias (*name) as the text "name", not as the anchored value: a config with one
     * ran with that word as a path or column name. Refused, naming the key; so is a second document, which the tree
     * left out without a word.
     */
    private static void refuseWhatTheTreeDrops(Path configFile) throws IOException {
        try (com.fasterxml.jackson.core.JsonParser p = YAML.getFactory().createParser(configFile.toFile())) {
            int documents = 0;
            // the parser answers null at the end of each document; two nulls in a row end the stream
            for (com.fasterxml.jackson.core.JsonToken t = p.nextToken(); t != null || (t = p.nextToken()) != null; t = p.nextToken()) {
                // a second document (after ---) was silently ignored: only the first is read
                // (at a mapping's start the parser already stands inside it: its parent is the root)
                boolean topLevel = t.isStructStart() ? p.getParsingContext().getParent() != null && p.getParsingContext().getParent().inRoot()
                        : t.isScalarValue() && p.getParsingContext().inRoot();
                if (topLevel && ++documents > 1) {
                    throw new ConfigException(configFile, null, "holds several YAML documents (line " + p.currentLocation().getLineNr() + ")", "keep one config per file");
                }
                // YAML 1.1 reads 064 as octal 52, 0x40 as hex, 1_000 and 1:30 (sexagesimal, 90) as numbers: a value
                // that does not say what it is read as is refused rather than run with another number
                if (t == com.fasterxml.jackson.core.JsonToken.VALUE_NUMBER_INT || t == com.fasterxml.jackson.core.JsonToken.VALUE_NUMBER_FLOAT) {
                    String text = p.getText();
                    if (text != null && (text.matches("[-+]?0[0-9_]+") || text.matches("[-+]?0[xXoObB].*") || text.contains("_") || text.contains(":"))) {
                        throw new ConfigException(configFile, dottedKey(p.getParsingContext()), "'" + text + "' (line " + p.currentLocation().getLineNr()
                                + ") is read by YAML's number rules as " + p.getNumberValue(), "write the number in plain decimals, or quote it if it is text");
                    }
                }
                if (p instanceof com.fasterxml.jackson.dataformat.yaml.YAMLParser y && y.isCurrentAlias()) {
                    throw new ConfigException(configFile, dottedKey(p.getParsingContext()), "YAML aliases (*" + p.getText() + ", line " + p.currentLocation().getLineNr()
                            + ") are not supported", "write the value out");
                }
            }
        }
    }

    /** The dotted key of the value a parser is at ("cells.mean"), or null at the top. */
    private static String dottedKey(com.fasterxml.jackson.core.JsonStreamContext context) {
        StringBuilder key = new StringBuilder();
        for (com.fasterxml.jackson.core.JsonStreamContext c = context; c != null; c = c.getParent()) {
            if (c.getCurrentName() != null) key.insert(0, key.length() == 0 ? c.getCurrentName() : c.getCurrentName() + ".");
        }
        return key.length() == 0 ? null : key.toString();
    }

    private static String line(JsonProcessingException e) {
        return e.getLocation() == null ? "?" : String.valueOf(e.getLocation().getLineNr());
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
        ConfigPaths.reduce(config, tree);
        tree.remove(omitKeys);
        return toYaml(tree);
    }
}
