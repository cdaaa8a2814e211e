package org.stdeconv.io.hdf5;

/**
 * Bob Jenkins' lookup3 {@code hashlittle} with initial value 0: the checksum HDF5 stores after version 2 superblocks
 * and object headers. Bytes are consumed in 12-byte rounds, the last 1..12 bytes (never zero, unless the input is
 * empty) go through the final mix.
 */
final class Lookup3 {
    private Lookup3() {
    }

    static int hash(byte[] key, int offset, int length) {
        int a = 0xdeadbeef + length, b = a, c = a;
        int k = offset, left = length;
        while (left > 12) {
            a += word(key, k);
            b += word(key, k + 4);
            c += word(key, k + 8);
            // mix(a, b, c)
            a -= c; a ^= Integer.rotateLeft(c, 4); c += b;
            b -= a; b ^= Integer.rotateLeft(a, 6); a += c;
            c -= b; c ^= Integer.rotateLeft(b, 8); b += a;
            a -= c; a ^= Integer.rotateLeft(c, 16); c += b;
            b -= a; b ^= Integer.rotateLeft(a, 19); a += c;
            c -= b; c ^= Integer.rotateLeft(b, 4); b += a;
            k += 12;
            left -= 12;
        }
        if (left == 0) return c;
        int[] tail = new int[3];
        for (int i = 0; i < left; i++) tail[i / 4] += (key[k + i] & 0xff) << (8 * (i % 4));
        a += tail[0];
        b += tail[1];
        c += tail[2];
        // final(a, b, c)
        c ^= b; c -= Integer.rotateLeft(b, 14);
        a ^= c; a -= Integer.rotateLeft(c, 11);
        b ^= a; b -= Integer.rotateLeft(a, 25);
        c ^= b; c -= Integer.rotateLeft(b, 16);
        a ^= c; a -= Integer.rotateLeft(c, 4);
        b ^= a; b -= Integer.rotateLeft(a, 14);
        c ^= b; c -= Integer.rotateLeft(b, 24);
        return c;
    }

    private static int word(byte[] key, int k) {
        return (key[k] & 0xff) | (key[k + 1] & 0xff) << 8 | (key[k + 2] & 0xff) << 16 | (key[k + 3] & 0xff) << 24;
    }
}
