package org.alima.portal.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.alima.portal.indexer.engine.EngineUnavailableException;
import org.alima.portal.indexer.index.IndexException;
import org.opensearch.client.opensearch.generic.Body;
import org.opensearch.client.opensearch.generic.OpenSearchGenericClient;
import org.opensearch.client.opensearch.generic.Request;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.opensearch.generic.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JSON requests to the cluster with the portal's failure rules, thread-safe: a refused connection, a timeout, 429
 * and 5xx answers are retried with exponential backoff (once for a read, which must stay fast; up to {@value
 * #WRITE_ATTEMPTS} attempts within about 3 s for a write), then become an {@link EngineUnavailableException} with a
 * Retry-After estimate; any other 4xx is the portal's mistake and becomes an {@link IndexException} naming the
 * request and the cluster's reason. A 404 is an answer, not a failure: the caller reads {@link Answer#found()}.
 */
final class Cluster {

    /**
     * Whether a request only reads (retried once), writes (retried more: the job queue is waiting on it), or asks for
     * something the caller does without when refused (sent once: a retry would only delay the search waiting on it).
     */
    enum Kind {
        READ(2),
        WRITE(WRITE_ATTEMPTS),
        OPTIONAL(1);

        final int attempts;

        Kind(int attempts) {
            this.attempts = attempts;
        }
    }

    static final int WRITE_ATTEMPTS = 5;

    /** First wait before a retry; doubled at each further one. */
    static final Duration FIRST_BACKOFF = Duration.ofMillis(100);

    /** What a caller is told to wait when the cluster gave no Retry-After of its own. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(Cluster.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OpenSearchGenericClient client;
    private final String where;

    Cluster(OpenSearchGenericClient client, String where) {
        this.client = client;
        this.where = where;
    }

    /** A status and its parsed JSON body (a missing node when the body was empty or not JSON). */
    record Answer(int status, JsonNode body) {
        boolean found() {
            return status != 404;
        }
    }

    Answer get(String path) {
        return send("GET", path, null, Kind.READ);
    }

    Answer send(String method, String path, JsonNode body, Kind kind) {
        byte[] bytes;
        try {
            bytes = body == null ? null : JSON.writeValueAsBytes(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain values always serialises", e);
        }
        return send(method, path, bytes, "application/json", kind);
    }

    /** A bulk request: {@code ndjson} is its lines, each ending in a newline. */
    Answer bulk(String path, byte[] ndjson) {
        return send("POST", path, ndjson, "application/x-ndjson", Kind.WRITE);
    }

    private Answer send(String method, String path, byte[] body, String contentType, Kind kind) {
        Duration backoff = FIRST_BACKOFF;
        for (int attempt = 1; ; attempt++) {
            String problem;
            Duration retryAfter = RETRY_AFTER;
            Throwable cause = null;
            Requests.JsonBodyBuilder request = Requests.builder().method(method).endpoint(path);
            if (body != null) {
                request.body(Body.from(body, contentType));
            }
            Request built = request.build();
            try (Response response = client.execute(built)) {
                int status = response.getStatus();
                JsonNode parsed = parse(response);
                if (status < 300 || status == 404) {
                    return new Answer(status, parsed);
                }
                if (status != 429 && status < 500) {
                    throw new IndexException(method + " " + path + " was refused by OpenSearch at " + where + " ("
                            + status + "): " + reason(parsed));
                }
                problem = "OpenSearch at " + where + " answered " + status + " to " + method + " " + path + ": "
                        + reason(parsed);
                retryAfter = retryAfter(response).orElse(RETRY_AFTER);
            } catch (IOException | RuntimeException e) {
                if (e instanceof IndexException) {
                    throw (IndexException) e;
                }
                problem = "OpenSearch at " + where + " cannot be reached (" + e + ")";
                cause = e;
            }
            if (attempt >= kind.attempts) {
                throw new EngineUnavailableException(
                        problem + "; tried " + attempt + " times; try again in " + retryAfter.toSeconds() + " s",
                        retryAfter,
                        cause);
            }
            LOG.debug("{}; retrying in {} ms", problem, backoff.toMillis());
            pause(backoff);
            backoff = backoff.multipliedBy(2);
        }
    }

    private static JsonNode parse(Response response) throws IOException {
        if (response.getBody().isEmpty()) {
            return MissingNode.getInstance();
        }
        try (Body body = response.getBody().get()) {
            byte[] bytes = body.bodyAsBytes();
            if (bytes.length == 0) {
                return MissingNode.getInstance();
            }
            try {
                return JSON.readTree(bytes);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                return JSON.getNodeFactory().textNode(new String(bytes, StandardCharsets.UTF_8));
            }
        }
    }

    /** The cluster's own words for a failure: its error type and reason, or the body as it came. */
    static String reason(JsonNode body) {
        JsonNode error = body.path("error");
        if (error.isObject()) {
            JsonNode root = error.path("root_cause").path(0);
            JsonNode cause = root.isMissingNode() ? error : root;
            return cause.path("type").asText("error") + ": "
                    + cause.path("reason").asText("");
        }
        return body.isMissingNode() ? "(no body)" : body.toString();
    }

    private static java.util.Optional<Duration> retryAfter(Response response) {
        for (Map.Entry<String, String> header : response.getHeaders()) {
            if (header.getKey().equalsIgnoreCase("Retry-After")) {
                try {
                    return java.util.Optional.of(
                            Duration.ofSeconds(Long.parseLong(header.getValue().strip())));
                } catch (NumberFormatException e) {
                    return java.util.Optional.empty();
                }
            }
        }
        return java.util.Optional.empty();
    }

    private static void pause(Duration time) {
        try {
            Thread.sleep(time);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineUnavailableException("interrupted while waiting to retry", RETRY_AFTER, e);
        }
    }

    /** {@code value} as one segment of a request path (an id may hold '/' or spaces: a file path). */
    static String segment(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
