package org.alima.portal.api.indexing;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import org.alima.portal.indexer.index.IndexStats;

/**
 * Health of the search index, for {@code /health} and readiness: up while the index can be read, with its size and
 * whether it awaits a rebuild (searches still answer then, from the index as it is). Thread-safe.
 */
@Singleton
@Readiness
final class SearchIndexHealth extends AbstractHealthIndicator<Map<String, Object>> {

    private final SearchIndex searchIndex;

    SearchIndexHealth(SearchIndex searchIndex) {
        this.searchIndex = searchIndex;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        // A failure to read the statistics propagates: the base class reports it as DOWN with the error's message.
        IndexStats stats = searchIndex.index().stats();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("documents", stats.documents());
        details.put("pages", stats.pages());
        details.put("schemaVersion", stats.schemaVersion());
        details.put("needsRebuild", searchIndex.index().needsRebuild());
        healthStatus = HealthStatus.UP;
        return details;
    }

    @Override
    protected String getName() {
        return "searchIndex";
    }
}
