package org.stdeconv.train;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EnsembleSpotsTest {
    @Test
    void autoSplitsOnlyWhereEveryPartKeepsEnoughSpotsForTheFixedLayer() {
        // fast's layer of 256 components needs 257 spots a part
        assertEquals(EnsembleSpots.DISJOINT, EnsembleSpots.AUTO.resolve(2, 16_000, 256), "STARmap: 20,000 pseudo-spots, 16,000 training");
        assertEquals(EnsembleSpots.DISJOINT, EnsembleSpots.AUTO.resolve(2, 514, 256), "257 spots each");
        assertEquals(EnsembleSpots.SHARED, EnsembleSpots.AUTO.resolve(2, 513, 256), "the second part would hold 256");
        assertEquals(EnsembleSpots.SHARED, EnsembleSpots.AUTO.resolve(2, 208, 256), "the card protocol's labelled spots");
        assertEquals(EnsembleSpots.SHARED, EnsembleSpots.AUTO.resolve(3, 700, 256), "three parts of 233");
        assertEquals(EnsembleSpots.DISJOINT, EnsembleSpots.AUTO.resolve(2, 1000, 384), "a wider layer: 385 a part");
        assertEquals(EnsembleSpots.SHARED, EnsembleSpots.AUTO.resolve(2, 700, 384));
        assertEquals(EnsembleSpots.SHARED, EnsembleSpots.AUTO.resolve(2, 400, 0), "no layer: still 257 a part");
        assertEquals(EnsembleSpots.SHARED, EnsembleSpots.AUTO.resolve(1, 16_000, 256), "one network has nothing to split");
        assertEquals(EnsembleSpots.DISJOINT, EnsembleSpots.DISJOINT.resolve(2, 208, 256), "an explicit choice stands");
        assertEquals(EnsembleSpots.SHARED, EnsembleSpots.SHARED.resolve(2, 16_000, 256));
    }
}
