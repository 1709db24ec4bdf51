package org.alima.portal.api.imports;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.alima.portal.api.access.Viewer;

/**
 * The documents as an import writes them: through the same metadata checks, storage and workflow as an upload through
 * the API, so that each rule has one owner (the documents package). Thread-safe.
 */
public interface ImportedDocuments {

    /**
     * Imports one file with its metadata, a JSON object with the keys of an upload's {@code metadata} part, as a
     * document of {@code viewer} moved on to {@code status}; {@code alsoRecord} runs with the new document's id in the
     * transaction that creates it.
     */
    FileOutcome importFile(
            Viewer viewer,
            String metadataJson,
            InputStream content,
            String fileName,
            ImportStatus status,
            Consumer<UUID> alsoRecord)
            throws IOException;

    /** Why {@code viewer} may not import documents as {@code status}, or empty when they may. */
    Optional<String> refusal(Viewer viewer, ImportStatus status);
}
