package org.alima.portal.api.files;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.server.HttpServerConfiguration;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps uploaded files under {@code <dataDir>/files/}, content-addressed by SHA-256 ({@code files/ab/abcd...}); safe
 * for concurrent use.
 *
 * <p>An upload is first streamed to {@code files/.incoming/} while its hash, size and format are computed, then moved
 * into place atomically once the database accepted it: a crash leaves at worst a stray file in {@code .incoming}, never
 * a half-written stored file.
 */
// Eager: the server's multipart buffer (micronaut.server.multipart.location) lives in .incoming, created here.
@Context
public final class FileStore {

    private static final String INCOMING = ".incoming";

    private static final Logger LOG = LoggerFactory.getLogger(FileStore.class);

    private final Path dataDirectory;
    private final Path files;
    private final long maxFileSize;
    private final DiskSpace disk;

    FileStore(@Value("${portal.data-dir}") String dataDirectory, HttpServerConfiguration server, DiskSpace disk) {
        this.dataDirectory = Path.of(dataDirectory).toAbsolutePath().normalize();
        this.files = this.dataDirectory.resolve("files");
        this.maxFileSize = server.getMultipart().getMaxFileSize();
        this.disk = disk;
        try {
            Files.createDirectories(files.resolve(INCOMING));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot create " + files.resolve(INCOMING) + "; make PORTAL_DATA_DIR writable", e);
        }
        removeLeftovers(files.resolve(INCOMING));
    }

    /**
     * Deletes what uploads in progress left in {@code .incoming} when the process stopped (a crash, a power cut):
     * nothing is in progress yet, since the server starts listening after this store exists.
     */
    private static void removeLeftovers(Path incoming) {
        try (Stream<Path> leftovers = Files.list(incoming)) {
            long removed = leftovers
                    .filter(Files::isRegularFile)
                    .filter(path -> {
                        try {
                            return Files.deleteIfExists(path);
                        } catch (IOException e) {
                            LOG.warn("Could not remove the unfinished upload {}: {}", path, e.toString());
                            return false;
                        }
                    })
                    .count();
            if (removed > 0) {
                LOG.info("Removed {} unfinished uploads left in {} by the last run", removed, incoming);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + incoming + "; make PORTAL_DATA_DIR readable", e);
        }
    }

    /**
     * Streams {@code content} to a temporary file, hashing and recognising it on the way.
     *
     * @throws UploadRejectedException when the file is empty, larger than the limit, or of no supported format;
     *     nothing is left on disk then
     * @throws StorageFullException when the disk filled up while it was written; nothing is left on disk then
     */
    public IncomingFile receive(InputStream content, SafeFileName name) throws IOException {
        Path temporary = files.resolve(INCOMING).resolve(UUID.randomUUID() + ".part");
        boolean kept = false;
        try {
            Scan scan;
            try (OutputStream out = Files.newOutputStream(temporary)) {
                scan = scan(content, out, maxFileSize);
            } catch (IOException e) {
                if (disk.isFull(e)) {
                    throw disk.full(e);
                }
                throw e;
            }
            if (scan.size() == 0) {
                throw UploadRejectedException.empty();
            }
            StoredMediaType type =
                    scan.sniffer().finish(temporary, name).orElseThrow(UploadRejectedException::unsupportedType);
            kept = true;
            return new IncomingFile(temporary, scan.sha256(), scan.size(), type);
        } finally {
            if (!kept) {
                Files.deleteIfExists(temporary);
            }
        }
    }

    /**
     * Reads a stored file again and says what its bytes are now: their SHA-256 and format, to compare with what was
     * recorded when it was stored.
     */
    public FileFacts inspect(Path path, SafeFileName name) throws IOException {
        Scan scan;
        try (InputStream in = Files.newInputStream(path)) {
            scan = scan(in, OutputStream.nullOutputStream(), Long.MAX_VALUE);
        }
        return new FileFacts(
                scan.sha256(), scan.size(), scan.sniffer().finish(path, name).orElse(null));
    }

    /** One pass over the bytes: copied to {@code out}, hashed, counted against {@code limit} and sniffed. */
    private static Scan scan(InputStream content, OutputStream out, long limit) throws IOException {
        ContentSniffer sniffer = new ContentSniffer();
        MessageDigest sha256 = sha256();
        long size = 0;
        byte[] buffer = new byte[64 * 1024];
        for (int n; (n = content.read(buffer)) >= 0; ) {
            size += n;
            if (size > limit) {
                throw UploadRejectedException.tooLarge(limit);
            }
            sha256.update(buffer, 0, n);
            sniffer.update(buffer, 0, n);
            out.write(buffer, 0, n);
        }
        return new Scan(HexFormat.of().formatHex(sha256.digest()), size, sniffer);
    }

    private record Scan(String sha256, long size, ContentSniffer sniffer) {}

    /**
     * Moves an accepted file to its content address and returns that address relative to the data directory. Bytes
     * already stored under the same hash (left by an upload whose transaction failed) are kept as they are.
     */
    public String store(IncomingFile incoming) {
        String relative = "files/" + incoming.sha256().substring(0, 2) + "/" + incoming.sha256();
        Path target = dataDirectory.resolve(relative);
        try {
            Files.createDirectories(target.getParent());
            try {
                Files.move(incoming.path(), target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(incoming.path(), target);
            }
        } catch (FileAlreadyExistsException sameBytes) {
            discard(incoming);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot store the upload at " + target + "; check the data directory", e);
        }
        return relative;
    }

    /** Removes a file that was received but not stored; a no-op once it was stored. */
    public void discard(IncomingFile incoming) {
        try {
            Files.deleteIfExists(incoming.path());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot remove the temporary upload " + incoming.path(), e);
        }
    }

    public Path resolve(String storagePath) {
        Path path = dataDirectory.resolve(storagePath).normalize();
        if (!path.startsWith(files)) {
            throw new IllegalStateException("storage path escapes the files directory: " + storagePath);
        }
        return path;
    }

    public void delete(String storagePath) {
        try {
            Files.deleteIfExists(resolve(storagePath));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete the stored file " + storagePath, e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    /** A received file waiting for the database's answer. */
    public record IncomingFile(Path path, String sha256, long size, StoredMediaType mediaType) {}

    /**
     * What a stored file's bytes are.
     *
     * @param mediaType the format recognised from the bytes, or null when they are of no supported format
     */
    public record FileFacts(String sha256, long size, StoredMediaType mediaType) {}
}
