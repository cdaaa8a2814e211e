package org.stdeconv.io.anndata;

import java.util.Map;
import java.util.TreeMap;

/**
 * A group or dataset of an AnnData file held in memory, so that what infer does not interpret (var columns, obsm,
 * nested uns with H&E images and scale factors) can be written back unchanged. Attributes and children are kept
 * sorted by name: the bytes written then do not depend on the order a file listed them in.
 */
public sealed interface AnnNode permits AnnNode.Group, AnnNode.Dataset {
    String ENCODING_TYPE = "encoding-type", ENCODING_VERSION = "encoding-version";

    Map<String, H5Array> attributes();

    /** The {@code encoding-type} attribute, or "" when there is none. */
    default String encoding() {
        H5Array a = attributes().get(ENCODING_TYPE);
        return a != null && a.isText() && a.text().length == 1 ? a.text()[0] : "";
    }

    record Group(Map<String, H5Array> attributes, Map<String, AnnNode> children) implements AnnNode {
        public Group() {
            this(new TreeMap<>(), new TreeMap<>());
        }

        public static Group encoded(String type, String version) {
            Group g = new Group();
            g.attributes().put(ENCODING_TYPE, H5Array.string(type));
            g.attributes().put(ENCODING_VERSION, H5Array.string(version));
            return g;
        }

        /** A shallow copy whose attribute and child maps can be changed without touching this group's. */
        public Group copy() {
            return new Group(new TreeMap<>(attributes), new TreeMap<>(children));
        }
    }

    record Dataset(H5Array value, Map<String, H5Array> attributes) implements AnnNode {
        public static Dataset encoded(H5Array value, String type, String version) {
            Dataset d = new Dataset(value, new TreeMap<>());
            d.attributes().put(ENCODING_TYPE, H5Array.string(type));
            d.attributes().put(ENCODING_VERSION, H5Array.string(version));
            return d;
        }
    }
}
