package org.stdeconv.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.stdeconv.ConfigException;

import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.Map;

/**
 * One {@code --set key=value} applied to a config tree before binding: the value as the key's declared type calls
 * for it (text keys verbatim, other keys as YAML), so that what the user typed is what the step gets.
 */
final class SetOverride {
    private SetOverride() {
    }

    /**
     * Applies "a.b.c=value" and returns the dotted key. A key that holds text (a path, a column name, a list of them
     * given as one item) takes the value as written: "x #1", "yes" and "1e3" stay those characters. Only "null" or
     * "~" (unset the key) and a value wholly inside YAML quotes (the quotes are removed) are read as YAML there. Other
     * keys read the value as YAML, so numbers, booleans, enums, [lists] and {mappings} keep their types; there a
     * " #" outside quotes, which YAML would read as the start of a comment and drop, is refused.
     */
    static String apply(ObjectNode root, String override, Class<?> type) {
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
                JsonNode n = Configs.yamlMapper().readTree(raw);
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
            throw new ConfigException(Configs.SET, key, "'" + raw + "' has a '#' that YAML would read as the start of a comment (dropping the rest)",
                    holdsText ? "quote an item that contains it, e.g. [\"a #1\", b], or leave the '#' out" : "give the value without it");
        }
        JsonNode value;
        try {
            value = Configs.yamlMapper().readTree(raw);
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
                Field f = Configs.configFields(raw).stream().filter(x -> Configs.snake(x.getName()).equals(part)).findFirst().orElse(null);
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
}
