package org.alima.portal.api.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.alima.portal.api.Api;
import org.alima.portal.api.PortalTest;
import org.assertj.core.api.AbstractDoubleAssert;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The Prometheus endpoint as a scraper and an intruder meet it: closed to anyone without the metrics token, and after
 * an upload, indexing and searches, every documented meter there with a value that says what happened. (Without
 * {@code PORTAL_METRICS_TOKEN} the endpoint does not exist: SecurityHeadersIT.)
 */
@MicronautTest
class MetricsIT extends PortalTest {

    private static final String TOKEN = "metrics-token-for-the-tests-0123456789";

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = super.getProperties();
        MetricsToken.properties(Map.of(MetricsToken.VARIABLE, TOKEN))
                .forEach((key, value) -> properties.put(key, String.valueOf(value)));
        return properties;
    }

    @Nested
    class TheEndpoint {

        @Test
        void refusesAnonymousScrapes() {
            HttpResponse<String> answer = anonymous.get("/prometheus");
            assertThat(answer.statusCode()).isEqualTo(401);
            assertThat(answer.body()).doesNotContain("jvm_");
        }

        @Test
        void refusesAWrongToken() {
            HttpResponse<String> answer = anonymous.get("/prometheus", "Authorization", "Bearer " + TOKEN + "x");
            assertThat(answer.statusCode()).isEqualTo(401);
            assertThat(answer.body()).doesNotContain("jvm_");
        }

        @Test
        void refusesAnAccountThatIsNotTheScraper() {
            assertThat(api.get("/prometheus").statusCode()).isEqualTo(403);
        }

        @Test
        void theTokenOpensNothingElse() {
            assertThat(anonymous.as(TOKEN).get("/api/account").statusCode()).isEqualTo(401);
            assertThat(anonymous.as(TOKEN).get("/api/documents").statusCode()).isEqualTo(401);
        }

        @Test
        void answersTheScraperInPrometheusTextFormat() {
            HttpResponse<String> answer = anonymous.as(TOKEN).get("/prometheus");
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            assertThat(answer.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
            assertThat(answer.body()).contains("# TYPE jvm_memory_used_bytes gauge");
        }
    }

    @Test
    void afterAnUploadIndexingAndSearchesTheMetersSayWhatHappened() {
        String word = Api.uniqueWord();
        String id = api.uploadAccepted(
                "metrics.txt", ("Cholera treatment centre " + word).getBytes(StandardCharsets.UTF_8), null);
        api.awaitIndexed(id);
        String locked = api.uploadAccepted("locked.pdf", Api.uniquePdf("password.pdf"), null);
        api.awaitStatus(locked, s -> s.get("status").asText().equals("failed"), java.time.Duration.ofSeconds(60));
        assertThat(api.finds(word, id)).isTrue();
        assertThat(api.get("/api/search/suggest?q=chol").statusCode()).isEqualTo(200);
        assertThat(api.get("/api/documents/" + id).statusCode()).isEqualTo(200);

        String scrape = anonymous.as(TOKEN).get("/prometheus").body();

        // HTTP: by route template and status, with histogram buckets; never the raw path with the document's id.
        metric(
                        scrape,
                        "http_server_requests_seconds_count",
                        "method=\"POST\"",
                        "status=\"202\"",
                        "uri=\"/api/documents\"")
                .isGreaterThanOrEqualTo(2);
        metric(scrape, "http_server_requests_seconds_count", "status=\"200\"", "uri=\"/api/documents/{id}\"")
                .isGreaterThanOrEqualTo(1);
        metric(scrape, "http_server_requests_seconds_bucket", "uri=\"/api/search\"", "le=\"+Inf\"")
                .isGreaterThanOrEqualTo(1);
        assertThat(scrape).doesNotContain(id);
        // Indexing: the job that indexed, the one that failed for good, the failure's kind, the queue.
        metric(scrape, "portal_indexing_jobs_total", "kind=\"ingest\"", "outcome=\"indexed\"")
                .isGreaterThanOrEqualTo(1);
        metric(scrape, "portal_indexing_jobs_total", "kind=\"ingest\"", "outcome=\"failed\"")
                .isGreaterThanOrEqualTo(1);
        metric(scrape, "portal_extraction_failures_total", "kind=\"encrypted\"").isGreaterThanOrEqualTo(1);
        metric(scrape, "portal_extraction_failures_total", "kind=\"needs_ocr\"").isGreaterThanOrEqualTo(0);
        metric(scrape, "portal_indexing_queue", "state=\"pending\"").isGreaterThanOrEqualTo(0);
        metric(scrape, "portal_indexing_queue", "state=\"running\"").isGreaterThanOrEqualTo(0);
        // Search: timed apart from HTTP, per operation.
        metric(scrape, "portal_search_seconds_count", "operation=\"search\"").isGreaterThanOrEqualTo(1);
        metric(scrape, "portal_search_seconds_count", "operation=\"suggest\"").isGreaterThanOrEqualTo(1);
        metric(scrape, "portal_search_seconds_bucket", "operation=\"search\"", "le=\"+Inf\"")
                .isGreaterThanOrEqualTo(1);
        // The index on disk.
        metric(scrape, "portal_index_size_bytes").isGreaterThan(1000);
        metric(scrape, "portal_index_documents").isGreaterThanOrEqualTo(1);
        // The JVM and the connection pool.
        metric(scrape, "jvm_memory_used_bytes", "area=\"heap\"").isGreaterThan(0);
        metric(scrape, "jvm_threads_live_threads").isGreaterThan(0);
        metric(scrape, "hikaricp_connections_max").isEqualTo(10);
        metric(scrape, "hikaricp_connections_active").isGreaterThanOrEqualTo(0);
    }

    /** Asserts that {@code metric} has samples with all of {@code labels}, and returns their sum for more. */
    private static AbstractDoubleAssert<?> metric(String scrape, String metric, String... labels) {
        String lines = scrape.lines().filter(line -> line.startsWith(metric)).collect(Collectors.joining("\n"));
        Optional<Double> sum = value(scrape, metric, labels);
        assertThat(sum)
                .as("%s with %s among:%n%s", metric, List.of(labels), lines)
                .isPresent();
        return assertThat(sum.get()).as("%s with %s among:%n%s", metric, List.of(labels), lines);
    }

    /** The sum of the samples of {@code metric} whose labels include all of {@code labels}; empty when none. */
    private static Optional<Double> value(String scrape, String metric, String... labels) {
        Pattern line = Pattern.compile("^" + Pattern.quote(metric) + "(\\{.*})? (\\S+)$", Pattern.MULTILINE);
        Matcher matcher = line.matcher(scrape);
        double sum = 0;
        boolean found = false;
        while (matcher.find()) {
            String set = matcher.group(1) == null ? "" : matcher.group(1);
            boolean all = true;
            for (String label : labels) {
                all &= set.contains(label);
            }
            if (all) {
                found = true;
                sum += Double.parseDouble(matcher.group(2));
            }
        }
        return found ? Optional.of(sum) : Optional.empty();
    }
}
