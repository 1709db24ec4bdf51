package org.alima.portal.api.operations;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** Copies of directory trees for backups and restores; stateless. */
final class DataDirectory {

    private DataDirectory() {}

    /** True when {@code directory} does not exist or holds nothing. */
    static boolean isEmpty(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return true;
        }
        if (!Files.isDirectory(directory)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.findAny().isEmpty();
        }
    }

    /**
     * Copies the files under {@code source} that {@code wanted} accepts (by their path relative to it) and that
     * {@code target} does not hold yet, keeping their times; returns how many were copied. A file that disappears
     * while the tree is walked is skipped.
     */
    static int copyNew(Path source, Path target, Predicate<String> wanted) throws IOException {
        if (!Files.isDirectory(source)) {
            return 0;
        }
        int[] copied = {0};
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes)
                    throws IOException {
                String relative = Checksums.relative(source, directory);
                if (!relative.isEmpty() && !wanted.test(relative)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(target.resolve(relative));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                String relative = Checksums.relative(source, file);
                Path copy = target.resolve(relative);
                if (wanted.test(relative) && !Files.exists(copy)) {
                    try {
                        Files.copy(file, copy, StandardCopyOption.COPY_ATTRIBUTES);
                        copied[0]++;
                    } catch (NoSuchFileException deleted) {
                        // deleted while the tree was walked
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }
        });
        return copied[0];
    }

    /** Deletes {@code directory}'s contents, leaving it empty: what a failed restore wrote. */
    static void empty(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (Stream<Path> all = Files.walk(directory)) {
            for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
                if (!path.equals(directory)) {
                    Files.delete(path);
                }
            }
        }
    }

    /** The bytes of the regular files under {@code directory}. */
    static long size(Path directory) throws IOException {
        try (Stream<Path> all = Files.walk(directory)) {
            return all.filter(Files::isRegularFile)
                    .mapToLong(file -> file.toFile().length())
                    .sum();
        }
    }
}
