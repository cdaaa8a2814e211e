package org.stdeconv.train;

import java.nio.file.Path;

/**
 * One target slide of a training run: its config key ({@code target}, or {@code target[i]} in a list of several),
 * its file, where its spots sit in the concatenated target rows ({@link TrainingData#target()}), and its own
 * coordinates (null when the slide has none), which are never compared with another slide's.
 */
public record TargetSlide(String key, Path file, int offset, int spots, double[][] xy) {
}
