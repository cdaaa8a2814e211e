package org.stdeconv.data;

import org.stdeconv.InputDataException;

/**
 * Fewer genes than cell types cannot tell the types' proportions apart (their profiles are then linearly dependent
 * whatever the method), so such data is refused where simulate and train read it; a one-gene reference also broke
 * the paper layout's two components with an internal error.
 */
public final class EnoughGenes {
    private EnoughGenes() {
    }

    public static void require(Object file, int genes, int types) {
        if (genes < types) {
            throw new InputDataException(file, "var index (gene names)", genes + (genes == 1 ? " gene" : " genes") + " for " + types
                    + " cell types: fewer genes than types cannot tell their proportions apart", "give the data with its genes (usually hundreds or thousands)");
        }
    }
}
