package org.alima.portal.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.alima.portal.indexer.SuppressForbidden;

/**
 * A plain HTTP client for the portal under test: exact bytes out (multipart parts in a chosen order, raw file names),
 * raw answers back, no exception on error statuses.
 */
public final class Api {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final URI base;
    private final String token;
    private final HttpClient http;

    public Api(URI base) {
        this(
                base,
                null,
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
    }

    private Api(URI base, String token, HttpClient http) {
        this.base = base;
        this.token = token;
        this.http = http;
    }

    /** This client signed in: every request sends {@code token} as a bearer token unless it sets its own. */
    public Api as(String token) {
        return new Api(base, token, http);
    }

    /** This client without a token: an anonymous reader. */
    public Api anonymous() {
        return new Api(base, null, http);
    }

    public URI base() {
        return base;
    }

    public HttpResponse<String> get(String path, String... headers) {
        return send(request(path, headers).GET().build());
    }

    public HttpResponse<byte[]> getBytes(String path, String... headers) {
        try {
            return http.send(request(path, headers).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> json(String method, String path, String body, String... headers) {
        return send(request(path, headers)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build());
    }

    public HttpResponse<String> jsonBytes(String method, String path, byte[] body) {
        return send(request(path)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body))
                .build());
    }

    public HttpResponse<String> delete(String path) {
        return send(request(path).DELETE().build());
    }

    public HttpResponse<String> options(String path, String... headers) {
        return send(request(path, headers)
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .build());
    }

    public HttpResponse<String> upload(Multipart body) {
        return upload("/api/documents", body);
    }

    /** Posts a multipart body to {@code path}: an upload, or a new version at {@code /api/documents/{id}/versions}. */
    public HttpResponse<String> upload(String path, Multipart body) {
        return send(request(path)
                .header("Content-Type", "multipart/form-data; boundary=" + body.boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes()))
                .build());
    }

    /** Posts a multipart upload without a Content-Length (chunked), as a client streaming a file it has not measured. */
    public HttpResponse<String> uploadChunked(Multipart body) {
        byte[] bytes = body.bytes();
        return send(request("/api/documents")
                .header("Content-Type", "multipart/form-data; boundary=" + body.boundary)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(bytes)))
                .build());
    }

    /** Uploads a file with optional metadata and returns the new document's id, failing unless the answer is 202. */
    public String uploadAccepted(String fileName, byte[] content, String metadata) {
        Multipart body = new Multipart();
        if (metadata != null) {
            body.metadata(metadata);
        }
        HttpResponse<String> response = upload(body.file(fileName, content));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return read(response).get("id").asText();
    }

    /** Polls the document's processing status until {@code done} holds or the timeout passes. */
    public JsonNode awaitStatus(String id, Predicate<JsonNode> done, Duration timeout) {
        AtomicReference<JsonNode> reached = new AtomicReference<>();
        await("document " + id + " reaching the expected status")
                .atMost(timeout)
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> {
                    JsonNode status = read(get("/api/documents/" + id + "/status"));
                    assertThat(done.test(status)).as("status %s", status).isTrue();
                    reached.set(status);
                });
        return reached.get();
    }

    /** Polls until the document's file is {@code indexed} (searchable), failing fast when it fails instead. */
    public JsonNode awaitIndexed(String id) {
        JsonNode status = awaitStatus(
                id, s -> Set.of("indexed", "failed").contains(s.get("status").asText()), Duration.ofSeconds(60));
        assertThat(status.get("status").asText()).as(status.toString()).isEqualTo("indexed");
        return status;
    }

    /** Polls {@code GET path} until its JSON answer satisfies {@code done}, and returns it. */
    public JsonNode awaitJson(String path, Predicate<JsonNode> done, Duration timeout) {
        AtomicReference<JsonNode> answer = new AtomicReference<>();
        await("GET " + path + " giving the expected answer")
                .atMost(timeout)
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> {
                    HttpResponse<String> response = get(path);
                    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                    JsonNode json = read(response);
                    assertThat(done.test(json)).as("answer %s", json).isTrue();
                    answer.set(json);
                });
        return answer.get();
    }

    /** Whether a search for {@code query} (100 hits at most) finds the document. */
    public boolean finds(String query, String id) {
        HttpResponse<String> response = get("/api/search?size=100&fields=id&q=" + encode(query));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        for (JsonNode hit : read(response).get("hits")) {
            if (hit.get("id").asText().equals(id)) {
                return true;
            }
        }
        return false;
    }

    /** A word no other test uses: lower-case letters only, so that every analyzer keeps it whole. */
    public static String uniqueWord() {
        StringBuilder word = new StringBuilder("zq");
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int i = 0; i < 10; i++) {
            word.append((char) ('a' + random.nextInt(26)));
        }
        return word.toString();
    }

    public static String encode(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    public static JsonNode read(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    /**
     * Asserts an RFC 9457 problem with the status and code given, and that it betrays nothing of the server's
     * insides; returns it.
     */
    public static JsonNode assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body())
                .doesNotContain("Exception")
                .doesNotContain("at org.")
                .doesNotContain("at io.");
        JsonNode problem = read(response);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("code").asText()).isEqualTo(code);
        assertThat(problem.get("type").asText()).isEqualTo("urn:portal:problem:" + code);
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(problem.get("detail").asText()).isNotBlank();
        return problem;
    }

    /** The field names of a problem's {@code errors}. */
    public static java.util.List<String> fields(JsonNode problem) {
        java.util.List<String> names = new java.util.ArrayList<>();
        problem.path("errors").forEach(error -> names.add(error.get("field").asText()));
        return names;
    }

    public static byte[] resource(String name) {
        try (InputStream in = Api.class.getResourceAsStream("/pdfs/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource /pdfs/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A test PDF made unique by a comment after its end, which PDF readers ignore: each test uploads bytes of its
     * own, so that duplicate detection meets only the duplicates a test means.
     */
    public static byte[] uniquePdf(String name) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(resource(name));
        out.writeBytes(("\n%" + UUID.randomUUID() + "\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /**
     * Lets time pass in a clock the test cannot move: PostgreSQL's {@code now()}, which sets when a job's backoff or
     * lease ends. To wait until something happens, use Awaitility instead.
     */
    @SuppressForbidden(reason = "the test is about time passing in the database's clock, not about a condition")
    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
        boolean authorizes = false;
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
            authorizes |= headers[i].equalsIgnoreCase("Authorization");
        }
        if (token != null && !authorizes) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A multipart/form-data body written byte for byte, parts in the order added. */
    public static final class Multipart {
        private final String boundary = "portal-test-" + UUID.randomUUID();
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        public Multipart metadata(String json) {
            return metadata(json.getBytes(StandardCharsets.UTF_8));
        }

        public Multipart metadata(byte[] json) {
            part("Content-Disposition: form-data; name=\"metadata\"\r\nContent-Type: application/json", json);
            return this;
        }

        /** The name is written as it is, escaped only for the quotes of the header. */
        public Multipart file(String fileName, byte[] content) {
            part(
                    "Content-Disposition: form-data; name=\"file\"; filename=\"" + fileName.replace("\"", "%22")
                            + "\"\r\nContent-Type: application/octet-stream",
                    content);
            return this;
        }

        /** A file part of any name. */
        public Multipart file(String name, String fileName, byte[] content) {
            part(
                    "Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + fileName
                            + "\"\r\nContent-Type: application/octet-stream",
                    content);
            return this;
        }

        /** A form field. */
        public Multipart field(String name, String value) {
            part("Content-Disposition: form-data; name=\"" + name + "\"", value.getBytes(StandardCharsets.UTF_8));
            return this;
        }

        private void part(String headers, byte[] content) {
            out.writeBytes(("--" + boundary + "\r\n" + headers + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.writeBytes(content);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }

        byte[] bytes() {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            all.writeBytes(out.toByteArray());
            all.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
            return all.toByteArray();
        }
    }
}
