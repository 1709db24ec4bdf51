package org.alima.portal.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.alima.portal.indexer.index.IndexSchema;

/**
 * Every document of an index, in id order, a page of hits at a time ({@code search_after} on the id's doc values).
 * Not thread-safe; documents written meanwhile may or may not be seen.
 */
final class Scroll implements Iterator<JsonNode> {

    static final int PAGE = 1_000;

    private final Cluster cluster;
    private final String index;
    private final List<String> fields;
    private final JsonNode query;
    private final Deque<JsonNode> pending = new ArrayDeque<>();
    private JsonNode after;
    private boolean exhausted;

    private Scroll(Cluster cluster, String index, List<String> fields, JsonNode query) {
        this.cluster = cluster;
        this.index = index;
        this.fields = fields;
        this.query = query;
    }

    /** The hits of {@code query} (null: every document) with only {@code fields} of their source (none: all). */
    static Scroll over(Cluster cluster, String index, List<String> fields, JsonNode query) {
        return new Scroll(cluster, index, fields, query);
    }

    @Override
    public boolean hasNext() {
        if (pending.isEmpty() && !exhausted) {
            fetch();
        }
        return !pending.isEmpty();
    }

    @Override
    public JsonNode next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return pending.removeFirst();
    }

    private void fetch() {
        ObjectNode request = JsonNodeFactory.instance.objectNode();
        request.put("size", PAGE);
        request.put("track_total_hits", false);
        if (!fields.isEmpty()) {
            fields.forEach(request.putArray("_source")::add);
        }
        request.putArray("sort").addObject().put(IndexSchema.ID, "asc");
        if (query != null) {
            request.set("query", query);
        }
        if (after != null) {
            request.set("search_after", after);
        }
        JsonNode hits = cluster.send("POST", "/" + index + "/_search", request, Cluster.Kind.READ)
                .body()
                .path("hits")
                .path("hits");
        hits.forEach(pending::add);
        if (hits.size() < PAGE) {
            exhausted = true;
        } else {
            after = hits.get(hits.size() - 1).path("sort");
        }
    }
}
