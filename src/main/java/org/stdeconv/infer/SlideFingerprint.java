package org.stdeconv.infer;

import org.stdeconv.data.CsrMatrix;
import org.stdeconv.io.SpotSource;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Which slide an infer run read: SHA-256 over its spot names, gene names, spot coordinates and the counts of its first
 * and last {@link #SAMPLED_SPOTS} spots, recorded in the annotated h5ad so that merge can refuse chunks of two slides
 * that share a file name. Why not the file's checksum: each chunk would read the whole (possibly many-GB) slide that
 * chunking exists to avoid, and a converted copy of the same slide has other bytes. Names and positions alone would
 * not do: Visium barcodes repeat from slide to slide, and synthetic slides share their grid.
 */
final class SlideFingerprint {
    private SlideFingerprint() {
    }

    static final int SAMPLED_SPOTS = 64;

    static String of(SpotSource slide) {
        MessageDigest md = sha256();
        int head = Math.min(SAMPLED_SPOTS, slide.rows()), tail = Math.min(SAMPLED_SPOTS, slide.rows() - head);
        counts(md, slide.readRows(0, head));
        counts(md, slide.readRows(slide.rows() - tail, tail));
        names(md, slide.obsNames());
        names(md, slide.varNames());
        double[][] xy = slide.spatial();
        if (xy != null) {
            ByteBuffer b = ByteBuffer.allocate(16);
            for (double[] p : xy) {
                b.clear();
                md.update(b.putDouble(p[0]).putDouble(p[1]).flip());
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static void counts(MessageDigest md, CsrMatrix block) {
        ByteBuffer b = ByteBuffer.allocate(12);
        for (int r = 0; r < block.rows(); r++) {
            for (int k = block.rowStart(r); k < block.rowEnd(r); k++) {
                b.clear();
                md.update(b.putInt(r).putInt(block.indices()[k]).putFloat(block.data()[k]).flip());
            }
        }
    }

    private static void names(MessageDigest md, List<String> names) {
        md.update(ByteBuffer.allocate(4).putInt(names.size()).flip());
        for (String n : names) {
            md.update(n.getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
