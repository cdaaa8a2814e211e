package org.stdeconv.train;

import java.util.Locale;

/**
 * What network.projection's fixed layer keeps. {@code principal_components}: the training spots' top principal
 * components (session 8). {@code cell_types_first}: the directions of the cell types' profiles first, then the
 * principal components of what they leave ({@link CellTypeDirections}).
 */
public enum ProjectionBasis {
    PRINCIPAL_COMPONENTS, CELL_TYPES_FIRST;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
