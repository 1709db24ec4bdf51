package org.alima.portal.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.Stream;
import org.alima.portal.indexer.crosslang.QueryTranslator;
import org.alima.portal.indexer.crosslang.Translation;
import org.alima.portal.indexer.engine.SearchEngine;
import org.alima.portal.indexer.index.DocumentVectors;
import org.alima.portal.indexer.index.IndexException;
import org.alima.portal.indexer.index.IndexSchema;
import org.alima.portal.indexer.index.IndexStats;
import org.alima.portal.indexer.index.IndexableDocument;
import org.alima.portal.indexer.index.IndexedSource;
import org.alima.portal.indexer.index.RebuildResult;
import org.alima.portal.indexer.index.Vectoriser;
import org.alima.portal.indexer.search.Access;
import org.alima.portal.indexer.search.DocumentNotFoundException;
import org.alima.portal.indexer.search.PageText;
import org.alima.portal.indexer.search.SearchRequest;
import org.alima.portal.indexer.search.SearchResponse;
import org.alima.portal.indexer.search.SearchResponse.Hit;
import org.alima.portal.indexer.search.SearchSettings;
import org.alima.portal.indexer.search.Suggestion;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The portal's search engine on an OpenSearch cluster, for several portal processes sharing one index. Thread-safe.
 *
 * <p>Searches and writes go through an alias ({@link IndexNames#alias()}) to one concrete index whose name records the
 * schema version and the hash of its settings and mappings ({@link IndexDefinition}); a rebuild fills a new index and
 * swaps the alias atomically. Each write is durable once acknowledged ({@code translog.durability: request}) and
 * visible after {@link #flush()} (a refresh). A cluster that cannot be reached, or answers 429 or 5xx, is retried with
 * backoff, then reported as {@link org.alima.portal.indexer.engine.EngineUnavailableException}.
 *
 * <p>The dense vectors are stored and carried over as by the embedded index, but ranking is by words only: no k-NN.
 */
public final class OpenSearchEngine implements SearchEngine {

    /** Documents per bulk request of a rebuild, unless {@link #BULK_BYTES} is reached first. */
    static final int BULK_DOCUMENTS = 200;

    /**
     * How old an index of ours that no alias points to must be before it counts as left by a rebuild that died: far
     * longer than a rebuild takes (a library of 100,000 abstracts, a few minutes; of 10,000 PDFs, under an hour).
     */
    static final Duration LEFTOVER_AGE = Duration.ofDays(1);

    /** Bytes of JSON per bulk request of a rebuild, about: OpenSearch's default limit is 100 MB. */
    static final int BULK_BYTES = 10 * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(OpenSearchEngine.class);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final OpenSearchClient client;
    private final Cluster cluster;
    private final IndexNames names;
    private final ObjectNode definition;
    private final OpenSearchQueries queries;
    private final boolean foundExisting;

    /** Writes take the read side, the end of a rebuild the write side: no write slips between replay and swap. */
    private final ReentrantReadWriteLock swap = new ReentrantReadWriteLock();

    /** Writes made while a rebuild runs, replayed on the new index before the swap; null when none runs. */
    private List<Write> journal;

    private final Object journalLock = new Object();

    private OpenSearchEngine(
            OpenSearchClient client, Cluster cluster, IndexNames names, ObjectNode definition, OpenSearchQueries q) {
        this.client = client;
        this.cluster = cluster;
        this.names = names;
        this.definition = definition;
        this.queries = q;
        this.foundExisting = ensureIndex();
    }

    /**
     * Connects to the cluster of {@code settings}, creating the index and its alias when missing.
     *
     * @param search the ranking settings (BM25 k1 and b go into the index's settings)
     * @param translator how queries are read in the other language
     * @throws org.alima.portal.indexer.engine.EngineUnavailableException when the cluster cannot be reached
     */
    public static OpenSearchEngine open(
            OpenSearchSettings settings, SearchSettings search, QueryTranslator translator) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(search, "search");
        Objects.requireNonNull(translator, "translator");
        ObjectNode definition = IndexDefinition.of(search, settings.shards());
        IndexNames names = new IndexNames(settings.indexPrefix(), IndexDefinition.json(search, settings.shards()));
        OpenSearchClient client = ClientFactory.client(settings);
        try {
            Cluster cluster = new Cluster(client.generic(), settings.url().toString());
            return new OpenSearchEngine(
                    client, cluster, names, definition, new OpenSearchQueries(client, names, search, translator));
        } catch (RuntimeException e) {
            closeQuietly(client);
            throw e;
        }
    }

    @Override
    public String kind() {
        return "opensearch";
    }

    /** No: the cluster ranks by words (dense vectors are stored for a rebuild's carry-over, never searched). */
    @Override
    public boolean ranksByMeaning() {
        return false;
    }

    /** The names of this engine's alias and indices. */
    public IndexNames names() {
        return names;
    }

    // --- reading: the query side -------------------------------------------------------------------------------

    @Override
    public SearchResponse search(SearchRequest request) {
        return queries.search(request);
    }

    @Override
    public List<String> rankedIds(String query, int size) {
        return queries.rankedIds(query, size);
    }

    @Override
    public List<Suggestion> autocomplete(String typed, int size, Access access) {
        return queries.autocomplete(typed, size, access);
    }

    @Override
    public List<Hit> related(String id, int size, Access access) {
        return queries.related(id, size, access);
    }

    @Override
    public PageText page(String id, int page, String query, String readerLanguage, Access access) {
        return queries.page(id, page, query, readerLanguage, access);
    }

    @Override
    public Translation translate(String query, String readerLanguage) {
        return queries.translate(query, readerLanguage);
    }

    @Override
    public List<String> pageTexts(String id, Access access) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(access, "access");
        ObjectNode request = NODES.objectNode();
        request.put("size", 1);
        request.putArray("_source").add(IndexDefinition.PAGES + "." + IndexSchema.PAGE_TEXT);
        ObjectNode bool = request.putObject("query").putObject("bool");
        bool.putArray("filter").add(term(IndexSchema.ID, id));
        if (!access.unrestricted()) {
            // As the embedded index reads pages: the caller's audiences, superseded versions included.
            ObjectNode audiences = bool.withArray("filter").addObject().putObject("terms");
            access.audiences().stream().sorted().forEach(audiences.putArray(IndexSchema.AUDIENCE)::add);
        }
        JsonNode hits = cluster.send("POST", "/" + names.alias() + "/_search", request, Cluster.Kind.READ)
                .body()
                .path("hits")
                .path("hits");
        if (hits.isEmpty()) {
            throw new DocumentNotFoundException(id);
        }
        List<String> texts = new ArrayList<>();
        for (JsonNode page : hits.path(0).path("_source").path(IndexDefinition.PAGES)) {
            texts.add(page.path(IndexSchema.PAGE_TEXT).asText(""));
        }
        return texts;
    }

    // --- writing -------------------------------------------------------------------------------------------------

    @Override
    public void upsert(IndexableDocument document, Optional<DocumentVectors> vectors) {
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(vectors, "vectors");
        DocumentVectors kept = vectors.orElseGet(() -> carriedOver(document).orElse(null));
        // Refused here, before anything is written.
        ObjectNode json = DocumentJson.of(document, kept, System.currentTimeMillis());
        write(new Write.Upsert(document, kept, json));
    }

    @Override
    public void delete(String id) {
        Objects.requireNonNull(id, "id");
        write(new Write.Delete(id));
    }

    private void write(Write write) {
        swap.readLock().lock();
        try {
            write.applyTo(cluster, names.alias());
            synchronized (journalLock) {
                if (journal != null) {
                    journal.add(write);
                }
            }
        } finally {
            swap.readLock().unlock();
        }
    }

    @Override
    public void flush() {
        cluster.send("POST", "/" + names.alias() + "/_refresh", null, Cluster.Kind.WRITE);
    }

    @Override
    public RebuildResult rebuild(Stream<IndexableDocument> documents, Vectoriser vectoriser) {
        return new Rebuild(this, cluster, names).run(documents, vectoriser);
    }

    /** Starts journaling writes for a rebuild; false when one already runs. */
    boolean startJournal() {
        synchronized (journalLock) {
            if (journal != null) {
                return false;
            }
            journal = new ArrayList<>();
            return true;
        }
    }

    /** The writes journaled so far, emptied; the journal goes on until {@link #stopJournal}. */
    List<Write> drainJournal() {
        synchronized (journalLock) {
            List<Write> drained = List.copyOf(journal);
            journal.clear();
            return drained;
        }
    }

    void stopJournal() {
        synchronized (journalLock) {
            journal = null;
        }
    }

    /** The cluster as this engine talks to it, for tests of the package. */
    Cluster cluster() {
        return cluster;
    }

    ReentrantReadWriteLock swapLock() {
        return swap;
    }

    /** The vectors the index holds for this document's id when computed from the same text and model. */
    Optional<DocumentVectors> carriedOver(IndexableDocument document) {
        return storedVectors(document.id(), Cluster.Kind.WRITE) // part of a write: retried as one
                .filter(stored -> stored.fingerprint().equals(DocumentVectors.fingerprint(document, stored.model())));
    }

    // --- describing ----------------------------------------------------------------------------------------------

    @Override
    public boolean contains(String id) {
        Objects.requireNonNull(id, "id");
        return cluster.send(
                        "HEAD",
                        "/" + names.alias() + "/_doc/" + Cluster.segment(id),
                        (JsonNode) null,
                        Cluster.Kind.READ)
                .found();
    }

    @Override
    public long documentCount() {
        return cluster.get("/" + names.alias() + "/_count").body().path("count").asLong();
    }

    @Override
    public IndexStats stats() {
        String index = liveIndex();
        ObjectNode request = NODES.objectNode();
        request.put("size", 0);
        request.put("track_total_hits", true);
        request.putObject("aggs").putObject("pages").putObject("sum").put("field", IndexSchema.PAGE_COUNT);
        JsonNode answer = cluster.send("POST", "/" + index + "/_search", request, Cluster.Kind.READ)
                .body();
        JsonNode primaries = cluster.get("/" + index + "/_stats/store,segments")
                .body()
                .path("indices")
                .path(index)
                .path("primaries");
        Map<String, String> data = new LinkedHashMap<>();
        data.put("index", index);
        data.put("schema_version", Integer.toString(schemaVersionOf(index)));
        data.put("definition", names.definitionHash());
        return new IndexStats(
                answer.path("hits").path("total").path("value").asLong(),
                answer.path("aggregations").path("pages").path("value").asLong(),
                primaries.path("store").path("size_in_bytes").asLong(),
                primaries.path("segments").path("count").asInt(),
                null,
                data,
                schemaVersionOf(index));
    }

    @Override
    public boolean needsRebuild() {
        return !names.isCurrent(liveIndex());
    }

    @Override
    public boolean foundExisting() {
        return foundExisting;
    }

    @Override
    public List<IndexedSource> sources() {
        List<IndexedSource> sources = new ArrayList<>();
        Scroll.over(cluster, names.alias(), List.of(IndexSchema.ID, IndexSchema.SOURCE), null)
                .forEachRemaining(hit -> {
                    JsonNode source = hit.path("_source");
                    JsonNode file = source.path(IndexSchema.SOURCE);
                    sources.add(new IndexedSource(
                            source.path(IndexSchema.ID).asText(), file.isTextual() ? file.asText() : null));
                });
        return sources;
    }

    @Override
    public Optional<DocumentVectors> vectorsOf(String id) {
        Objects.requireNonNull(id, "id");
        return storedVectors(id, Cluster.Kind.READ);
    }

    private Optional<DocumentVectors> storedVectors(String id, Cluster.Kind kind) {
        String path = "/" + names.alias() + "/_doc/" + Cluster.segment(id) + "?_source_includes="
                + String.join(",", DocumentJson.VECTOR_FIELDS);
        Cluster.Answer answer = cluster.send("GET", path, null, kind);
        if (!answer.found()) {
            return Optional.empty();
        }
        return DocumentJson.vectors(answer.body().path("_source"));
    }

    @Override
    public List<String> withoutVectors(String model, int max) {
        Objects.requireNonNull(model, "model");
        ObjectNode request = NODES.objectNode();
        request.put("size", Math.max(1, max));
        request.putArray("_source").add(IndexSchema.ID);
        request.putArray("sort").add("_doc");
        request.putObject("query").putObject("bool").putArray("must_not").add(term(IndexSchema.VECTOR_MODEL, model));
        List<String> ids = new ArrayList<>();
        for (JsonNode hit : cluster.send("POST", "/" + names.alias() + "/_search", request, Cluster.Kind.READ)
                .body()
                .path("hits")
                .path("hits")) {
            ids.add(hit.path("_source").path(IndexSchema.ID).asText());
        }
        return ids;
    }

    @Override
    public void close() {
        closeQuietly(client);
    }

    // --- the index behind the alias -------------------------------------------------------------------------------

    /** The concrete index the alias points to. */
    String liveIndex() {
        Cluster.Answer answer = cluster.get("/_alias/" + names.alias());
        if (!answer.found()) {
            throw new IndexException("the alias " + names.alias() + " points to no index; restart the portal to"
                    + " create it, or rebuild the index");
        }
        Iterator<String> indices = answer.body().fieldNames();
        List<String> all = new ArrayList<>();
        indices.forEachRemaining(all::add);
        all.sort(null);
        return all.getFirst();
    }

    /**
     * Deletes this prefix's indices that no alias of ours points to and that were made more than {@link #LEFTOVER_AGE}
     * ago: those of a rebuild whose process died before it swapped the alias or deleted its new index. A rebuild
     * still running on another node made its index less than a day ago and keeps it.
     *
     * @return the indices deleted
     */
    List<String> deleteLeftovers(Instant now) {
        Cluster.Answer answer = cluster.get("/" + names.pattern() + "/_alias");
        List<String> deleted = new ArrayList<>();
        if (!answer.found()) {
            return deleted;
        }
        for (Iterator<Map.Entry<String, JsonNode>> indices = answer.body().fields(); indices.hasNext(); ) {
            Map.Entry<String, JsonNode> index = indices.next();
            Optional<Instant> made = names.madeAt(index.getKey());
            boolean behindAlias = index.getValue().path("aliases").has(names.alias());
            if (made.isPresent() && !behindAlias && made.get().isBefore(now.minus(LEFTOVER_AGE))) {
                try {
                    cluster.send("DELETE", "/" + index.getKey(), null, Cluster.Kind.WRITE);
                    LOG.warn("deleted OpenSearch index {}, left by a rebuild that never finished", index.getKey());
                    deleted.add(index.getKey());
                } catch (RuntimeException e) {
                    LOG.warn(
                            "could not delete the OpenSearch index {} left by a rebuild; delete it by hand",
                            index.getKey(),
                            e);
                }
            }
        }
        return deleted;
    }

    /** Creates the index and its alias when missing; whether the alias already held documents. */
    private boolean ensureIndex() {
        if (cluster.get("/_alias/" + names.alias()).found()) {
            try {
                deleteLeftovers(Instant.now());
            } catch (RuntimeException e) {
                LOG.warn("could not look for OpenSearch indices left by rebuilds: {}", e.getMessage());
            }
            return documentCount() > 0;
        }
        // The first index has the same name on every node (time 0): nodes starting together on an empty cluster
        // all ask for it, one creates it, the others find it made, and the alias points to one index. (Each creating
        // an index of its own, then dropping all but the first by name, left two indices behind the alias when the
        // later name was added first.)
        String index = names.newIndex(Instant.EPOCH);
        try {
            cluster.send("PUT", "/" + index, definition, Cluster.Kind.WRITE);
            LOG.info("created OpenSearch index {} behind alias {}", index, names.alias());
        } catch (IndexException e) {
            if (!String.valueOf(e.getMessage()).contains("resource_already_exists_exception")) {
                throw e;
            }
            LOG.info("another portal node created OpenSearch index {} at the same time", index);
        }
        cluster.send(
                "GET",
                "/_cluster/health/" + index + "?wait_for_status=yellow&timeout=30s",
                (JsonNode) null,
                Cluster.Kind.WRITE);
        ObjectNode actions = NODES.objectNode();
        ObjectNode add = actions.putArray("actions").addObject().putObject("add");
        add.put("index", index);
        add.put("alias", names.alias());
        cluster.send("POST", "/_aliases", actions, Cluster.Kind.WRITE);
        return false;
    }

    void createIndex(String index) {
        cluster.send("PUT", "/" + index, definition, Cluster.Kind.WRITE);
        cluster.send(
                "GET",
                "/_cluster/health/" + index + "?wait_for_status=yellow&timeout=30s",
                (JsonNode) null,
                Cluster.Kind.WRITE);
    }

    static int schemaVersionOf(String index) {
        int s = index.lastIndexOf("-s");
        int m = index.indexOf("-m", s);
        try {
            return s < 0 || m < 0 ? 0 : Integer.parseInt(index.substring(s + 2, m));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static ObjectNode term(String field, String value) {
        ObjectNode term = NODES.objectNode();
        term.putObject("term").put(field, value);
        return term;
    }

    private static void closeQuietly(OpenSearchClient client) {
        try {
            client._transport().close();
        } catch (IOException e) {
            LOG.warn("could not close the OpenSearch client cleanly", e);
        }
    }

    @Override
    public String toString() {
        return "OpenSearchEngine[" + names + "]";
    }

    static Duration since(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }
}
