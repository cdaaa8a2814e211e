package org.stdeconv.io.anndata;

import org.stdeconv.io.hdf5.H5Group;
import org.stdeconv.io.hdf5.H5Node;

import java.util.Map;

/** Writes {@link AnnNode}s into a file being built by the project's HDF5 writer. */
public final class AnnTreeWriter {
    private AnnTreeWriter() {
    }

    public static void write(H5Group parent, String name, AnnNode node) {
        H5Node written;
        if (node instanceof AnnNode.Group g) {
            H5Group out = parent.group(name);
            g.children().forEach((k, v) -> write(out, k, v));
            written = out;
        } else {
            AnnNode.Dataset d = (AnnNode.Dataset) node;
            written = parent.dataset(name, d.value().toH5Data());
        }
        for (Map.Entry<String, H5Array> a : node.attributes().entrySet()) {
            // an empty attribute array makes anndata 0.8 throw; none is written
            if (a.getValue().dims().length > 0 && a.getValue().dims()[0] == 0) continue;
            written.attribute(a.getKey(), a.getValue().toH5Data());
        }
    }
}
