package org.alima.portal.api.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DoubleClicksTest {

    private static final Instant T0 = Instant.parse("2026-03-10T09:00:00Z");
    private static final UUID DOC = UUID.randomUUID();

    @Test
    void clientsAreForgottenThirtySecondsAfterTheirLastRequest() {
        DoubleClicks clicks = new DoubleClicks(100);
        clicks.counts("a", DOC, UsageKind.VIEW, T0);
        clicks.counts("b", DOC, UsageKind.VIEW, T0.plusSeconds(10));
        assertThat(clicks.size()).isEqualTo(2);
        clicks.counts("c", DOC, UsageKind.VIEW, T0.plusSeconds(35));
        assertThat(clicks.size()).as("a forgotten, b and c held").isEqualTo(2);
    }

    @Test
    void memoryIsBoundedUnderAFlood() {
        DoubleClicks clicks = new DoubleClicks(3);
        for (int i = 0; i < 100; i++) {
            assertThat(clicks.counts("client" + i, DOC, UsageKind.VIEW, T0)).isTrue();
        }
        assertThat(clicks.size()).isEqualTo(3);
    }
}
