package org.alima.portal.api.imports;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The report file of an import: one tab-separated line per line of the import, in its order, with a header
 * ({@code line path outcome reason document_id}); written whole to a temporary file and moved into place, so that a
 * report is never half written. Tabs and line breaks inside a value become spaces.
 */
final class ImportReport {

    static final String HEADER = "line\tpath\toutcome\treason\tdocument_id";

    private ImportReport() {}

    static void write(ImportResult result, Path report) throws IOException {
        Path target = report.toAbsolutePath().normalize();
        if (target.getParent() != null) {
            Files.createDirectories(target.getParent());
        }
        Path temporary = target.resolveSibling(target.getFileName() + ".part");
        try (BufferedWriter out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
            out.write(HEADER);
            out.write('\n');
            for (ImportResult.Line line : result.lines()) {
                FileOutcome outcome = line.outcome();
                out.write(String.join(
                        "\t",
                        line.line().line() == null ? "" : line.line().line().toString(),
                        clean(line.line().path()),
                        outcome.outcome().value(),
                        outcome.reason() == null ? "" : clean(outcome.reason()),
                        outcome.documentId() == null ? "" : outcome.documentId().toString()));
                out.write('\n');
            }
        }
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String clean(String value) {
        return value.replaceAll("[\t\r\n]+", " ");
    }
}
