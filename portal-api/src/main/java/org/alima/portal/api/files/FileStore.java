package org.alima.portal.api.files;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.server.HttpServerConfiguration;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import java.util.stream.Stream;
import org.alima.portal.indexer.extract.Format;
import org.alima.portal.indexer.extract.FormatSniffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps uploaded files in the files directory ({@code portal.files-dir}, {@code PORTAL_FILES_DIR}; by default {@code
 * <dataDir>/files/}), content-addressed by SHA-256 ({@code ab/abcd...}); safe for concurrent use, by this process and
 * by other portal nodes sharing the files directory (a network file system mounted on each).
 *
 * <p>An upload is first streamed to this node's own {@code <dataDir>/files/.incoming/} while its hash and size are
 * computed, its format decided, then moved into place once the database accepted it: renamed when both are on one
 * file system, otherwise copied to a temporary name beside its place and renamed there. Either way a reader, on this
 * node or another, sees the whole file or none: a crash leaves at worst a stray file in {@code .incoming} or a
 * {@code .part} beside the stored files, never a half-written stored file. The database records a file as {@code
 * files/ab/abcd...} whatever the files directory is, so that it can be moved.
 */
// Eager: the server's multipart buffer (micronaut.server.multipart.location) lives in .incoming, created here.
@Context
public final class FileStore {

    private static final String INCOMING = ".incoming";

    private static final Logger LOG = LoggerFactory.getLogger(FileStore.class);

    /** The prefix of every storage path the database records, whatever the files directory is. */
    private static final String STORED = "files/";

    private final Path files;
    private final Path incoming;
    private final long maxFileSize;
    private final DiskSpace disk;

    /**
     * @param removeLeftovers false in a process beside a running portal (the import), whose uploads in progress are
     *     in {@code .incoming} too
     */
    @Inject
    FileStore(
            @Value("${portal.data-dir}") String dataDirectory,
            @Value("${portal.files-dir:}") String filesDirectory,
            HttpServerConfiguration server,
            DiskSpace disk,
            @Value("${portal.files.remove-leftovers:true}") boolean removeLeftovers) {
        this(
                Path.of(dataDirectory),
                filesDirectory.isBlank() ? null : Path.of(filesDirectory),
                server.getMultipart().getMaxFileSize(),
                disk,
                removeLeftovers);
    }

    FileStore(Path dataDirectory, long maxFileSize, DiskSpace disk) {
        this(dataDirectory, null, maxFileSize, disk, true);
    }

    FileStore(Path dataDirectory, Path filesDirectory, long maxFileSize, DiskSpace disk) {
        this(dataDirectory, filesDirectory, maxFileSize, disk, true);
    }

