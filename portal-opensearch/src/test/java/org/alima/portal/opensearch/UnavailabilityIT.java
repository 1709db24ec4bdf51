package org.alima.portal.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.alima.portal.indexer.crosslang.QueryTranslator;
import org.alima.portal.indexer.engine.EngineUnavailableException;
import org.alima.portal.indexer.search.SearchSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** A node of its own is stopped and started again: the engine says it is unavailable, then works again. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnavailabilityIT {

    private LocalNode node;
    private OpenSearchEngine engine;

    @BeforeAll
    void start() {
        node = OpenSearchNode.startPrivate("unavailability");
        engine = OpenSearchEngine.open(
                OpenSearchSettings.of(node.url()).withIndexPrefix("unavailable-" + java.util.UUID.randomUUID()),
                SearchSettings.defaults(),
                QueryTranslator.off());
    }

    @AfterAll
    void stop() {
        if (engine != null) {
            engine.close();
        }
        if (node != null) {
            node.close();
        }
    }

    @Test
    void aStoppedNodeMakesReadsAndWritesUnavailableUntilItIsBack() {
        engine.upsert(Documents.published("before", "Avant", "texte"), Optional.empty());
        engine.flush();

        node.stop();

        long started = System.nanoTime();
        assertThatThrownBy(engine::documentCount)
                .isInstanceOf(EngineUnavailableException.class)
                .hasMessageContaining("cannot be reached")
                .satisfies(e -> assertThat(((EngineUnavailableException) e).retryAfter())
                        .isPositive());
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .as("a read fails fast")
                .isLessThan(Duration.ofSeconds(3));
        assertThatThrownBy(() -> engine.upsert(Documents.published("during", "Pendant", "texte"), Optional.empty()))
                .isInstanceOf(EngineUnavailableException.class)
                .hasMessageContaining("tried " + Cluster.WRITE_ATTEMPTS + " times");

        node.start();

        engine.upsert(Documents.published("after", "Après", "texte"), Optional.empty());
        engine.flush();
        assertThat(engine.contains("before")).isTrue();
        assertThat(engine.contains("after")).isTrue();
        assertThat(engine.contains("during")).isFalse();
    }
}
