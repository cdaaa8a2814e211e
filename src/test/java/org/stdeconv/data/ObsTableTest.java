package org.stdeconv.data;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** A column the file has but the reader could not read is reported as damaged, not as missing. */
class ObsTableTest {
    @Test
    void aDamagedColumnIsSaidToBeDamagedAndAMissingOneMissing() {
        ObsTable t = new ObsTable(2).putText("region", new String[]{"a", "b"});
        t.putUnreadable("cell_type", "row 1 has category code 50 but there are 6 categories");
        assertEquals("the column is in the file but damaged (row 1 has category code 50 but there are 6 categories)", t.whyMissing("cell_type"));
        assertEquals("no such column (available obs columns: region)", t.whyMissing("celltype"));
        assertEquals("no such column (available obs columns: none)", new ObsTable(0).whyMissing("cell_type"));
        // a column read after all is not damaged
        t.putText("cell_type", new String[]{"x", "y"});
        assertNull(t.unreadable("cell_type"));
    }
}
