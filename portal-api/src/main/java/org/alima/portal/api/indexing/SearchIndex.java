package org.alima.portal.api.indexing;

import jakarta.inject.Singleton;
import java.util.Optional;
import org.alima.portal.indexer.engine.SearchEngine;
import org.alima.portal.indexer.index.DocumentVectors;
import org.alima.portal.indexer.index.IndexableDocument;

/**
 * The portal's writes to its {@link SearchEngine}, each reported only once it is durable and visible to searches: a
 * document is marked {@code indexed} in PostgreSQL only after that, so that {@code indexed} means "found by search now"
 * and survives a crash of the engine. Concurrent callers share one commit ({@link SearchEngine#flush()}), so that two
 * workers finishing together pay for one fsync. Thread-safe.
 *
 * <p>The index is derived data: PostgreSQL and the stored files are the truth, and {@link IndexRepair} rebuilds the
 * index from them when the engine found none ({@link #foundOnDisk()}). While the engine cannot be reached, every write
 * throws {@link org.alima.portal.indexer.engine.EngineUnavailableException} and the job that asked stays queued.
 */
@Singleton
final class SearchIndex {

    private final SearchEngine engine;

    SearchIndex(SearchEngine engine) {
        this.engine = engine;
    }

    /**
     * Whether the engine held an index when the application started; false for a first start, a deleted directory or a
     * damaged index that was moved aside, all of which the repair at startup rebuilds from PostgreSQL.
     */
    boolean foundOnDisk() {
        return engine.foundExisting();
    }

    /** Adds or replaces the document and returns once the change is durable and searchable. */
    void upsertDurably(IndexableDocument document) {
        engine.upsert(document, Optional.empty());
        engine.flush();
    }

    /** Adds or replaces the document with its dense vectors; returns once the change is durable and searchable. */
    void upsertDurably(IndexableDocument document, DocumentVectors vectors) {
        engine.upsert(document, Optional.of(vectors));
        engine.flush();
    }

    /** Takes the document out of search and returns once that is durable and searches no longer find it. */
    void removeDurably(String id) {
        engine.delete(id);
        engine.flush();
    }

    /** Removes without waiting; the caller makes a batch durable with {@link #makeDurable()}. */
    void remove(String id) {
        engine.delete(id);
    }

    /** Returns once every write made before the call is durable and searchable. */
    void makeDurable() {
        engine.flush();
    }
}
