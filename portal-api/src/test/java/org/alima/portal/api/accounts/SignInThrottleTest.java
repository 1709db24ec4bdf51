package org.alima.portal.api.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SignInThrottleTest {

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2026-01-05T08:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

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
            return now;
        }
    }

    private final ManualClock clock = new ManualClock();
    private final SignInThrottle throttle = new SignInThrottle(5, 12, Duration.ofMinutes(15), clock);

    private void fail(String email, String address, int times) {
        for (int i = 0; i < times; i++) {
            throttle.failed(email, address);
            clock.advance(Duration.ofSeconds(1));
        }
    }

    @Test
    void letsFourFailuresPassAndRefusesAfterTheFifth() {
        fail("a@portal.test", "10.0.0.1", 4);
        assertThat(throttle.waitBefore("a@portal.test", "10.0.0.1")).isZero();

        fail("a@portal.test", "10.0.0.1", 1);

        assertThat(throttle.waitBefore("a@portal.test", "10.0.0.1")).isPositive();
    }

    @Test
    void refusesUntilTheOldestFailureLeavesTheWindow() {
        fail("a@portal.test", "10.0.0.1", 5);
        Duration wait = throttle.waitBefore("a@portal.test", "10.0.0.1");

        assertThat(wait).isEqualTo(Duration.ofMinutes(15).minusSeconds(5));
        clock.advance(wait);
        assertThat(throttle.waitBefore("a@portal.test", "10.0.0.1")).isZero();
    }

    @Test
    void countsTheEmailWhateverItsCaseAndFromAnyAddress() {
        for (int i = 0; i < 5; i++) {
            throttle.failed(i % 2 == 0 ? "A@Portal.Test" : "a@portal.test", "10.0.0." + i);
        }

        assertThat(throttle.waitBefore("a@PORTAL.test", "192.168.1.1")).isPositive();
    }

    @Test
    void allowsAnAddressMoreFailuresThanAnEmailSoThatAnOfficeIsNotLockedOutByOnePerson() {
        fail("first@portal.test", "10.0.0.1", 5);

        assertThat(throttle.waitBefore("second@portal.test", "10.0.0.1")).isZero();
    }

    @Test
    void refusesAnAddressSprayingOnePasswordOverManyEmails() {
        for (int i = 0; i < 12; i++) {
            throttle.failed("user" + i + "@portal.test", "10.0.0.9");
        }

        assertThat(throttle.waitBefore("someone-new@portal.test", "10.0.0.9")).isPositive();
        assertThat(throttle.waitBefore("someone-new@portal.test", "10.0.0.10")).isZero();
    }

    @Test
    void aSuccessForgivesTheEmailsFailuresButNotTheAddresss() {
        fail("a@portal.test", "10.0.0.1", 4);
        throttle.succeeded("a@portal.test");
        fail("a@portal.test", "10.0.0.1", 4);

        assertThat(throttle.waitBefore("a@portal.test", "10.0.0.2")).isZero();
        fail("b@portal.test", "10.0.0.1", 4);
        assertThat(throttle.waitBefore("c@portal.test", "10.0.0.1")).isPositive();
    }

    @Test
    void refusesBoundsThatCannotWork() {
        assertThatThrownBy(() -> new SignInThrottle(0, 10, Duration.ofMinutes(1), clock))
                .hasMessageContaining("max-failures must be at least 1");
        assertThatThrownBy(() -> new SignInThrottle(5, 4, Duration.ofMinutes(1), clock))
                .hasMessageContaining("max-failures-per-address");
        assertThatThrownBy(() -> new SignInThrottle(5, 10, Duration.ZERO, clock))
                .hasMessageContaining("window must be positive");
    }
}
