package org.stdeconv.infer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.stdeconv.InputDataException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What ties one chunk's output to its model and slide: the model's checksum and the slide's fingerprint
 * ({@link SlideFingerprint}), written as {@value #FILE} beside every chunk's tables. Why a file of its own: the annotated
 * h5ad carries both in uns, but a chunk run with write_h5ad: false has no h5ad, and its config names the model and
 * slide by path only, so chunks of another model or of another slide with the same file name merged silently.
 */
record ChunkIdentity(String chunk, String modelChecksum, String slideFingerprint) {
    static final String FILE = "chunk_identity.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    void write(Path file) {
        try {
            Files.writeString(file, JSON.writeValueAsString(this) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The identity a chunk folder recorded; refused when missing or unreadable (a chunk written before this file existed). */
    static ChunkIdentity read(Path chunkDir, ChunkSpec spec) {
        Path file = chunkDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new InputDataException(chunkDir, null, "no " + FILE + " (every chunk run of infer writes one)", "rerun chunk " + spec + " of infer with this stdeconv");
        }
        try {
            ChunkIdentity id = JSON.readValue(file.toFile(), ChunkIdentity.class);
            if (id.modelChecksum() == null || id.slideFingerprint() == null) throw new InputDataException(file, null, "incomplete", "rerun chunk " + spec + " of infer");
            return id;
        } catch (JsonProcessingException e) {
            throw new InputDataException(file, null, "not a chunk identity (" + e.getOriginalMessage() + ")", "rerun chunk " + spec + " of infer");
        } catch (IOException e) {
            throw new InputDataException(file, null, "cannot be read (" + e.getMessage() + ")", "rerun chunk " + spec + " of infer");
        }
    }

    /** Refuses {@code other} (read from {@code otherDir}) when its model or slide is not this chunk's. */
    void requireSameRun(ChunkIdentity other, Path otherDir, Path firstDir) {
        Path file = otherDir.resolve(FILE);
        if (!modelChecksum.equals(other.modelChecksum)) {
            throw new InputDataException(file, "model_checksum", "another model than " + firstDir + "'s (the checksums differ)", "merge chunks of one run (same model and slide)");
        }
        if (!slideFingerprint.equals(other.slideFingerprint)) {
            throw new InputDataException(file, "slide_fingerprint", "another slide than " + firstDir + "'s (spot names, genes, coordinates or counts differ)",
                    "merge chunks of one run (same model and slide)");
        }
    }
}
