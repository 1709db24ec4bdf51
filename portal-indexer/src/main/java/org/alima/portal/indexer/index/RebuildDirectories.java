package org.alima.portal.indexer.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.Lock;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.store.NativeFSLockFactory;
import org.apache.lucene.util.IOUtils;

/**
 * The sibling directories of an index during a rebuild, and the recovery of a rebuild that a crash interrupted.
 * Stateless; safe from any thread, but only one process may own an index directory.
 *
 * <p>A rebuild writes {@code <name>.rebuilding}, renames it to {@code <name>.rebuilt} once committed (so a complete
 * rebuild is recognisable), renames the live index to {@code <name>.old}, renames {@code .rebuilt} to the live name,
 * then deletes {@code .old}. Each rename is atomic; whatever step a crash stops at, {@link #recover} reaches a state
 * with exactly one live index.
 */
final class RebuildDirectories {

    private RebuildDirectories() {}

    /**
     * Takes the lock that makes this process the only owner of {@code index} and its siblings, before anything is
     * recovered or opened: another process's rebuild in progress must not be mistaken for a crashed one.
     *
     * @throws IndexLockedException when another process or PortalIndex owns it
     */
    static Ownership own(Path index) {
        Path parent = index.getParent();
        Path name = index.getFileName();
        if (parent == null || name == null) {
            throw new IndexException("the index cannot live in a filesystem root (" + index + "); use a sub-directory");
        }
        Directory directory = null;
        try {
            directory = FSDirectory.open(parent);
            return new Ownership(directory, NativeFSLockFactory.INSTANCE.obtainLock(directory, name + ".lock"));
        } catch (LockObtainFailedException e) {
            IOUtils.closeWhileHandlingException(directory);
            throw new IndexLockedException(index, e);
        } catch (IOException e) {
            IOUtils.closeWhileHandlingException(directory);
            throw new IndexException(
                    "could not lock " + index + ": " + e + "; check that " + parent + " is writable", e);
        }
    }

    /** The held ownership lock; closing releases it. */
    record Ownership(Directory parent, Lock lock) implements AutoCloseable {
        @Override
        public void close() {
            IOUtils.closeWhileHandlingException(lock, parent);
        }
    }

    static Path building(Path index) {
        return sibling(index, ".rebuilding");
    }

    static Path rebuilt(Path index) {
        return sibling(index, ".rebuilt");
    }

    static Path retired(Path index) {
        return sibling(index, ".old");
    }

    private static Path sibling(Path index, String suffix) {
        Path name = index.getFileName();
        if (name == null) {
            throw new IndexException("the index cannot live in a filesystem root (" + index + "); use a sub-directory");
        }
        return index.resolveSibling(name + suffix);
    }

    /** Brings the directories of {@code index} back to one live index after an interrupted rebuild. */
    static void recover(Path index) throws IOException {
        deleteRecursively(building(index));
        if (Files.isDirectory(rebuilt(index))) {
            // The rebuild completed: finish the swap it had started.
            if (Files.exists(index)) {
                deleteRecursively(retired(index));
                move(index, retired(index));
            }
            move(rebuilt(index), index);
        } else if (!Files.exists(index) && Files.isDirectory(retired(index))) {
            move(retired(index), index);
        }
        deleteRecursively(retired(index));
    }

    static void move(Path from, Path to) throws IOException {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    }

    static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
