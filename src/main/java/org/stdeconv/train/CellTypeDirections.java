package org.stdeconv.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * The directions along which a spot's input moves when its composition changes: the cell types' profiles relative
 * to the mean spot, fitted by least squares of the centred inputs on the true proportions, B = (Y'Y + eps I)^-1 Y'X
 * (types x genes), made orthonormal. A mixture of types lies in their span whatever share each type has, so a fixed
 * layer that keeps these K directions keeps a rare type's signal even where it carries too little of the spots'
 * variance to be among the top principal components (docs/method.md).
 */
final class CellTypeDirections {
    /** Ridge on Y'Y, relative to the number of spots: keeps the solve defined when a type never occurs. */
    private static final double RIDGE = 1e-6;

    private CellTypeDirections() {
    }

    /**
     * @param centred the training rows' inputs minus their mean (spots x genes)
     * @param proportions true proportions of the same rows (spots x types)
     * @return genes x types: orthonormal columns, and zero columns where the profiles are dependent. The proportions
     *     sum to 1, so after centring the K profiles span at most K - 1 directions and one column is always 0 (its
     *     output of the fixed layer reads nothing); a type that never occurs gives another.
     */
    static NDArray of(NDManager m, NDArray centred, double[][] proportions) {
        int spots = proportions.length, types = proportions[0].length;
        float[] flat = new float[spots * types];
        for (int i = 0; i < spots; i++) for (int t = 0; t < types; t++) flat[i * types + t] = (float) proportions[i][t];
        NDArray y = m.create(flat, new Shape(spots, types));
        RealMatrix gram = PrincipalProjection.toMatrix(y.transpose().matMul(y));
        for (int t = 0; t < types; t++) gram.addToEntry(t, t, RIDGE * spots);
        RealMatrix inverse = new LUDecomposition(gram).getSolver().getInverse();
        float[] inv = new float[types * types];
        for (int i = 0; i < types; i++) for (int j = 0; j < types; j++) inv[i * types + j] = (float) inverse.getEntry(i, j);
        NDArray profiles = m.create(inv, new Shape(types, types)).matMul(y.transpose().matMul(centred));
        return PrincipalProjection.orthonormal(m, profiles.transpose());
    }
}
