package org.stdeconv.config;

import org.stdeconv.ConfigException;

import java.lang.reflect.Field;
import java.util.List;

/**
 * What YAML can bind that no key accepts, refused with the key named before any check trips over it: an empty
 * section or list where the key has a default (`cells: null`, `genes:` left blank), an empty list item
 * (`mito_prefixes: [null]`), and a number beyond double's range (`1e309` binds as Infinity). A key whose default is
 * itself unset (null: "auto", or "from the preset") may be left empty.
 */
final class BoundValues {
    private BoundValues() {
    }

    static void check(Field f, Object value, Object defaults, String source, String key) {
        if (value == null) {
            boolean structured = ConfigSection.class.isAssignableFrom(f.getType()) || List.class.isAssignableFrom(f.getType());
            if (structured && ConfigPaths.get(f, defaults) != null) {
                throw new ConfigException(source, key, "is empty", "give its " + (List.class.isAssignableFrom(f.getType()) ? "items" : "keys")
                        + ", or remove the line to keep the default (stdeconv config-template STEP shows it)");
            }
            return;
        }
        if (value instanceof List<?> items) {
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i) == null) throw new ConfigException(source, key + "[" + i + "]", "is empty", "give a value or remove the item");
            }
        }
        if ((value instanceof Double || value instanceof Float) && !Double.isFinite(((Number) value).doubleValue())) {
            throw new ConfigException(source, key, "'" + value + "' is not a finite number", "give a finite number");
        }
    }

    /** A section of {@code type} as a fresh config has it: the defaults a value is compared with. */
    static Object defaults(Class<?> type) {
        try {
            return type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("config section " + type.getName() + " needs a no-argument constructor", e);
        }
    }
}
