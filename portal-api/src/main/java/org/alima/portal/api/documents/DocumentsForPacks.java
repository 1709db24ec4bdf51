package org.alima.portal.api.documents;

import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import org.alima.portal.api.files.StoredFile;
import org.alima.portal.api.packs.PackFiles;
import org.alima.portal.indexer.extract.Format;

/** The documents' stored PDFs as offline packs read them; thread-safe. */
@Singleton
final class DocumentsForPacks implements PackFiles {

    private final StoredFiles files;

    DocumentsForPacks(StoredFiles files) {
        this.files = files;
    }

    @Override
    public Optional<Path> pdfOf(UUID document) {
        return files.ofDocument(document).filter(f -> f.format() == Format.PDF).map(StoredFile::path);
    }
}
