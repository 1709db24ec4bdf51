package org.alima.portal.api.imports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Matches the files found under a folder with the rows of a metadata file: by the path relative to the folder, else by
 * the file name when one file only has it. The lines come in the order of the files' paths, then the rows that
 * matched no file: the same order at every run, so that duplicates within a folder are decided the same way.
 */
final class ImportPlan {

    private ImportPlan() {}

    /**
     * @param excluded files under the folder that are not to be imported (the metadata file, the report)
     */
    static List<ImportLine> of(Path folder, MetadataFile metadata, Set<Path> excluded) throws IOException {
        Path root = folder.toAbsolutePath().normalize();
        List<String> paths;
        try (Stream<Path> walk = Files.walk(root)) {
            paths = walk.filter(Files::isRegularFile)
                    .filter(path -> !excluded.contains(path.toAbsolutePath().normalize()))
                    .map(path -> root.relativize(path).toString().replace('\\', '/'))
                    .filter(relative -> !hidden(relative))
                    .sorted()
                    .toList();
        }
        Map<String, List<String>> byName = new HashMap<>();
        for (String path : paths) {
            byName.computeIfAbsent(name(path), name -> new ArrayList<>()).add(path);
        }
        Map<String, MetadataFile.Row> described = new LinkedHashMap<>();
        List<ImportLine> unmatched = new ArrayList<>();
        for (MetadataFile.Row row : metadata.rows()) {
            if (row.problem() != null) {
                unmatched.add(
                        refused(row, "(line " + row.line() + ")", FileOutcome.Failure.BAD_METADATA, row.problem()));
                continue;
            }
            String given = row.file().startsWith("./") ? row.file().substring(2) : row.file();
            String path;
            if (paths.contains(given)) {
                path = given;
            } else {
                List<String> named = byName.getOrDefault(name(given), List.of());
                if (named.size() == 1 && !given.contains("/")) {
                    path = named.get(0);
                } else if (named.size() > 1 && !given.contains("/")) {
                    unmatched.add(refused(
                            row,
                            given,
                            FileOutcome.Failure.FILE_MISSING,
                            "several files are named " + given + " (" + String.join(", ", named)
                                    + "); give the path relative to the folder"));
                    continue;
                } else {
                    unmatched.add(refused(
                            row,
                            given,
                            FileOutcome.Failure.FILE_MISSING,
                            "no file " + given + " under " + root + "; give its path relative to the folder"));
                    continue;
                }
            }
            MetadataFile.Row earlier = described.putIfAbsent(path, row);
            if (earlier != null) {
                unmatched.add(refused(
                        row,
                        "(line " + row.line() + ") " + given,
                        FileOutcome.Failure.BAD_METADATA,
                        path + " is already described at line " + earlier.line() + "; give each file one line"));
            }
        }
        List<ImportLine> lines = new ArrayList<>();
        for (String path : paths) {
            MetadataFile.Row row = described.get(path);
            lines.add(new ImportLine(
                    path,
                    row == null ? null : row.line(),
                    root.resolve(path),
                    row == null ? Map.of() : row.metadata(),
                    null));
        }
        Set<String> taken = new java.util.HashSet<>(paths);
        for (ImportLine line : unmatched) {
            String path = line.path();
            if (!taken.add(path)) {
                path = "(line " + line.line() + ") " + path;
                taken.add(path);
            }
            lines.add(new ImportLine(path, line.line(), null, line.metadata(), line.refused()));
        }
        return lines;
    }

    private static ImportLine refused(MetadataFile.Row row, String path, FileOutcome.Failure failure, String reason) {
        return new ImportLine(path, row.line(), null, row.metadata(), FileOutcome.failed(failure, reason));
    }

    private static String name(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }

    /** Files and folders whose name starts with a dot ({@code .DS_Store}, {@code .git/}) are not part of a library. */
    private static boolean hidden(String relative) {
        for (String part : relative.split("/")) {
            if (part.startsWith(".")) {
                return true;
            }
        }
        return false;
    }
}
