package org.alima.portal.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.alima.portal.api.Application;
import org.alima.portal.api.system.Portal;

/**
 * The portal the browser tests drive, started once per test JVM the way {@code ./portal} starts it: in-process,
 * its own embedded PostgreSQL under a fresh data directory, a free HTTP port, the first administrator from its
 * environment. Stopped when the JVM exits. Thread-safe.
 */
final class E2ePortal {

    static final String ADMIN_EMAIL = "admin@portal.test";
    static final String PASSWORD = "a long enough e2e passphrase";

    private static E2ePortal running;

    private final Portal portal;
    private final PortalApi anonymous;
    private final Map<String, Account> accounts = new ConcurrentHashMap<>();
    private Library library;

    private E2ePortal(Portal portal) {
        this.portal = portal;
        this.anonymous = new PortalApi(portal.url(), null);
    }

    /** The running portal, started on first use. */
    static synchronized E2ePortal get() {
        if (running == null) {
            running = start();
            Runtime.getRuntime().addShutdownHook(new Thread(running.portal::close, "e2e-portal-stop"));
        }
        return running;
    }

    private static E2ePortal start() {
        Path data;
        try {
            Path root = Path.of(System.getProperty("portal.e2e.data", System.getProperty("java.io.tmpdir")));
            Files.createDirectories(root);
            data = Files.createTempDirectory(root, "portal-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the browser tests' data directory", e);
        }
        Map<String, String> environment = new HashMap<>();
        environment.put("PORTAL_DATA_DIR", data.toString());
        environment.put("PORTAL_PORT", String.valueOf(freePort()));
        environment.put("PORTAL_EMBEDDED_DB_PORT", String.valueOf(freePort()));
        environment.put("PORTAL_ADMIN_EMAIL", ADMIN_EMAIL);
        environment.put("PORTAL_ADMIN_PASSWORD", PASSWORD);
        // Words only, as the flows were written: with search by meaning a query of no known word still lists the
        // nearest documents, so the empty state and an upload's own words first are not what the flows would see.
        environment.put("PORTAL_SEMANTIC", "off");
        // Usage counts written every second rather than every ten, so that a test waits less to see them.
        environment.put("PORTAL_USAGE_FLUSH_INTERVAL", "1s");
        return new E2ePortal(Portal.start(Application.class, environment));
    }

    /** The address a browser opens, e.g. {@code http://localhost:41234/}. */
    String url() {
        return portal.url().toString();
    }

    PortalApi anonymous() {
        return anonymous;
    }

    /** An account with {@code role} (contributor, curator), created on first use, the same for the whole run. */
    Account account(String role) {
        return accounts.computeIfAbsent(role, this::createAccount);
    }

    /** A client signed in as the account with {@code role}. */
    PortalApi as(String role) {
        return anonymous.as(account(role).token());
    }

    /** The documents and collections every test may rely on, put in place once. */
    synchronized Library library() {
        if (library == null) {
            library = Library.create(this);
        }
        return library;
    }

    private Account createAccount(String role) {
        String email = role + "@portal.test";
        String name = switch (role) {
            case "curator" -> "Awa Diallo";
            case "contributor" -> "Jean Kaboré";
            default -> "Test " + role;
        };
        anonymous
                .as(signIn(ADMIN_EMAIL))
                .post(
                        "/api/admin/accounts",
                        Map.of("email", email, "displayName", name, "role", role, "password", PASSWORD));
        return new Account(email, name, signIn(email));
    }

    private String signIn(String email) {
        JsonNode tokens = anonymous.post("/api/auth/login", Map.of("username", email, "password", PASSWORD));
        return tokens.path("access_token").asText();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port for the browser tests' portal", e);
        }
    }

    /** An account of the run: it signs in with {@link #PASSWORD}. */
    record Account(String email, String displayName, String token) {}
}
