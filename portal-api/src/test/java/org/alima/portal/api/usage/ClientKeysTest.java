package org.alima.portal.api.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ClientKeysTest {

    private static final String AGENT = "Mozilla/5.0 Firefox/133.0";

    /** A clock the test moves. */
    private static final class MovingClock extends Clock {
        final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-03-10T23:59:50Z"));

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }

    @Test
    void theSameClientHasTheSameKeyAllDayAndAnotherTheNextDay() {
        MovingClock clock = new MovingClock();
        ClientKeys keys = new ClientKeys(clock);
        String today = keys.of("203.0.113.7", AGENT);
        assertThat(keys.of("203.0.113.7", AGENT)).isEqualTo(today);
        assertThat(keys.of("203.0.113.8", AGENT)).isNotEqualTo(today);
        assertThat(keys.of("203.0.113.7", AGENT + " other")).isNotEqualTo(today);
        clock.now.set(Instant.parse("2026-03-11T00:00:10Z"));
        assertThat(keys.of("203.0.113.7", AGENT))
                .as("a new salt at midnight UTC")
                .isNotEqualTo(today);
    }

    @Test
    void twoPortalsOrTwoStartsGiveTheSameClientDifferentKeys() {
        String first = new ClientKeys(Clock.systemUTC()).of("203.0.113.7", AGENT);
        String second = new ClientKeys(Clock.systemUTC()).of("203.0.113.7", AGENT);
        assertThat(first).hasSize(32).matches("[0-9a-f]+").isNotEqualTo(second);
    }
}
