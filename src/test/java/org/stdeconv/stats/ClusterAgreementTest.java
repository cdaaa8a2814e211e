package org.stdeconv.stats;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ClusterAgreementTest {
    private static String[] s(String... v) {
        return v;
    }

    @Test
    void purityHandExample() {
        // cluster 0 = {a, a}: 2 in majority; cluster 1 = {a, b, b, b}: 3 -> 5/6
        assertEquals(5.0 / 6, ClusterAgreement.purity(s("a", "a", "a", "b", "b", "b"), new int[]{0, 0, 1, 1, 1, 1}), 1e-12);
        assertEquals(1.0, ClusterAgreement.purity(s("a", "a", "b"), new int[]{7, 7, 3}), 1e-12);
        // one big cluster: purity is the majority share
        assertEquals(0.6, ClusterAgreement.purity(s("a", "a", "a", "b", "c"), new int[]{0, 0, 0, 0, 0}), 1e-12);
    }

    @Test
    void adjustedRandIndexHandExample() {
        // contingency [[2,0],[1,3]]: index 4, rows 7, cols 6, pairs 15 -> (4 - 2.8) / (6.5 - 2.8)
        assertEquals(1.2 / 3.7, ClusterAgreement.adjustedRandIndex(s("a", "a", "a", "b", "b", "b"), new int[]{0, 0, 1, 1, 1, 1}), 1e-12);
    }

    @Test
    void adjustedRandIndexReferenceValues() {
        // values from scikit-learn's adjusted_rand_score documentation
        assertEquals(1.0, ClusterAgreement.adjustedRandIndex(s("0", "0", "1", "1"), new int[]{1, 1, 0, 0}), 1e-12);
        assertEquals(4.0 / 7, ClusterAgreement.adjustedRandIndex(s("0", "0", "1", "2"), new int[]{0, 0, 1, 1}), 1e-12);
        assertEquals(0.0, ClusterAgreement.adjustedRandIndex(s("0", "0", "0", "0"), new int[]{0, 1, 2, 3}), 1e-12);
        assertEquals(-0.5, ClusterAgreement.adjustedRandIndex(s("0", "0", "1", "1"), new int[]{0, 1, 0, 1}), 1e-12);
    }
}
