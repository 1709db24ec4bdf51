package org.alima.portal.api.indexing;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.alima.portal.api.system.DatabaseFailures;
import org.alima.portal.indexer.engine.EngineUnavailableException;
import org.alima.portal.indexer.engine.SearchEngine;
import org.alima.portal.indexer.extract.ExtractionResult;
import org.alima.portal.indexer.index.DocumentVectors;
import org.alima.portal.indexer.index.IndexableDocument;
import org.alima.portal.indexer.index.InvalidDocumentException;
import org.alima.portal.indexer.semantic.SemanticModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds dense vectors to the documents of the index that lack them, in the background, one document at a time:
 * uploads become searchable by their words as soon as they are read (the indexing worker writes no vectors), and
 * by meaning once this pass has reached them. It works only while the indexing worker has nothing due, so that
 * encoding never slows an upload's way to being searchable. Thread-safe; one daemon thread, started with the application when the
 * semantic part is on and indexing is enabled.
 *
 * <p>Where the state lives: in the index itself. Each document carries the name of the model of its vectors
 * ({@code vector_model}), so the work left is "documents without vectors of the current model", found by one query;
 * nothing is kept in PostgreSQL or in memory. A crash loses at most the document in hand, found again after restart.
 * A rebuild keeps the vectors of every document whose text is unchanged (they are carried over from the live index),
 * so only new or changed texts wait for this pass again; so does a metadata edit or a publication, which rewrites a
 * document with the same text.
 *
 * <p>Each document is read and encoded without its lock (encoding takes seconds for a long report), then written
 * under the document's lock with its metadata as PostgreSQL has them at that moment, and only if its text is still
 * the one encoded: a concurrent edit, publication or withdrawal is never undone.
 */
@Singleton
@Requires(property = "portal.indexing.enabled", notEquals = "false")
final class VectorPass {

    private static final Logger LOG = LoggerFactory.getLogger(VectorPass.class);

    /** Documents looked up per scan of the index. */
    private static final int SCAN = 50;

    private final Semantic semantic;
    private final SearchEngine engine;
    private final SearchIndex index;
    private final IndexJobs jobs;
    private final DocumentIndexer indexer;
    private final DocumentLocks locks;
    private final IndexingSettings settings;

    /** Documents that could not be given vectors in this process (no text any more, refused): not tried again. */
    private final Set<String> skipped = new HashSet<>();

    private volatile boolean running;
    private Thread thread;

    VectorPass(
            Semantic semantic,
            SearchEngine engine,
            SearchIndex index,
            IndexJobs jobs,
            DocumentIndexer indexer,
            DocumentLocks locks,
            IndexingSettings settings) {
        this.semantic = semantic;
        this.engine = engine;
        this.index = index;
        this.jobs = jobs;
        this.indexer = indexer;
        this.locks = locks;
        this.settings = settings;
    }

    @EventListener
    synchronized void start(StartupEvent event) {
        // An engine that ranks by words only (OpenSearch) would store the vectors and never search them.
        if (running || semantic.model().isEmpty() || !engine.ranksByMeaning()) {
            return;
        }
        running = true;
        thread = new Thread(this::work, "vector-pass");
        thread.setDaemon(true);
        thread.start();
    }

    @PreDestroy
    synchronized void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void work() {
        SemanticModel model = semantic.model().orElseThrow();
        while (running) {
            try {
                if (!runOnce(model)) {
                    Thread.sleep(settings.pollInterval().toMillis());
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                // The database or the search engine down: the pass waits for them, quietly.
                if (!DatabaseFailures.isUnavailable(e) && !(e instanceof EngineUnavailableException)) {
                    LOG.error("The vector pass failed; it carries on", e);
                }
                try {
                    Thread.sleep(settings.pollInterval().toMillis());
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    /** Gives vectors to the next document lacking them; false when none is left (or the index awaits a rebuild). */
    boolean runOnce(SemanticModel model) {
        // Words first: while the worker has documents to read, they get the CPU (thread priorities are ignored by
        // Linux's scheduler, so waiting is the only way to keep an upload's time to searchable as it was).
        if (engine.needsRebuild() || jobs.hasWorkDue()) {
            return false;
        }
        List<String> lacking = engine.withoutVectors(model.model().id(), SCAN + skipped.size());
        Optional<String> next =
                lacking.stream().filter(id -> !skipped.contains(id)).findFirst();
        if (next.isEmpty()) {
            return false;
        }
        String id = next.get();
        if (!addVectors(model, id)) {
            skipped.add(id);
        }
        return true;
    }

    private boolean addVectors(SemanticModel model, String id) {
        UUID documentId;
        try {
            documentId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return false; // not a document of the portal's database
        }
        Optional<StoredDocument> read = jobs.load(documentId, false);
        if (read.isEmpty() || !jobs.isSearchable(documentId)) {
            return false; // its unindex or reindex job decides what search holds of it
        }
        Optional<ExtractionResult.Extracted> text = indexer.extract(read.get());
        if (text.isEmpty()) {
            return false;
        }
        long started = System.nanoTime();
        DocumentVectors vectors = model.embedder().vectorsOf(indexer.indexable(read.get(), text.get()));
        try (DocumentLocks.Held held = locks.lock(documentId)) {
            Optional<StoredDocument> current = jobs.load(documentId, false);
            if (current.isEmpty()
                    || current.get().withdrawn()
                    || engine.vectorsOf(id)
                            .filter(stored -> stored.model().equals(vectors.model()))
                            .isPresent()
                    || !engine.contains(id)) {
                return true; // changed meanwhile: deleted, withdrawn, or already given vectors by another write
            }
            IndexableDocument document = indexer.indexable(current.get(), text.get());
            if (!DocumentVectors.fingerprint(document, vectors.model()).equals(vectors.fingerprint())) {
                return true; // its title or abstract changed while it was encoded: the next scan finds it again
            }
            index.upsertDurably(document, vectors);
        } catch (InvalidDocumentException e) {
            LOG.error("Document {} was refused with its vectors", id, e);
            return false;
        }
        LOG.info(
                "Document {} is searchable by meaning: {} passages encoded in {} ms",
                id,
                vectors.passages().size(),
                (System.nanoTime() - started) / 1_000_000);
        return true;
    }
}
