package org.alima.portal.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.util.Map;

/**
 * Bulk requests to one index, sent every {@value OpenSearchEngine#BULK_DOCUMENTS} operations or about {@value
 * OpenSearchEngine#BULK_BYTES} bytes, whichever comes first. A document the cluster refuses is recorded in {@code
 * refused} with the cluster's reason; the others are written. Not thread-safe.
 */
final class Bulk {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Cluster cluster;
    private final String index;
    private final Map<String, String> refused;
    private final ByteArrayOutputStream lines = new ByteArrayOutputStream();
    private int operations;
    private long written;

    Bulk(Cluster cluster, String index, Map<String, String> refused) {
        this.cluster = cluster;
        this.index = index;
        this.refused = refused;
    }

    void index(String id, ObjectNode document) {
        ObjectNode action = JSON.createObjectNode();
        ObjectNode target = action.putObject("index");
        target.put("_index", index);
        target.put("_id", id);
        line(action);
        line(document);
        added();
    }

    /** Writes the document unless one with its id exists (then it is skipped: a newer write got there first). */
    void create(String id, ObjectNode document) {
        ObjectNode action = JSON.createObjectNode();
        ObjectNode target = action.putObject("create");
        target.put("_index", index);
        target.put("_id", id);
        line(action);
        line(document);
        added();
    }

    /** Replaces the document if it is still at {@code seqNo}/{@code primaryTerm} (else skipped: it changed since). */
    void replaceIfUnchanged(String id, ObjectNode document, long seqNo, long primaryTerm) {
        ObjectNode action = JSON.createObjectNode();
        ObjectNode target = action.putObject("index");
        target.put("_index", index);
        target.put("_id", id);
        target.put("if_seq_no", seqNo);
        target.put("if_primary_term", primaryTerm);
        line(action);
        line(document);
        added();
    }

    void delete(String id) {
        ObjectNode action = JSON.createObjectNode();
        ObjectNode target = action.putObject("delete");
        target.put("_index", index);
        target.put("_id", id);
        line(action);
        added();
    }

    /** Sends what is pending. */
    void finish() {
        if (operations == 0) {
            return;
        }
        JsonNode answer = cluster.bulk("/_bulk", lines.toByteArray()).body();
        lines.reset();
        operations = 0;
        for (JsonNode item : answer.path("items")) {
            JsonNode result = item.elements().next();
            JsonNode error = result.path("error");
            if (result.path("status").asInt() == 409) {
                continue; // a conditional write that a newer one overtook: nothing to do
            }
            if (error.isObject()) {
                refused.put(
                        result.path("_id").asText(),
                        "document " + result.path("_id").asText() + " cannot be indexed: "
                                + error.path("type").asText() + ": "
                                + error.path("reason").asText());
            } else {
                written++;
            }
        }
    }

    /** Operations the cluster accepted so far. */
    long written() {
        return written;
    }

    private void added() {
        operations++;
        if (operations >= OpenSearchEngine.BULK_DOCUMENTS || lines.size() >= OpenSearchEngine.BULK_BYTES) {
            finish();
        }
    }

    private void line(JsonNode node) {
        try {
            JSON.writeValue(lines, node);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("writing JSON to memory cannot fail", e);
        }
        lines.write('\n');
    }
}
