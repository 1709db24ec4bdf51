package org.alima.portal.api.search;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import org.alima.portal.api.indexing.Semantic;
import org.alima.portal.indexer.crosslang.QueryTranslator;
import org.alima.portal.indexer.engine.EmbeddedEngine;
import org.alima.portal.indexer.engine.SearchEngine;
import org.alima.portal.indexer.search.RankingMode;
import org.alima.portal.indexer.search.SearchSettings;
import org.alima.portal.opensearch.OpenSearchEngine;
import org.alima.portal.opensearch.OpenSearchSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the one {@link SearchEngine} of the process, the only place that knows which engine it is: the embedded
 * Lucene index under {@code <dataDir>/index} unless {@code portal.search.url} ({@code PORTAL_SEARCH_URL}) names an
 * OpenSearch cluster ({@link SearchEngineSettings}). Searches are hybrid (words and meaning) unless the semantic part
 * is off ({@link Semantic}), and stop at {@code portal.search.time-limit}.
 */
@Factory
final class SearchEngineFactory {

    private static final Logger LOG = LoggerFactory.getLogger(SearchEngineFactory.class);

    /**
     * @param indexDirectory where the embedded index is when not in {@code <dataDir>/index}: a process beside a running
     *     portal ({@link org.alima.portal.api.system.PortalServices}) opens a throwaway one, the portal's being locked
     *     by it
     * @throws org.alima.portal.indexer.index.IndexLockedException when another process holds the embedded index
     * @throws SearchConfigurationException when the configuration names no usable engine
     */
    @Singleton
    @Bean(preDestroy = "close")
    SearchEngine searchEngine(
            SearchEngineSettings engine,
            Semantic semantic,
            @Value("${portal.data-dir}") String dataDirectory,
            @Value("${portal.index-dir:}") String indexDirectory) {
        SearchSettings settings = SearchSettings.defaults().withTimeLimit(engine.timeLimit());
        if (semantic.model().isEmpty()) {
            settings = settings.withMode(RankingMode.LEXICAL);
        }
        QueryTranslator translator = QueryTranslator.standard();
        if (engine.remoteUrl().isPresent()) {
            SearchEngine remote = remote(engine, settings, translator);
            LOG.info(
                    "Search engine: {} at {}", remote.kind(), engine.remoteUrl().get());
            return remote;
        }
        Path directory = indexDirectory.isBlank()
                ? Path.of(dataDirectory).toAbsolutePath().normalize().resolve("index")
                : Path.of(indexDirectory).toAbsolutePath().normalize();
        EmbeddedEngine embedded = EmbeddedEngine.open(
                directory, settings, translator, semantic.model().orElse(null));
        LOG.info("Search engine: {} index at {}", embedded.kind(), directory);
        return embedded;
    }

    /**
     * The engine of an OpenSearch cluster at {@link SearchEngineSettings#remoteUrl()}, with the credentials, authority
     * certificate, index prefix and shards of {@code engine}; the one place that names the OpenSearch module. It ranks
     * by words: ranking by meaning needs the embedded index's vectors (a hybrid request is ranked by words, as the
     * embedded engine does without a dense model).
     *
     * @throws SearchConfigurationException when the settings are refused (an index prefix OpenSearch cannot name)
     */
    static SearchEngine remote(SearchEngineSettings engine, SearchSettings settings, QueryTranslator translator) {
        OpenSearchSettings cluster;
        try {
            cluster = new OpenSearchSettings(
                    engine.remoteUrl().orElseThrow(),
                    engine.user().orElse(null),
                    engine.user().isPresent() ? engine.password() : null,
                    engine.caCertificateFile().orElse(null),
                    engine.indexPrefix(),
                    OpenSearchSettings.DEFAULT_TIMEOUT,
                    engine.shards());
        } catch (IllegalArgumentException e) {
            throw new SearchConfigurationException(
                    "the OpenSearch settings (PORTAL_SEARCH_*) are refused: " + e.getMessage());
        }
        return OpenSearchEngine.open(cluster, settings.withMode(RankingMode.LEXICAL), translator);
    }
}