    /**
     * @param filesDirectory null: {@code <dataDirectory>/files}
     */
    private FileStore(
            Path dataDirectory, Path filesDirectory, long maxFileSize, DiskSpace disk, boolean removeLeftovers) {
        Path ownFiles = dataDirectory.toAbsolutePath().normalize().resolve("files");
        this.files = filesDirectory == null
                ? ownFiles
                : filesDirectory.toAbsolutePath().normalize();
        // This node's, never shared: another node's uploads in progress are not this one's leftovers.
        this.incoming = ownFiles.resolve(INCOMING);
        this.maxFileSize = maxFileSize;
        this.disk = disk;
        try {
            Files.createDirectories(incoming);
            Files.createDirectories(files);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot create " + incoming + " or " + files
                            + "; make PORTAL_DATA_DIR and PORTAL_FILES_DIR writable",
                    e);
        }
        if (removeLeftovers) {
            removeLeftovers(incoming);
        }
    }

    /** Where the stored files are: the files directory. */
    public Path directory() {
        return files;
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
     * Streams {@code content} to a temporary file, hashing it on the way, then decides its format once and for all
     * with portal-indexer's {@link FormatSniffer}: the format is stored with the file and the extractor reads it as
     * that format. A text format must also be UTF-8 without NUL bytes, since the portal serves it as UTF-8.
     *
     * @throws UploadRejectedException when the file is empty, larger than the limit, of no supported format, or text
     *     that is not UTF-8; nothing is left on disk then
     * @throws StorageFullException when the disk filled up while it was written; nothing is left on disk then
     */
    public IncomingFile receive(InputStream content, SafeFileName name) throws IOException {
        Path temporary = incoming.resolve(UUID.randomUUID() + ".part");
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
            Format format = switch (FormatSniffer.sniff(temporary, name.value())) {
                case FormatSniffer.Verdict.Supported supported -> supported.format();
                case FormatSniffer.Verdict.Refused refused -> throw UploadRejectedException.refused(refused);
            };
            if (format.isText() && !isUtf8WithoutNul(temporary)) {
                throw UploadRejectedException.notUtf8();
            }
            kept = true;
            return new IncomingFile(temporary, scan.sha256(), scan.size(), format);
        } finally {
            if (!kept) {
                Files.deleteIfExists(temporary);
            }
        }
    }

    /** The SHA-256 of a stored file's bytes as they are now, to compare with the one recorded when it was stored. */
    public String sha256Of(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return scan(in, OutputStream.nullOutputStream(), Long.MAX_VALUE).sha256();
        }
    }

    /** One pass over the bytes: copied to {@code out}, hashed and counted against {@code limit}. */
    private static Scan scan(InputStream content, OutputStream out, long limit) throws IOException {
        MessageDigest sha256 = sha256();
        long size = 0;
        byte[] buffer = new byte[64 * 1024];
        for (int n; (n = content.read(buffer)) >= 0; ) {
            size += n;
            if (size > limit) {
                throw UploadRejectedException.tooLarge(limit);
            }
            sha256.update(buffer, 0, n);
            out.write(buffer, 0, n);
        }
        return new Scan(HexFormat.of().formatHex(sha256.digest()), size);
    }

    private record Scan(String sha256, long size) {}

    /**
     * Whether a text file decodes as UTF-8 without a NUL: the portal serves text formats with {@code charset=utf-8}
     * (the extractor would read other encodings, a browser shown the file would not).
     */
    private static boolean isUtf8WithoutNul(Path file) throws IOException {
        CharsetDecoder utf8 = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (Reader reader = new InputStreamReader(Files.newInputStream(file), utf8)) {
            char[] buffer = new char[8192];
            for (int n; (n = reader.read(buffer)) >= 0; ) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == 0) {
                        return false;
                    }
                }
            }
            return true;
        } catch (CharacterCodingException notUtf8) {
            return false;
        }
    }

    /**
     * Moves an accepted file to its content address and returns that address as the database records it ({@code
     * files/ab/abcd...}). Bytes already stored under the same hash (left by an upload whose transaction failed, or
     * stored by another node at the same moment) are kept as they are.
     *
     * @throws StorageFullException when the files directory's disk filled up; nothing is left of the copy then
     */
    public String store(IncomingFile incoming) {
        String relative = incoming.sha256().substring(0, 2) + "/" + incoming.sha256();
        Path target = files.resolve(relative);
        try {
            Files.createDirectories(target.getParent());
            if (Files.exists(target)) {
                discard(incoming);
            } else {
                moveInPlace(incoming.path(), target);
            }
        } catch (IOException e) {
            if (disk.isFull(e)) {
                throw disk.full(e);
            }
            throw new UncheckedIOException("Cannot store the upload at " + target + "; check the files directory", e);
        }
        return STORED + relative;
    }

    /**
     * Puts {@code source} at {@code target} in one rename, so that no reader sees part of it: directly when both are
     * on one file system, else through a copy beside the target.
     */
    private static void moveInPlace(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
            return;
        } catch (AtomicMoveNotSupportedException otherFileSystem) {
            // A files directory shared over the network: copied below, then renamed within its directory.
        }
        Path part = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".part");
        try {
            Files.copy(source, part);
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Files.delete(source);
        } finally {
            Files.deleteIfExists(part);
        }
    }

    /** Removes a file that was received but not stored; a no-op once it was stored. */
    public void discard(IncomingFile incoming) {
        try {
            Files.deleteIfExists(incoming.path());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot remove the temporary upload " + incoming.path(), e);
        }
    }

    /**
     * The stored file a storage path ({@code files/ab/abcd...}) names, in the files directory.
     *
     * @throws IllegalStateException when the path would lead out of the files directory
     */
    public Path resolve(String storagePath) {
        if (!storagePath.startsWith(STORED)) {
            throw new IllegalStateException("storage path outside the files directory: " + storagePath);
        }
        Path path = files.resolve(storagePath.substring(STORED.length())).normalize();
        if (!path.startsWith(files) || path.equals(files)) {
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

    /**
     * A received file waiting for the database's answer.
     *
     * @param format decided from the bytes by {@link FormatSniffer}, stored with the file
     */
    public record IncomingFile(Path path, String sha256, long size, Format format) {}
}
