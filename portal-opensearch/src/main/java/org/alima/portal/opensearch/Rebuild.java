package org.alima.portal.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.alima.portal.indexer.index.DocumentVectors;
import org.alima.portal.indexer.index.IndexException;
import org.alima.portal.indexer.index.IndexableDocument;
import org.alima.portal.indexer.index.InvalidDocumentException;
import org.alima.portal.indexer.index.RebuildResult;
import org.alima.portal.indexer.index.Vectoriser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One rebuild: a new concrete index filled by bulk requests while searches and writes go on through the alias, the
 * writes made meanwhile replayed on it, then the alias moved to it in one {@code _aliases} request and the old index
 * deleted. Each document keeps the vectors the live index holds for its text, or gets the vectoriser's. Not
 * thread-safe: the engine runs one at a time.
 *
 * <p>Writes made meanwhile by this engine are journaled and replayed; documents another portal process sharing the
 * cluster wrote meanwhile (to the old index) are copied over when newer ({@link IndexDefinition#INDEXED_AT}); its
 * deletions are not seen and wait for the repair that compares the index with the database.
 */
final class Rebuild {

    private static final Logger LOG = LoggerFactory.getLogger(Rebuild.class);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /**
     * How far apart the clocks of two portal processes may be, for {@link #copyNewer}: a document written this long
     * before the rebuild began and absent from its source is copied over too (the repair removes it later).
     */
    static final long CLOCK_MARGIN_MILLIS = 1_000;

    private final OpenSearchEngine engine;
    private final Cluster cluster;
    private final IndexNames names;

    Rebuild(OpenSearchEngine engine, Cluster cluster, IndexNames names) {
        this.engine = engine;
        this.cluster = cluster;
        this.names = names;
    }

    RebuildResult run(Stream<IndexableDocument> documents, Vectoriser vectoriser) {
        engine.deleteLeftovers(Instant.now());
        if (!engine.startJournal()) {
            throw new IndexException("a rebuild of " + names.alias() + " is already running; wait for it to finish");
        }
        long started = System.nanoTime();
        long startedMillis = System.currentTimeMillis();
        String fresh = names.newIndex(Instant.now());
        boolean swapped = false;
        try {
            String old = engine.liveIndex();
            engine.createIndex(fresh);
            refreshInterval(fresh, "-1"); // one refresh at the end, not one a second while loading
            Map<String, String> refused = new LinkedHashMap<>();
            Bulk bulk = new Bulk(cluster, fresh, refused);
            List<IndexableDocument> batch = new ArrayList<>(OpenSearchEngine.BULK_DOCUMENTS);
            Iterator<IndexableDocument> iterator = documents.iterator();
            while (iterator.hasNext()) {
                batch.add(iterator.next());
                if (batch.size() == OpenSearchEngine.BULK_DOCUMENTS) {
                    load(batch, vectoriser, bulk, refused);
                    batch.clear();
                }
            }
            load(batch, vectoriser, bulk, refused);
            bulk.finish();
            replay(fresh, engine.drainJournal(), refused); // most of the replay, writes going on
            engine.swapLock().writeLock().lock();
            try {
                replay(fresh, engine.drainJournal(), refused); // the rest, writes waiting
                refreshInterval(fresh, null);
                cluster.send("POST", "/" + fresh + "/_refresh", null, Cluster.Kind.WRITE);
                ObjectNode actions = NODES.objectNode();
                ObjectNode remove = actions.putArray("actions").addObject().putObject("remove");
                remove.put("index", old);
                remove.put("alias", names.alias());
                ObjectNode add = actions.withArray("actions").addObject().putObject("add");
                add.put("index", fresh);
                add.put("alias", names.alias());
                cluster.send("POST", "/_aliases", actions, Cluster.Kind.WRITE);
                swapped = true;
            } finally {
                engine.swapLock().writeLock().unlock();
            }
            copyNewer(old, fresh, startedMillis, refused);
            deleteIndex(old);
            long count =
                    cluster.get("/" + fresh + "/_count").body().path("count").asLong();
            LOG.info("rebuilt {} into {} ({} documents, {} refused)", names.alias(), fresh, count, refused.size());
            return new RebuildResult(count, refused, OpenSearchEngine.since(started));
        } finally {
            engine.stopJournal();
            if (!swapped) {
                deleteIndex(fresh);
            }
        }
    }

    /** Writes one batch into the new index, each document with the vectors it keeps or is given. */
    private void load(List<IndexableDocument> batch, Vectoriser vectoriser, Bulk bulk, Map<String, String> refused) {
        if (batch.isEmpty()) {
            return;
        }
        Map<String, DocumentVectors> stored = storedVectors(batch);
        for (IndexableDocument document : batch) {
            try {
                DocumentVectors vectors = Optional.ofNullable(stored.get(document.id()))
                        .filter(kept -> kept.fingerprint().equals(DocumentVectors.fingerprint(document, kept.model())))
                        .orElse(null);
                if (vectors == null && vectoriser != null) {
                    vectors = vectoriser.vectorsOf(document);
                }
                bulk.index(document.id(), DocumentJson.of(document, vectors, System.currentTimeMillis()));
            } catch (InvalidDocumentException e) {
                refused.put(e.documentId(), e.getMessage());
            }
        }
    }

    /** The vectors the live index holds for the batch's documents, by id, in one request. */
    private Map<String, DocumentVectors> storedVectors(List<IndexableDocument> batch) {
        ObjectNode request = NODES.objectNode();
        batch.forEach(document -> request.withArray("ids").add(document.id()));
        String path = "/" + names.alias() + "/_mget?_source_includes=" + String.join(",", DocumentJson.VECTOR_FIELDS);
        Map<String, DocumentVectors> vectors = new HashMap<>();
        for (JsonNode doc :
                cluster.send("POST", path, request, Cluster.Kind.READ).body().path("docs")) {
            if (doc.path("found").asBoolean()) {
                DocumentJson.vectors(doc.path("_source"))
                        .ifPresent(v -> vectors.put(doc.path("_id").asText(), v));
            }
        }
        return vectors;
    }

    /**
     * Copies to the new index what other portal processes wrote to the old one since the rebuild began, when newer
     * than what the new index holds: their writes went to the old index through the alias, and this engine's journal
     * does not hold them. Conditional writes, so that a write made to the new index meanwhile is never overwritten.
     * Deletions they made meanwhile are not seen: the repair comparing the index with the database removes them.
     */
    private void copyNewer(String old, String fresh, long startedMillis, Map<String, String> refused) {
        ObjectNode range = NODES.objectNode();
        // A margin for the clocks of the portal processes, which may differ by a few seconds.
        range.putObject("range").putObject(IndexDefinition.INDEXED_AT).put("gte", startedMillis - CLOCK_MARGIN_MILLIS);
        Bulk bulk = new Bulk(cluster, fresh, refused);
        List<JsonNode> batch = new ArrayList<>();
        Iterator<JsonNode> written = Scroll.over(cluster, old, List.of(), range);
        while (written.hasNext()) {
            batch.add(written.next());
            if (batch.size() == OpenSearchEngine.BULK_DOCUMENTS || !written.hasNext()) {
                copyNewer(batch, fresh, bulk);
                batch.clear();
            }
        }
        bulk.finish();
    }

    private void copyNewer(List<JsonNode> hits, String fresh, Bulk bulk) {
        ObjectNode request = NODES.objectNode();
        hits.forEach(hit -> request.withArray("ids").add(hit.path("_id").asText()));
        String path = "/" + fresh + "/_mget?_source_includes=" + IndexDefinition.INDEXED_AT;
        Map<String, JsonNode> current = new HashMap<>();
        for (JsonNode doc :
                cluster.send("POST", path, request, Cluster.Kind.WRITE).body().path("docs")) {
            current.put(doc.path("_id").asText(), doc);
        }
        for (JsonNode hit : hits) {
            String id = hit.path("_id").asText();
            long writtenAt =
                    hit.path("_source").path(IndexDefinition.INDEXED_AT).asLong();
            JsonNode there = current.get(id);
            if (there == null || !there.path("found").asBoolean()) {
                bulk.create(id, DocumentJson.restored(hit.path("_source")));
            } else if (there.path("_source").path(IndexDefinition.INDEXED_AT).asLong() < writtenAt) {
                bulk.replaceIfUnchanged(
                        id,
                        DocumentJson.restored(hit.path("_source")),
                        there.path("_seq_no").asLong(),
                        there.path("_primary_term").asLong());
            }
        }
    }

    private void replay(String index, List<Write> writes, Map<String, String> refused) {
        if (writes.isEmpty()) {
            return;
        }
        Bulk bulk = new Bulk(cluster, index, refused);
        for (Write write : writes) {
            refused.remove(write.id());
            write.addTo(bulk);
        }
        bulk.finish();
    }

    private void refreshInterval(String index, String interval) {
        ObjectNode settings = NODES.objectNode();
        if (interval == null) {
            settings.putObject("index").putNull("refresh_interval");
        } else {
            settings.putObject("index").put("refresh_interval", interval);
        }
        cluster.send("PUT", "/" + index + "/_settings", settings, Cluster.Kind.WRITE);
    }

    private void deleteIndex(String index) {
        try {
            cluster.send("DELETE", "/" + index, null, Cluster.Kind.WRITE);
        } catch (RuntimeException e) {
            LOG.warn("could not delete the index {} after a rebuild; delete it by hand", index, e);
        }
    }
}
