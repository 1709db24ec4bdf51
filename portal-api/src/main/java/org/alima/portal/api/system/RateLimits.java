package org.alima.portal.api.system;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.security.authentication.Authentication;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rate limits, so that one client (a scraping bot, a runaway script) cannot take the portal from everyone else:
 * anonymous searches, suggestions and file downloads per client address ({@link ClientAddresses}), uploads (and new
 * versions) per account. Each is a token bucket (Bucket4j) that holds its limit's number of requests and refills them
 * evenly over its period, so that a reader's burst passes and only a sustained flood is refused, with 429
 * {@code rate-limited} and Retry-After. Signed-in searches and downloads are not limited: their accounts answer for
 * them. Limits ({@code portal.rate-limits.*}, {@code N/period} such as {@code 120/1m}; {@code 0/1m} turns one off) are
 * in the README. The buckets live in memory, at most {@code portal.rate-limits.max-clients} (100,000, least recently
 * used out first). Thread-safe.
 */
@ServerFilter("/api/**")
final class RateLimits implements Ordered {

    private static final Pattern LIMIT = Pattern.compile("(\\d+)\\s*/\\s*(\\d+)\\s*([smhd])");
    /** A file, or one of its pages (text or one-page PDF, both cut from the file): a download, with its cost. */
    private static final Pattern FILE = Pattern.compile("/api/documents/[^/]+/(file|pages/[^/]+)");

    private static final Pattern NEW_VERSION = Pattern.compile("/api/documents/[^/]+/versions");

    private final ClientAddresses clients;
    private final Limit search;
    private final Limit suggest;
    private final Limit download;
    private final Limit upload;
    private final Cache<String, Bucket> buckets;

    RateLimits(
            ClientAddresses clients,
            @Value("${portal.rate-limits.search:120/1m}") String search,
            @Value("${portal.rate-limits.suggest:300/1m}") String suggest,
            @Value("${portal.rate-limits.download:120/1m}") String download,
            @Value("${portal.rate-limits.upload:200/1h}") String upload,
            @Value("${portal.rate-limits.max-clients:100000}") long maxClients) {
        this.clients = clients;
        this.search = Limit.parse("search", search);
        this.suggest = Limit.parse("suggest", suggest);
        this.download = Limit.parse("download", download);
        this.upload = Limit.parse("upload", upload);
        this.buckets = Caffeine.newBuilder()
                .maximumSize(maxClients)
                .expireAfterAccess(Duration.ofHours(2))
                .build();
    }

    @RequestFilter
    void limit(HttpRequest<?> request) {
        String path = request.getPath();
        boolean signedIn = request.getUserPrincipal(Authentication.class).isPresent();
        if (request.getMethod() == HttpMethod.POST
                && (path.equals("/api/documents") || NEW_VERSION.matcher(path).matches())) {
            request.getUserPrincipal(Authentication.class)
                    .ifPresent(account -> take(upload, account.getName(), "uploads"));
            return;
        }
        if (signedIn || (request.getMethod() != HttpMethod.GET && request.getMethod() != HttpMethod.HEAD)) {
            return;
        }
        if (path.equals("/api/search/suggest")) {
            take(suggest, clients.of(request), "suggestions");
        } else if (path.equals("/api/search")) {
            take(search, clients.of(request), "searches");
        } else if (FILE.matcher(path).matches()) {
            take(download, clients.of(request), "downloads");
        }
    }

    private void take(Limit limit, String client, String what) {
        if (limit.requests() == 0) {
            return;
        }
        Bucket bucket = buckets.get(limit.name() + ":" + client, ignored -> limit.bucket());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            throw new RateLimitedException(what, Duration.ofNanos(probe.getNanosToWaitForRefill()));
        }
    }

    @Override
    public int getOrder() {
        // After the security filter, which tells signed-in requests apart.
        return ServerFilterPhase.SECURITY.after();
    }

    /** N requests per period, refilled evenly. */
    private record Limit(String name, int requests, Duration period) {

        static Limit parse(String name, String value) {
            Matcher matcher = LIMIT.matcher(value.strip().toLowerCase(Locale.ROOT));
            if (!matcher.matches() || Integer.parseInt(matcher.group(2)) == 0) {
                throw new IllegalArgumentException("portal.rate-limits." + name + " must be requests per period, such"
                        + " as 120/1m (s, m, h or d; 0/1m turns it off), got '" + value + "'");
            }
            long amount = Long.parseLong(matcher.group(2));
            Duration period = switch (matcher.group(3)) {
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
            return new Limit(name, Integer.parseInt(matcher.group(1)), period);
        }

        Bucket bucket() {
            return Bucket.builder()
                    .addLimit(limit -> limit.capacity(requests).refillGreedy(requests, period))
                    .build();
        }
    }
}
