package org.stdeconv.step;

import org.stdeconv.ConfigException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One run at a time per output: an exclusive lock on a hidden file beside the output, held from before the stage
 * looks at what earlier runs left until it closes. A second run of the same output is refused in one line instead of
 * removing the first one's live staging. The lock file is deleted while still held, so a run leaves none behind; a
 * killed run's is reused and removed by the next. Where the file system has no locks, runs go unlocked, as before.
 */
final class OutputLock {
    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private boolean released;

    private OutputLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    static OutputLock acquire(Path lockFile, Path output) throws IOException {
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // this process already writes the output
        } catch (IOException e) {
            return new OutputLock(lockFile, channel, null); // no locks on this file system
        }
        if (lock == null) {
            channel.close();
            throw new ConfigException(output, null, "another stdeconv run is writing this output now", "wait for it to end, or give this run another output");
        }
        return new OutputLock(lockFile, channel, lock);
    }

    /** Idempotent: a second call must not delete the lock file a later run holds. */
    synchronized void release() {
        if (released) return;
        released = true;
        try {
            // deleted before the lock goes, so no other run can hold a lock on a file about to vanish; on a file
            // system without locks it is only litter
            Files.deleteIfExists(file);
            if (lock != null && lock.isValid()) lock.release();
            channel.close();
        } catch (IOException ignored) {
            // the run's result is in place; a lock file left behind is reused by the next run
        }
    }
}
