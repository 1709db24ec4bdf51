package org.alima.portal.api.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;

/**
 * The benchmark's OpenSearch node between two measurements: what it holds (heap, open points in time, parent
 * circuit-breaker trips), and a clean slate for the next one (every point in time closed, the benchmark's indices
 * deleted), so that a measurement does not pay for the contexts the previous one left open for five minutes.
 */
final class ClusterState {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final URI node;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ClusterState(URI node) {
        this.node = node;
    }

    /** Heap used of the maximum, open points in time, parent breaker trips so far. */
    String describe() throws IOException, InterruptedException {
        JsonNode stats = send("GET", "/_nodes/stats/jvm,breaker,indices").path("nodes");
        JsonNode one = stats.elements().next();
        return String.format(
                Locale.ROOT,
                "OpenSearch node: heap %d of %d MiB used, %d points in time open, parent breaker tripped %d times",
                one.path("jvm").path("mem").path("heap_used_in_bytes").asLong() >> 20,
                one.path("jvm").path("mem").path("heap_max_in_bytes").asLong() >> 20,
                one.path("indices").path("search").path("point_in_time_current").asLong(),
                one.path("breakers").path("parent").path("tripped").asLong());
    }

    /** Closes every point in time and deletes the indices whose names start with {@code prefix}. */
    void clear(String prefix) throws IOException, InterruptedException {
        send("DELETE", "/_search/point_in_time/_all");
        send("DELETE", "/" + prefix + "*");
    }

    private JsonNode send(String method, String path) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(
                HttpRequest.newBuilder(node.resolve(path))
                        .method(method, HttpRequest.BodyPublishers.noBody())
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() >= 300 && answer.statusCode() != 404) {
            throw new IOException(method + " " + path + " answered " + answer.statusCode() + ": " + answer.body());
        }
        return JSON.readTree(answer.body());
    }
}
