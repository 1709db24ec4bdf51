package org.alima.portal.api.indexing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class IndexingSettingsTest {

    private final IndexingSettings settings =
            new IndexingSettings(2, 5, Duration.ofSeconds(10), Duration.ofMinutes(10), Duration.ofSeconds(1));

    @Test
    void doublesTheRetryDelayAfterEachFailedAttempt() {
        assertThat(settings.retryDelay(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.retryDelay(2)).isEqualTo(Duration.ofSeconds(20));
        assertThat(settings.retryDelay(4)).isEqualTo(Duration.ofSeconds(80));
    }

    @Test
    void capsTheRetryDelayAtOneHour() {
        assertThat(settings.retryDelay(20)).isEqualTo(Duration.ofHours(1));
        assertThat(settings.retryDelay(Integer.MAX_VALUE)).isEqualTo(Duration.ofHours(1));
    }
}
