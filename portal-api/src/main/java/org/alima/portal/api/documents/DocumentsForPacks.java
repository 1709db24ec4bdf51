package org.alima.portal.api.documents;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.Optional;
import java.util.UUID;
import org.alima.portal.api.files.StoredFile;
import org.alima.portal.api.packs.PackFiles;
import org.alima.portal.indexer.extract.Format;

/** The documents' stored PDFs and the state of their reading, as offline packs read them; thread-safe. */
@Singleton
class DocumentsForPacks implements PackFiles {

    private final StoredFiles files;
    private final JdbcOperations jdbc;

    DocumentsForPacks(StoredFiles files, JdbcOperations jdbc) {
        this.files = files;
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Path> pdfOf(UUID document) {
        return files.ofDocument(document).filter(f -> f.format() == Format.PDF).map(StoredFile::path);
    }

    @Override
    @ReadOnly
    public Optional<Reading> readingOf(UUID document) {
        return jdbc.prepareStatement(
                "SELECT extraction_status, page_count, character_count, image_only_pages FROM document_files"
                        + " WHERE document_id = ?"
                        + " ORDER BY created_at LIMIT 1",
                statement -> {
                    statement.setObject(1, document);
                    ResultSet rows = statement.executeQuery();
                    if (!rows.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new Reading(
                            "indexed".equals(rows.getString(1)),
                            rows.getString(1) + "/" + rows.getString(2) + "/" + rows.getString(3) + "/"
                                    + rows.getString(4)));
                });
    }
}
