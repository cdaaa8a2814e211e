package org.stdeconv.io.hdf5;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class Lookup3Test {
    /** Reference values printed by the self-test (driver5) of Bob Jenkins' lookup3.c for hashlittle(key, len, 0). */
    @Test
    void matchesTheReferenceImplementation() {
        assertEquals(0xdeadbeef, Lookup3.hash(new byte[0], 0, 0));
        byte[] text = "Four score and seven years ago".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0x17770551, Lookup3.hash(text, 0, text.length));
    }

    @Test
    void hashesOnlyTheGivenRange() {
        byte[] padded = "xxFour score and seven years agoyy".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0x17770551, Lookup3.hash(padded, 2, 30));
    }
}
