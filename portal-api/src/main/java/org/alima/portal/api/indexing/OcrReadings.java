package org.alima.portal.api.indexing;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.util.Optional;
import java.util.UUID;

/**
 * Which pages of a document's current file OCR read, for the document, its landing page and its page views to say
 * so; thread-safe, each read one read-only transaction. Only pages where OCR found text count: a page it could not
 * read is not a page whose text came from it. The current file is the one of the document's last OCR job, as for
 * {@link OcrStatus}.
 */
@Singleton
public class OcrReadings {

    /** The pages of the current file where OCR found text; the caller may narrow it to one page. */
    private static final String READ = """
            SELECT count(p.page), avg(p.confidence)
              FROM ocr_jobs j JOIN ocr_pages p ON p.document_id = j.document_id AND p.sha256 = j.sha256
             WHERE j.document_id = ? AND p.text <> '' AND p.confidence IS NOT NULL
            """;

    private final JdbcOperations jdbc;

    OcrReadings(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** The pages of the document read by OCR and their mean confidence, or empty when none was. */
    @ReadOnly
    public Optional<OcrReading> ofDocument(UUID documentId) {
        return read(READ, documentId, null);
    }

    /** Page {@code page} of the document as OCR read it, or empty when its text did not come from OCR. */
    @ReadOnly
    public Optional<OcrReading> ofPage(UUID documentId, int page) {
        return read(READ + " AND p.page = ?", documentId, page);
    }

    private Optional<OcrReading> read(String sql, UUID documentId, Integer page) {
        return jdbc.prepareStatement(sql, statement -> {
            statement.setObject(1, documentId);
            if (page != null) {
                statement.setInt(2, page);
            }
            ResultSet rows = statement.executeQuery();
            if (!rows.next() || rows.getInt(1) == 0) {
                return Optional.<OcrReading>empty();
            }
            return Optional.of(new OcrReading(rows.getInt(1), Math.round(rows.getDouble(2) * 10) / 10.0));
        });
    }
}
