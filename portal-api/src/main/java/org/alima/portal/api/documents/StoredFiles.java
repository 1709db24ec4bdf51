package org.alima.portal.api.documents;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.util.Optional;
import java.util.UUID;
import org.alima.portal.api.files.FileStore;
import org.alima.portal.api.files.SafeFileName;
import org.alima.portal.api.files.StoredFile;

/** Finds a document's stored file from its {@code document_files} row; thread-safe. */
@Singleton
class StoredFiles {

    private final JdbcOperations jdbc;
    private final FileStore store;

    StoredFiles(JdbcOperations jdbc, FileStore store) {
        this.jdbc = jdbc;
        this.store = store;
    }

    /** The document's file (its first, should it ever have several), or empty for an unknown document. */
    @ReadOnly
    Optional<StoredFile> ofDocument(UUID documentId) {
        return jdbc.prepareStatement(
                "SELECT storage_path, sha256, format, size_bytes, original_name FROM document_files"
                        + " WHERE document_id = ? ORDER BY created_at LIMIT 1",
                statement -> {
                    statement.setObject(1, documentId);
                    ResultSet rows = statement.executeQuery();
                    if (!rows.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new StoredFile(
                            documentId,
                            store.resolve(rows.getString(1)),
                            rows.getString(2),
                            DocumentRepository.format(rows.getString(3)),
                            rows.getLong(4),
                            new SafeFileName(rows.getString(5))));
                });
    }
}
