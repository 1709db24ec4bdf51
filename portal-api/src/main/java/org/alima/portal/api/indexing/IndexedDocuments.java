package org.alima.portal.api.indexing;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What indexing reads of documents and records about their files' processing, answered by the documents feature,
 * which owns the {@code documents} and {@code document_files} tables. Thread-safe; each method runs in the caller's
 * transaction when there is one.
 *
 * <p>A document is <em>searchable</em> when its file is {@code indexed} and it is not withdrawn: the set of documents
 * the search index must hold once every job is done.
 */
public interface IndexedDocuments {

    /** The document as it stands now, with its file; empty when it was deleted. */
    Optional<StoredDocument> load(UUID document, boolean fillFromFile);

    /** Whether the document exists and is not withdrawn (so that search may show it once indexed). */
    boolean isListed(UUID document);

    /** Whether the document is searchable. */
    boolean isSearchable(UUID document);

    /** Every searchable document, in id order. */
    List<UUID> searchableIds();

    /** The older versions of the document that are not withdrawn, in id order. */
    List<UUID> olderVersions(UUID document);

    /** Whether the document's file failed processing for good. */
    boolean fileFailed(UUID document);

    /** The file is being processed now. */
    void markExtracting(UUID document);

    /** The file waits for processing: {@code queued}, without a failure reason. */
    void markQueued(UUID document);

    /** A searchable document's file waits to be indexed again ({@code queued}); others are left as they are. */
    void markQueuedIfIndexed(UUID document);

    /**
     * The file was processed: {@code indexed} when it is searchable now, {@code extracted} otherwise, with what
     * extraction counted.
     */
    void recordProcessed(UUID document, ProcessingOutcome.Processed outcome);

    /**
     * Stores the fields that a file filled ({@code filled}: those that {@link StoredDocument.Metadata#filledFrom}, the
     * one rule of what a file may fill, added; null or empty for the others) in those of the document's fields that
     * are still empty: a field that a person filled meanwhile keeps their value. The row is left untouched when there
     * is nothing to store.
     */
    void fillEmptyFields(UUID document, StoredDocument.Metadata filled);

    /** The file failed for good, with the reason; the page counts extraction found, when it found some, are kept. */
    void recordFailed(UUID document, ProcessingOutcome.Failed failure);

    /** A withdrawn document is out of search: its file, read and checked, shows {@code extracted}. */
    void markUnindexed(UUID document);
}
