package org.stdeconv.infer;

import org.stdeconv.ConfigException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which part of a slide one infer run covers: the {@code index}-th (1-based) of {@code count} contiguous spot
 * ranges. Ranges are cut at batch boundaries, so each chunk feeds the network exactly the batches a whole-slide
 * run would, and merged chunk outputs equal a whole-slide run byte for byte.
 */
public record ChunkSpec(int index, int count) {
    public static final ChunkSpec WHOLE = new ChunkSpec(1, 1);
    private static final Pattern FORM = Pattern.compile("\\s*(\\d+)\\s*/\\s*(\\d+)\\s*");

    /** Parses "i/n"; empty or null is the whole slide. */
    public static ChunkSpec parse(String text, Object source) {
        if (text == null || text.isBlank()) return WHOLE;
        Matcher m = FORM.matcher(text);
        if (!m.matches()) throw new ConfigException(source, "chunk", "'" + text + "' is not of the form i/n", "e.g. chunk: 2/8 for the second of eight ranges");
        int i, n;
        try {
            i = Integer.parseInt(m.group(1));
            n = Integer.parseInt(m.group(2));
        } catch (NumberFormatException e) {
            throw new ConfigException(source, "chunk", "'" + text + "' has numbers too large", "use fewer chunks");
        }
        if (n < 1 || i < 1 || i > n) throw new ConfigException(source, "chunk", "'" + text + "': i must be between 1 and n (1-based)", "e.g. 1/" + Math.max(n, 1) + " ... " + Math.max(n, 1) + "/" + Math.max(n, 1));
        return new ChunkSpec(i, n);
    }

    public boolean isWhole() {
        return count == 1;
    }

    /** Spot range [start, end) of this chunk in a slide of {@code rows} spots cut into batches of {@code batchSize}. */
    public Range range(int rows, int batchSize, Object source) {
        long batches = (rows + (long) batchSize - 1) / batchSize;
        if (count > batches) {
            throw new ConfigException(source, "chunk", "the slide has " + rows + " spots, only " + batches + " batches of batch_size " + batchSize
                    + ", too few for " + count + " chunks", "use at most " + batches + " chunks or a smaller batch_size");
        }
        long firstBatch = batches * (index - 1) / count, endBatch = batches * index / count;
        return new Range((int) Math.min(rows, firstBatch * batchSize), (int) Math.min(rows, endBatch * batchSize));
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }

    public record Range(int start, int end) {
        public int size() {
            return end - start;
        }
    }
}
