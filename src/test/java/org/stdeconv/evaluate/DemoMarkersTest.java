package org.stdeconv.evaluate;

import org.junit.jupiter.api.Test;
import org.stdeconv.data.InputTransform;
import org.stdeconv.demo.DemoData;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The demo reference plants 20 marker genes per type: evaluate's selection must find them. */
class DemoMarkersTest {
    @Test
    void selectedMarkersAreThePlantedOnes() {
        DemoData demo = DemoData.generate(7);
        String[] labels = ReferenceProfiles.labels(demo.reference(), "cell_type", null);
        ReferenceProfiles p = ReferenceProfiles.of(demo.reference(), labels, demo.reference().varNames(), InputTransform.log1pCp10k());
        Map<String, List<String>> selected = ReferenceMarkers.select(p, 10, 0.5);
        assertEquals(new HashSet<>(DemoData.TYPES), selected.keySet());
        for (String type : DemoData.TYPES) {
            Set<String> planted = new HashSet<>(demo.markers().get(type));
            List<String> found = selected.get(type);
            assertEquals(10, found.size(), type);
            assertTrue(planted.containsAll(found), type + ": " + found + " not all among the planted " + planted);
        }
    }
}
