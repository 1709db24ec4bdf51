package org.alima.portal.api.search;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.alima.portal.api.indexing.SearchIndex;
import org.alima.portal.api.indexing.Semantic;
import org.alima.portal.indexer.search.PortalSearch;
import org.alima.portal.indexer.search.RankingMode;
import org.alima.portal.indexer.search.SearchSettings;

/**
 * Makes the one {@link PortalSearch} of the process, on the portal's index ({@code portal.search.time-limit}), hybrid
 * (words and meaning) unless the semantic part is off ({@link Semantic}).
 */
@Factory
final class SearchSettingsFactory {

    @Singleton
    PortalSearch portalSearch(
            SearchIndex index, Semantic semantic, @Value("${portal.search.time-limit:2s}") Duration timeLimit) {
        SearchSettings settings = SearchSettings.defaults().withTimeLimit(timeLimit);
        return new PortalSearch(
                index.index(),
                semantic.model().isPresent() ? settings : settings.withMode(RankingMode.LEXICAL),
                semantic.model().orElse(null));
    }
}
