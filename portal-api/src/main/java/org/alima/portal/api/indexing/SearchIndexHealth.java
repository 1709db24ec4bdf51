package org.alima.portal.api.indexing;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import org.alima.portal.indexer.engine.SearchEngine;
import org.alima.portal.indexer.index.IndexStats;

/**
 * Health of the search engine, for {@code /health} and readiness: up while the index can be read, with the engine's
 * kind ({@code embedded} or {@code opensearch}), its size and whether it awaits a rebuild (searches still answer
 * then, from the index as it is). Thread-safe.
 */
@Singleton
@Readiness
final class SearchIndexHealth extends AbstractHealthIndicator<Map<String, Object>> {

    private final SearchEngine engine;

    SearchIndexHealth(SearchEngine engine) {
        this.engine = engine;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        // A failure to read the statistics propagates: the base class reports it as DOWN with the error's message.
        IndexStats stats = engine.stats();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("engine", engine.kind());
        details.put("documents", stats.documents());
        details.put("pages", stats.pages());
        details.put("schemaVersion", stats.schemaVersion());
        details.put("needsRebuild", engine.needsRebuild());
        healthStatus = HealthStatus.UP;
        return details;
    }

    @Override
    protected String getName() {
        return "searchIndex";
    }
}
