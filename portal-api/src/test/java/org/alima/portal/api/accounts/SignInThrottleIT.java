package org.alima.portal.api.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.alima.portal.api.PortalTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The throttle's rules on the real database it counts in; two throttles over one database stand for two portal nodes.
 * The tables are emptied before each test: test classes run one after another in the test JVM.
 */
@MicronautTest(transactional = false)
class SignInThrottleIT extends PortalTest {

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        private Instant now = Instant.now();

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

    @Inject
    JdbcOperations jdbc;

    @Inject
    TransactionOperations<Connection> transactions;

    private final ManualClock clock = new ManualClock();
    private SignInThrottle throttle;

    @BeforeEach
    void emptyTheCounts() {
        transactions.executeWrite(status -> jdbc.execute(connection -> {
            connection.createStatement().executeUpdate("DELETE FROM sign_in_failures");
            return connection.createStatement().executeUpdate("DELETE FROM sign_in_addresses");
        }));
        throttle = node();
    }

    /** A throttle as one portal node holds it, on the test's database and clock. */
    private SignInThrottle node() {
        return new SignInThrottle(5, 12, 20, Duration.ofMinutes(15), Duration.ofDays(30), clock, jdbc, transactions);
    }

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
    void countsTheFailuresSeenByEveryNodeOnTheDatabase() {
        SignInThrottle other = node();
        fail("ann@example.org", "10.0.0.1", 3);
        for (int i = 0; i < 2; i++) {
            assertThat(other.attempt("ann@example.org", "10.0.0.1")).isEmpty();
            other.failed("ann@example.org", "10.0.0.1");
        }

        assertThat(refusal("ann@example.org", "10.0.0.1")).isPresent();
        assertThat(other.attempt("ann@example.org", "10.0.0.1")).isPresent();
    }

    @Test
    void deletesTheFailuresThatLeftTheWindowAsAttemptsCome() {
        for (int i = 0; i < 200; i++) {
            throttle.attempt("flood" + i + "@example.org", "10.1." + (i / 250) + "." + (i % 250));
        }
        clock.advance(Duration.ofMinutes(16));
        throttle.attempt("late@example.org", "10.2.0.1");

        long rows = jdbc.execute(connection -> {
            var result = connection.createStatement().executeQuery("SELECT count(*) FROM sign_in_failures");
            result.next();
            return result.getLong(1);
        });
        assertThat(rows).isEqualTo(3);
    }

    @Test
    void refusesBoundsThatCannotWork() {
        assertThatThrownBy(() -> new SignInThrottle(
                        0, 10, 10, Duration.ofMinutes(1), Duration.ofDays(1), clock, jdbc, transactions))
                .hasMessageContaining("max-failures");
        assertThatThrownBy(() -> new SignInThrottle(
                        5, 4, 10, Duration.ofMinutes(1), Duration.ofDays(1), clock, jdbc, transactions))
                .hasMessageContaining("max-failures-per-address");
        assertThatThrownBy(() ->
                        new SignInThrottle(5, 10, 10, Duration.ZERO, Duration.ofDays(1), clock, jdbc, transactions))
                .hasMessageContaining("window");
    }
}
