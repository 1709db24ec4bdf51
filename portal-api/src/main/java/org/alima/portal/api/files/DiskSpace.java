package org.alima.portal.api.files;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.convert.format.ReadableBytes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The room left on the data directory's disk, and what an upload may take of it; thread-safe.
 *
 * <p>An upload is written twice before it is kept (the server receives the part whole, then the file store copies it
 * while hashing it), so it needs twice its size, and {@code portal.files.min-free-space} (100 MB by default) is left
 * for PostgreSQL (when embedded), the search index and the logs, which must not be the ones to find the disk full.
 * A files directory on a disk of its own ({@code PORTAL_FILES_DIR}, shared by several nodes) must also have room for
 * the stored copy, with the same reserve.
 */
@Singleton
public final class DiskSpace {

    private final Path dataDirectory;
    private final Path filesDirectory;
    private final long reserve;

    @Inject
    DiskSpace(
            @Value("${portal.data-dir}") String dataDirectory,
            @Value("${portal.files-dir:}") String filesDirectory,
            @Value("${portal.files.min-free-space:100MB}") @ReadableBytes long reserve) {
        if (reserve < 0) {
            throw new IllegalArgumentException("portal.files.min-free-space must be 0 or more, got " + reserve);
        }
        this.dataDirectory = Path.of(dataDirectory).toAbsolutePath().normalize();
        this.filesDirectory = filesDirectory.isBlank()
                ? this.dataDirectory.resolve("files")
                : Path.of(filesDirectory).toAbsolutePath().normalize();
        this.reserve = reserve;
    }

    DiskSpace(String dataDirectory, long reserve) {
        this(dataDirectory, "", reserve);
    }

    /**
     * Refuses an upload of {@code length} bytes (-1 when unknown) when the disk cannot take it.
     *
     * @throws StorageFullException when it would leave less than the reserve
     */
    public void requireRoomForUpload(long length) {
        long size = Math.max(0, length);
        if (usable(dataDirectory) < reserve + size * 2) {
            throw full(null);
        }
        if (Files.isDirectory(filesDirectory)
                && !store(filesDirectory).equals(store(dataDirectory))
                && usable(filesDirectory) < reserve + size) {
            throw full(null);
        }
    }

    /** True when {@code failure} of a write under the data directory came from a full disk. */
    public boolean isFull(IOException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String message = cause.getMessage();
            // ENOSPC as the JDK reports it on Linux and macOS; the free space tells otherwise.
            if (message != null && message.contains("No space left on device")) {
                return true;
            }
        }
        return usable(dataDirectory) < reserve + 1;
    }

    /** The refusal of an upload that found the disk full. */
    public StorageFullException full(Throwable cause) {
        return new StorageFullException(
                "The portal's disk is full: the upload was not kept. Try again later; an administrator needs to make"
                        + " room on the server.",
                cause);
    }

    private static long usable(Path directory) {
        try {
            return store(directory).getUsableSpace();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the free space of " + directory, e);
        }
    }

    private static FileStore store(Path directory) {
        try {
            return Files.getFileStore(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the file system of " + directory, e);
        }
    }
}
