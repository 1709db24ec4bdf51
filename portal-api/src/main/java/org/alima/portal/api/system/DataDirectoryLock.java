package org.alima.portal.api.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The lock a running portal holds on its data directory ({@code portal.lock} in it, an operating-system file lock
 * released when the process ends, however it ends), so that a second portal started on the same directory stops at
 * once with a clear message, before it touches anything: not after removing the first one's uploads in progress, nor
 * with Lucene's lock failure deep in a stack trace. Administration commands beside a running portal do not take it.
 * Not thread-safe; {@link #close()} it once.
 */
final class DataDirectoryLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks {@code dataDirectory}, created when missing.
     *
     * @throws DataDirectoryInUseException when another portal, in this process or another, holds it
     */
    static DataDirectoryLock acquire(Path dataDirectory) {
        FileChannel channel = null;
        try {
            Files.createDirectories(dataDirectory);
            channel = FileChannel.open(
                    dataDirectory.resolve("portal.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException sameProcess) {
                lock = null;
            }
            if (lock == null) {
                throw new DataDirectoryInUseException(dataDirectory, null);
            }
            return new DataDirectoryLock(channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException(
                    "Cannot lock the data directory " + dataDirectory + "; make PORTAL_DATA_DIR writable", e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot release the data directory's lock", e);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // Closing a channel that holds no lock: nothing is left held either way.
        }
    }
}
