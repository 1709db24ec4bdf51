package org.alima.portal.opensearch;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where the OpenSearch cluster is and how to talk to it; immutable.
 *
 * @param url the cluster's address, {@code http://} or {@code https://} with host and port (e.g.
 *     {@code https://search.internal:9200})
 * @param username basic-authentication user, or null without credentials
 * @param password basic-authentication password, or null without credentials
 * @param caCertificate a PEM certificate authority to trust for https, or null for the JVM's trust store
 * @param indexPrefix the alias searches go through, and the start of every concrete index's name (lower case letters,
 *     digits, {@code -} and {@code _})
 * @param requestTimeout how long one request may take before it counts as a failure of the cluster
 * @param shards primary shards of a new index ({@code portal.search.shards}); 1, the default, keeps BM25's term
 *     statistics equal to the embedded index's, and suits up to some millions of pages
 */
public record OpenSearchSettings(
        URI url,
        String username,
        String password,
        Path caCertificate,
        String indexPrefix,
        Duration requestTimeout,
        int shards) {

    /** The prefix when none is configured. */
    public static final String DEFAULT_PREFIX = "portal";

    /** The request timeout when none is configured: long enough for a bulk request of {@code ~10 MB}. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private static final Pattern PREFIX = Pattern.compile("[a-z0-9][a-z0-9_-]{0,99}");

    public OpenSearchSettings {
        if (url == null || url.getHost() == null) {
            throw new IllegalArgumentException(
                    "the OpenSearch address needs a scheme, a host and a port, e.g. http://localhost:9200; got " + url);
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException(
                    "the OpenSearch address must start with http:// or https://, got " + url);
        }
        if ((username == null) != (password == null)) {
            throw new IllegalArgumentException(
                    "give both an OpenSearch username and a password, or neither (no credentials)");
        }
        if (indexPrefix == null || !PREFIX.matcher(indexPrefix).matches()) {
            throw new IllegalArgumentException("the index prefix must be 1 to 100 lower-case letters, digits, '-' or"
                    + " '_', starting with a letter or digit, got \"" + indexPrefix + "\"");
        }
        if (requestTimeout == null || requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException(
                    "the OpenSearch request timeout must be positive, got " + requestTimeout);
        }
        if (shards < 1 || shards > 64) {
            throw new IllegalArgumentException("the index needs 1 to 64 primary shards, got " + shards);
        }
    }

    /** Settings with one primary shard. */
    public OpenSearchSettings(
            URI url,
            String username,
            String password,
            Path caCertificate,
            String indexPrefix,
            Duration requestTimeout) {
        this(url, username, password, caCertificate, indexPrefix, requestTimeout, 1);
    }

    /** The cluster at {@code url}, without credentials, trusting the JVM's certificates, prefix {@value #DEFAULT_PREFIX}. */
    public static OpenSearchSettings of(URI url) {
        return new OpenSearchSettings(url, null, null, null, DEFAULT_PREFIX, DEFAULT_TIMEOUT);
    }

    /** These settings with another index prefix (tests give each its own). */
    public OpenSearchSettings withIndexPrefix(String prefix) {
        return new OpenSearchSettings(url, username, password, caCertificate, prefix, requestTimeout, shards);
    }

    /** These settings with basic-authentication credentials. */
    public OpenSearchSettings withCredentials(String user, String secret) {
        return new OpenSearchSettings(url, user, secret, caCertificate, indexPrefix, requestTimeout, shards);
    }

    /** These settings trusting the certificate authority in {@code pem}. */
    public OpenSearchSettings withCaCertificate(Path pem) {
        return new OpenSearchSettings(url, username, password, pem, indexPrefix, requestTimeout, shards);
    }

    /** These settings with another request timeout. */
    public OpenSearchSettings withRequestTimeout(Duration timeout) {
        return new OpenSearchSettings(url, username, password, caCertificate, indexPrefix, timeout, shards);
    }

    /** These settings with another number of primary shards for new indices. */
    public OpenSearchSettings withShards(int count) {
        return new OpenSearchSettings(url, username, password, caCertificate, indexPrefix, requestTimeout, count);
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "OpenSearchSettings[url=" + url + ", username=" + username + ", password="
                + (password == null ? null : "***") + ", caCertificate=" + caCertificate + ", indexPrefix="
                + indexPrefix + ", requestTimeout=" + requestTimeout + ", shards=" + shards + "]";
    }
}
