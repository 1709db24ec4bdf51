package org.alima.portal.api.system;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.alima.portal.api.metrics.MetricsToken;
import org.alima.portal.indexer.index.IndexLockedException;

/**
 * A running portal: its HTTP server, its application context and, by default, the embedded PostgreSQL it owns. Not
 * thread-safe; {@link #close()} it once.
 *
 * <p>How the database reaches Micronaut: when no {@code PORTAL_DB_URL} is set, the embedded PostgreSQL is started
 * <em>before</em> the application context, and its URL is handed to the context as the {@code datasources.default.*}
 * properties. The context therefore never knows whether its database is embedded, Flyway and the pool see an
 * ordinary server, and closing happens in the reverse order: HTTP server, context (pool, worker), then PostgreSQL.
 */
public final class Portal implements AutoCloseable {

    private final DataDirectoryLock lock;
    private final EmbeddedDatabase database;
    private final ApplicationContext context;
    private final EmbeddedServer server;

    private Portal(
            DataDirectoryLock lock, EmbeddedDatabase database, ApplicationContext context, EmbeddedServer server) {
        this.lock = lock;
        this.database = database;
        this.context = context;
        this.server = server;
    }

    /**
     * Starts the portal as the environment variables say (see {@link PortalSettings}).
     *
     * @param mainClass the application's main class, for Micronaut's package scanning and banner
     * @throws DataDirectoryInUseException when another portal runs on the same data directory
     */
    public static Portal start(Class<?> mainClass, Map<String, String> environment) {
        PortalSettings settings = PortalSettings.fromEnvironment(environment);
        Map<String, Object> secret = SigningSecret.properties(environment);
        DataDirectoryLock lock = DataDirectoryLock.acquire(settings.dataDirectory());
        EmbeddedDatabase database;
        try {
            database = settings.usesEmbeddedDatabase()
                    ? EmbeddedDatabase.start(settings.embeddedDatabaseDirectory(), settings.embeddedDatabasePort())
                    : null;
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
        Map<String, Object> properties = new HashMap<>(settings.properties());
        properties.putAll(secret);
        // The first administrator (see FirstAdmin), the semantic switch, how often usage counts are written and the
        // mail
        // server: from the environment given, which is not always the process's.
        for (String[] variable : new String[][] {
            {"PORTAL_ADMIN_EMAIL", "portal.accounts.first-admin.email"},
            {"PORTAL_ADMIN_PASSWORD", "portal.accounts.first-admin.password"},
            {"PORTAL_SEMANTIC", "portal.semantic.enabled"},
            {"PORTAL_USAGE_FLUSH_INTERVAL", "portal.usage.flush-interval"},
            {"PORTAL_SMTP_HOST", "portal.mail.host"},
            {"PORTAL_SMTP_PORT", "portal.mail.port"},
            {"PORTAL_SMTP_USER", "portal.mail.username"},
            {"PORTAL_SMTP_PASSWORD", "portal.mail.password"},
            {"PORTAL_SMTP_TLS", "portal.mail.tls"},
            {"PORTAL_MAIL_FROM", "portal.mail.from"},
            {"PORTAL_ALERTS_POLL_INTERVAL", "portal.alerts.poll-interval"}
        }) {
            if (environment.containsKey(variable[0])) {
                properties.put(variable[1], environment.get(variable[0]));
            }
        }
        properties.putAll(MetricsToken.properties(environment));
        if (database != null) {
            properties.putAll(database.datasourceProperties());
        }
        ApplicationContext context = null;
        try {
            context = ApplicationContext.builder()
                    .mainClass(mainClass)
                    .properties(properties)
                    .start();
            EmbeddedServer server = context.getBean(EmbeddedServer.class).start();
            return new Portal(lock, database, context, server);
        } catch (RuntimeException e) {
            if (context != null) {
                context.close();
            }
            if (database != null) {
                database.close();
            }
            lock.close();
            throw indexLocked(e) ? new DataDirectoryInUseException(settings.dataDirectory(), e) : e;
        }
    }

    /** Whether the embedded search index was found locked: by a portal whose data directory lock did not stop us. */
    private static boolean indexLocked(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof IndexLockedException) {
                return true;
            }
        }
        return false;
    }

    /** The root URL of the HTTP server, e.g. {@code http://localhost:8080/}. */
    public URI url() {
        return server.getURI().resolve("/");
    }

    @Override
    public void close() {
        try {
            server.stop();
            context.close();
        } finally {
            try {
                if (database != null) {
                    database.close();
                }
            } finally {
                lock.close();
            }
        }
    }
}
