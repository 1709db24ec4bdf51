package org.alima.portal.api.search;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Which search engine the portal uses and how ({@code portal.search.*}). Immutable.
 *
 * @param url the OpenSearch cluster ({@code PORTAL_SEARCH_URL}, http or https); blank: the embedded index in the data
 *     directory, the default, for one portal process
 * @param username with {@code password}, the cluster's basic authentication; blank: none
 * @param caCertificate a PEM file of the authority that signed the cluster's certificate; blank: the JVM's trust store
 * @param indexPrefix the name of the cluster's alias the portal searches, and the start of its indexes' names
 * @param shards primary shards of the cluster's index; 1 keeps term statistics, so ranking, equal to the embedded index's
 * @param timeLimit longer searches stop with 503 {@code search-timeout}
 */
@ConfigurationProperties("portal.search")
record SearchEngineSettings(
        @Nullable String url,
        @Nullable String username,
        @Nullable String password,
        @Nullable String caCertificate,
        @NotBlank String indexPrefix,
        @Min(1) @Max(64) int shards,
        @NotNull Duration timeLimit) {

    /**
     * The cluster's address; empty for the embedded index.
     *
     * @throws SearchConfigurationException when the address is not an absolute http or https URL
     */
    Optional<URI> remoteUrl() {
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        URI parsed;
        try {
            parsed = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new SearchConfigurationException("portal.search.url (PORTAL_SEARCH_URL) '" + url + "' is not a URL ("
                    + e.getReason() + "); give the cluster's address, e.g. https://search.example.org:9200, or leave it"
                    + " blank for the embedded index");
        }
        if (parsed.getHost() == null || !("http".equals(parsed.getScheme()) || "https".equals(parsed.getScheme()))) {
            throw new SearchConfigurationException("portal.search.url (PORTAL_SEARCH_URL) '" + url + "' must be an"
                    + " http or https address with a host, e.g. https://search.example.org:9200, or blank for the"
                    + " embedded index");
        }
        return Optional.of(parsed);
    }

    /** The basic-authentication user; empty without credentials. */
    Optional<String> user() {
        return username == null || username.isBlank() ? Optional.empty() : Optional.of(username);
    }

    /**
     * The authority's certificate; empty for the JVM's trust store.
     *
     * @throws SearchConfigurationException when the file is named but cannot be read
     */
    Optional<Path> caCertificateFile() {
        if (caCertificate == null || caCertificate.isBlank()) {
            return Optional.empty();
        }
        Path file = Path.of(caCertificate.strip()).toAbsolutePath().normalize();
        if (!Files.isReadable(file)) {
            throw new SearchConfigurationException("portal.search.ca-certificate (PORTAL_SEARCH_CA_CERTIFICATE) "
                    + file + " cannot be read; give the PEM file of the authority that signed the cluster's"
                    + " certificate, or leave it blank to trust the JVM's authorities");
        }
        return Optional.of(file);
    }
}
