package org.alima.portal.api.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
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
    private final SignInThrottle throttle =
            new SignInThrottle(5, 12, 20, Duration.ofMinutes(15), Duration.ofDays(30), 1000, clock);

    /** Attempts that fail, as the sign-in does: counted first, then judged. */
    private void fail(String email, String address, int times) {
        for (int i = 0; i < times; i++) {
            assertThat(throttle.attempt(email, address)).isEmpty();
            throttle.failed(email, address);
            clock.advance(Duration.ofSeconds(1));
        }
    }

    private void succeed(String email, String address) {
        assertThat(throttle.attempt(email, address)).isEmpty();
        throttle.succeeded(email, address);
    }

    private Optional<SignInThrottle.Refusal> refusal(String email, String address) {
        return throttle.attempt(email, address);
    }

    @Test
    void letsFiveFailuresPassAndRefusesTheSixthAttempt() {
        fail("ann@example.org", "10.0.0.1", 5);

        assertThat(refusal("ann@example.org", "10.0.0.1"))
                .hasValueSatisfying(r -> assertThat(r.scope()).isEqualTo(SignInThrottle.Scope.ACCOUNT_FROM_ADDRESS));
    }

    @Test
    void countsAnAttemptBeforeItIsJudgedSoThatConcurrentAttemptsCannotSlipThrough() {
        // Five attempts sent at once: none judged yet, all counted.
        for (int i = 0; i < 5; i++) {
            assertThat(refusal("ann@example.org", "10.0.0.1")).isEmpty();
        }
        assertThat(refusal("ann@example.org", "10.0.0.1")).isPresent();
    }

    @Test
    void refusesUntilTheOldestFailureLeavesTheWindow() {
        fail("ann@example.org", "10.0.0.1", 5);
        clock.advance(Duration.ofMinutes(15).minusSeconds(10));
        assertThat(refusal("ann@example.org", "10.0.0.1"))
                .hasValueSatisfying(r -> assertThat(r.retryAfter()).isEqualTo(Duration.ofSeconds(5)));

        clock.advance(Duration.ofSeconds(6));
        assertThat(refusal("ann@example.org", "10.0.0.1")).isEmpty();
    }

    @Test
    void letsTheOwnerSignInFromAnotherAddressWhileAnAttackerIsThrottled() {
        fail("ann@example.org", "203.0.113.66", 5);
        assertThat(refusal("ann@example.org", "203.0.113.66")).isPresent();

        assertThat(refusal("ANN@example.org", "198.51.100.7")).isEmpty();
    }

    @Test
    void refusesGuessesSpreadOverManyAddressesExceptFromAddressesTheOwnerSignedInFrom() {
        succeed("ann@example.org", "198.51.100.7");
        for (int i = 0; i < 20; i++) {
            fail("ann@example.org", "203.0.113." + i, 1);
        }

        assertThat(refusal("ann@example.org", "203.0.113.200"))
                .hasValueSatisfying(r -> assertThat(r.scope()).isEqualTo(SignInThrottle.Scope.ACCOUNT));
        assertThat(refusal("ann@example.org", "198.51.100.7")).isEmpty();
    }

    @Test
    void allowsAnAddressMoreFailuresThanAnAccountSoThatAnOfficeIsNotLockedOutByOnePerson() {
        fail("ann@example.org", "10.0.0.1", 5);
        assertThat(refusal("bob@example.org", "10.0.0.1")).isEmpty();
    }

    @Test
    void refusesAnAddressSprayingOnePasswordOverManyEmails() {
        for (int i = 0; i < 12; i++) {
            fail("user" + i + "@example.org", "10.0.0.9", 1);
        }
        assertThat(refusal("someone.else@example.org", "10.0.0.9"))
                .hasValueSatisfying(r -> assertThat(r.scope()).isEqualTo(SignInThrottle.Scope.ADDRESS));
        assertThat(refusal("someone.else@example.org", "10.0.0.10")).isEmpty();
    }

    @Test
    void aSuccessForgivesTheEmailsFailuresFromItsAddressButNotTheAddresssOthers() {
        for (int i = 0; i < 4; i++) {
            fail("user" + i + "@example.org", "10.0.0.9", 1);
        }
        fail("ann@example.org", "10.0.0.9", 4);
        succeed("ann@example.org", "10.0.0.9");
        fail("ann@example.org", "10.0.0.9", 3);

        // Seven failures of ann's in all, three since the success; the address has 11 and this attempt.
        assertThat(refusal("ann@example.org", "10.0.0.9")).isEmpty();
        assertThat(refusal("carl@example.org", "10.0.0.9")).isPresent();
    }

    @Test
    void reportsTheLockoutOnceWhenAFailureReachesTheLimit() {
        fail("ann@example.org", "10.0.0.1", 4);
        assertThat(throttle.attempt("ann@example.org", "10.0.0.1")).isEmpty();

        assertThat(throttle.failed("ann@example.org", "10.0.0.1").locked())
                .hasValue(SignInThrottle.Scope.ACCOUNT_FROM_ADDRESS);
    }

    @Test
    void holdsNoMoreEntriesThanItsBoundWhateverTheFlood() {
        for (int i = 0; i < 5000; i++) {
            throttle.attempt("flood" + i + "@example.org", "10.1." + (i / 250) + "." + (i % 250));
        }
        assertThat(throttle.size()).isLessThanOrEqualTo(1000);
    }

    @Test
    void refusesBoundsThatCannotWork() {
        assertThatThrownBy(() -> new SignInThrottle(0, 10, 10, Duration.ofMinutes(1), Duration.ofDays(1), 10, clock))
                .hasMessageContaining("max-failures");
        assertThatThrownBy(() -> new SignInThrottle(5, 4, 10, Duration.ofMinutes(1), Duration.ofDays(1), 10, clock))
                .hasMessageContaining("max-failures-per-address");
        assertThatThrownBy(() -> new SignInThrottle(5, 10, 10, Duration.ZERO, Duration.ofDays(1), 10, clock))
                .hasMessageContaining("window");
    }
}
