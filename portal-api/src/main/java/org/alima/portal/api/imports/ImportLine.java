package org.alima.portal.api.imports;

import io.micronaut.core.annotation.Nullable;
import java.nio.file.Path;
import java.util.Map;

/**
 * One line of an import, as planned before anything is written: a file found with the metadata of its row, or a row
 * that cannot be imported with why. Immutable.
 *
 * @param path the file's path relative to the folder with {@code /}, or what a row that matches no file gave; the
 *     line's key, unique within an import
 * @param line the metadata file's line that describes it; null when the file has none
 * @param file the file to read; null for a row that matches no file
 * @param refused set when the line fails before any file is read (a row without a file, a file missing)
 */
record ImportLine(
        String path,
        @Nullable Integer line,
        @Nullable Path file,
        Map<String, Object> metadata,
        @Nullable FileOutcome refused) {}
