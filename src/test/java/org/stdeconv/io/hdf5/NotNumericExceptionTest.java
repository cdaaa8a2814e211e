package org.stdeconv.io.hdf5;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Text where numbers belong is reported with the dataset's path, as the h5ad reader's line shows it. */
class NotNumericExceptionTest {
    @Test
    void textInANumericFieldNamesTheFieldAndWhatItHolds() {
        NotNumericException e = assertThrows(NotNumericException.class, () -> NotNumericException.converting("X/data", new String[]{"a"}, Arrays1D::toFloat));
        assertEquals("X/data", e.field());
        assertEquals("X/data holds String values, not numbers", e.getMessage());
        e = assertThrows(NotNumericException.class, () -> NotNumericException.converting("X/indices", new float[]{1.5f}, Arrays1D::toInt));
        assertEquals("X/indices holds float values, not integers", e.getMessage());
        assertArrayEquals(new float[]{1, 2}, NotNumericException.converting("X/data", new int[]{1, 2}, Arrays1D::toFloat));
    }
}
