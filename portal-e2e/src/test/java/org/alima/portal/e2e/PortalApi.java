package org.alima.portal.e2e;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The portal's JSON API as the tests use it to prepare what the browser then shows (accounts, documents,
 * collections), with or without a bearer token. Immutable and thread-safe.
 */
final class PortalApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URI base;
    private final String token;

    PortalApi(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    PortalApi as(String bearerToken) {
        return new PortalApi(base, bearerToken);
    }

    URI base() {
        return base;
    }

    /** GETs a JSON answer, which must be a success. */
    JsonNode get(String path) {
        return ok(send("GET", path, null));
    }

    /** POSTs {@code body} as JSON (nothing when null); the answer must be a success. */
    JsonNode post(String path, Object body) {
        return ok(send("POST", path, body));
    }

    /** Any call, its answer as it came. */
    HttpResponse<String> send(String method, String path, Object body) {
        HttpRequest.Builder request = request(path).header("Accept", "application/json");
        try {
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the request body of " + method + " " + path, e);
        }
        return call(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The raw answer to a GET (headers and bytes), e.g. a file. */
    HttpResponse<byte[]> download(String path) {
        return call(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Uploads {@code file} with its metadata part (multipart, as a browser sends it) and returns the new id. */
    String upload(Path file, Map<String, ?> metadata) {
        String boundary = "----portal-e2e-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"metadata\"\r\n"
                            + "Content-Type: application/json\r\n\r\n" + JSON.writeValueAsString(metadata) + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                            + file.getFileName() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.writeBytes(Files.readAllBytes(file));
            body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + " to upload it", e);
        }
        HttpRequest request = request("/api/documents")
                .header("Accept", "application/json")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build();
        return ok(call(request, HttpResponse.BodyHandlers.ofString()))
                .path("id")
                .asText();
    }

    /** Waits until the document's file is processed (indexed, or failed with its reason) and returns its status. */
    JsonNode awaitProcessed(String id, Duration timeout) {
        return await("document " + id + " processed")
                .atMost(timeout)
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> get("/api/documents/" + id + "/status"),
                        status -> Set.of("indexed", "failed", "extracted")
                                .contains(status.path("status").asText()));
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    private static <T> HttpResponse<T> call(HttpRequest request, HttpResponse.BodyHandler<T> body) {
        try {
            return HTTP.send(request, body);
        } catch (IOException e) {
            throw new UncheckedIOException("The portal did not answer " + request.method() + " " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during " + request.method() + " " + request.uri(), e);
        }
    }

    private static JsonNode ok(HttpResponse<String> response) {
        if (response.statusCode() / 100 != 2) {
            throw new AssertionError(response.request().method() + " " + response.uri() + " answered "
                    + response.statusCode() + ": " + response.body());
        }
        try {
            return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("Not JSON from " + response.uri() + ": " + response.body(), e);
        }
    }
}
