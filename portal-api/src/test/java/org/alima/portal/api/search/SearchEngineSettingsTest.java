package org.alima.portal.api.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SearchEngineSettingsTest {

    private static SearchEngineSettings withUrl(String url) {
        return new SearchEngineSettings(url, null, null, null, "portal", 1, Duration.ofSeconds(2));
    }

    @Test
    void choosesTheEmbeddedIndexWithoutAUrl() {
        assertThat(withUrl(null).remoteUrl()).isEmpty();
        assertThat(withUrl("  ").remoteUrl()).isEmpty();
    }

    @Test
    void readsAnHttpOrHttpsUrl() {
        assertThat(withUrl("https://search.example.org:9200").remoteUrl())
                .contains(URI.create("https://search.example.org:9200"));
        assertThat(withUrl(" http://localhost:9200 ").remoteUrl()).contains(URI.create("http://localhost:9200"));
    }

    @Test
    void refusesAUrlThatIsNotHttpNamingTheVariable() {
        assertThatThrownBy(() -> withUrl("ftp://search.example.org").remoteUrl())
                .isInstanceOf(SearchConfigurationException.class)
                .hasMessageContaining("PORTAL_SEARCH_URL")
                .hasMessageContaining("http or https");
        assertThatThrownBy(() -> withUrl("search.example.org:9200").remoteUrl())
                .isInstanceOf(SearchConfigurationException.class)
                .hasMessageContaining("PORTAL_SEARCH_URL");
        assertThatThrownBy(() -> withUrl("https://exa mple.org").remoteUrl())
                .isInstanceOf(SearchConfigurationException.class)
                .hasMessageContaining("is not a URL");
    }

    @Test
    void refusesACertificateFileThatCannotBeRead() {
        SearchEngineSettings settings = new SearchEngineSettings(
                "https://search.example.org", "portal", "secret", "/nonexistent/ca.pem", "portal", 1, Duration.ZERO);
        assertThatThrownBy(settings::caCertificateFile)
                .isInstanceOf(SearchConfigurationException.class)
                .hasMessageContaining("PORTAL_SEARCH_CA_CERTIFICATE");
        assertThat(settings.user()).contains("portal");
    }
}
