package org.stdeconv.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded mini-batch order over a set of rows, reshuffled every pass. Like the published code (drop_last) an
 * incomplete last batch is skipped, but since the order changes every pass a different handful of spots sits out
 * each time (the published code never shuffled and so always dropped the same spots).
 */
final class BatchOrder {
    private final int[] rows;
    private final int batchSize;
    private final Random random;
    private final List<int[]> pending = new ArrayList<>();

    BatchOrder(int[] rows, int batchSize, long seed) {
        this.rows = rows.clone();
        this.batchSize = Math.min(batchSize, rows.length);
        this.random = new Random(seed);
    }

    /** The batches of one shuffled pass. */
    List<int[]> epoch() {
        int[] order = rows.clone();
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        List<int[]> out = new ArrayList<>();
        for (int s = 0; s < order.length; s += batchSize) {
            int e = Math.min(order.length, s + batchSize);
            if (e - s < batchSize) break;
            int[] b = new int[e - s];
            System.arraycopy(order, s, b, 0, b.length);
            out.add(b);
        }
        return out;
    }

    /** The next batch of an endless sequence of passes (target spots are cycled alongside training batches). */
    int[] next() {
        if (pending.isEmpty()) pending.addAll(epoch());
        return pending.remove(0);
    }
}
