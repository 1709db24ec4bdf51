package org.alima.portal.api;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import org.alima.portal.api.access.Viewer;
import org.alima.portal.api.access.Viewer.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * What every integration test of the running portal shares: the test JVM's PostgreSQL and a client for the server
 * that {@code @MicronautTest} started.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class PortalTest implements TestPropertyProvider {

    @Inject
    protected EmbeddedServer server;

    /** A client signed in as a contributor, created once per test class. */
    protected Api api;

    /** A client without a token: an anonymous reader. */
    protected Api anonymous;

    /** The contributor {@link #api} is signed in as, for typed clients (see {@link ViewerTokens}). */
    protected Viewer contributor;

    private String contributorToken;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>();
        TestDatabase.properties().forEach((key, value) -> properties.put(key, String.valueOf(value)));
        // Tests wait for indexing by asking anonymously, every 100 ms, from one address: far above a reader's limits,
        // which RateLimitsIT sets low for itself and checks.
        properties.put("portal.rate-limits.search", "100000/1m");
        properties.put("portal.rate-limits.suggest", "100000/1m");
        properties.put("portal.rate-limits.download", "100000/1m");
        return properties;
    }

    @BeforeEach
    void connect() {
        anonymous = new Api(server.getURI());
        if (contributorToken == null) {
            TestAccounts.Account account = TestAccounts.create(anonymous, "contributor");
            contributorToken = account.token();
            contributor = ViewerTokens.of(account, Role.CONTRIBUTOR);
        }
        api = anonymous.as(contributorToken);
    }
}
