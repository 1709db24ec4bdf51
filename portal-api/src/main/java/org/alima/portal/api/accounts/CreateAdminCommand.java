package org.alima.portal.api.accounts;

import io.micronaut.core.annotation.Nullable;
import java.io.Console;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.alima.portal.api.system.EmbeddedDatabase;
import org.alima.portal.api.system.PortalSettings;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code create-admin --email X}: creates an administrator in the portal's database, the embedded one under
 * PORTAL_DATA_DIR or PORTAL_DB_URL's, migrating it first if it is new; with {@code --reset}, makes an existing account
 * an enabled administrator with the new password (the way back in when every administrator is locked out). The
 * password comes from PORTAL_ADMIN_PASSWORD when set, else from the console without echo. Plain JDBC and Flyway: no
 * application context, no search index, no server.
 */
@Command(
        name = "create-admin",
        description = {
            "Creates an administrator account in the portal's database (embedded under PORTAL_DATA_DIR, or"
                    + " PORTAL_DB_URL with PORTAL_DB_USER and PORTAL_DB_PASSWORD), then exits. Stop a portal that"
                    + " runs on the same embedded database first.",
            "The password is read from PORTAL_ADMIN_PASSWORD when it is set, otherwise asked for (not echoed)."
        })
final class CreateAdminCommand implements Callable<Integer> {

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Show this help and exit.")
    boolean help;

    @Option(names = "--email", required = true, description = "The administrator's email, used to sign in.")
    String email;

    @Option(
            names = "--display-name",
            defaultValue = "Administrator",
            description = "The name shown in the portal (default: ${DEFAULT-VALUE}).")
    String displayName;

    @Option(
            names = "--reset",
            description = "When an account with this email exists: make it an enabled administrator with the new"
                    + " password, and end its sessions and API tokens.")
    boolean reset;

    @Spec
    CommandSpec spec;

    private final Map<String, String> environment;
    private final @Nullable Console console;

    CreateAdminCommand(Map<String, String> environment, @Nullable Console console) {
        this.environment = environment;
        this.console = console;
    }

    @Override
    public Integer call() {
        email = email.strip();
        displayName = displayName.strip();
        if (displayName.isEmpty() || displayName.length() > 200) {
            return usage("--display-name must be 1 to 200 characters");
        }
        Optional<String> password;
        try {
            password = password();
        } catch (PasswordsDifferException e) {
            return usage(e.getMessage());
        }
        if (password.isEmpty()) {
            return usage("no password: set " + FirstAdmin.PASSWORD_VARIABLE + ", or run the command in a terminal to"
                    + " type it");
        }
        try {
            FirstAdmin.check(email, password.get());
        } catch (AccountConfigurationException e) {
            return usage(e.getMessage());
        }
        String hash = new Passwords(0).hash(password.get());
        PortalSettings settings;
        try {
            settings = PortalSettings.fromEnvironment(environment);
        } catch (IllegalArgumentException e) {
            return failed(e.getMessage());
        }
        EmbeddedDatabase embedded = null;
        try {
            String url;
            String user;
            String databasePassword;
            if (settings.usesEmbeddedDatabase()) {
                embedded =
                        EmbeddedDatabase.start(settings.embeddedDatabaseDirectory(), settings.embeddedDatabasePort());
                Map<String, Object> properties = embedded.datasourceProperties();
                url = (String) properties.get("datasources.default.url");
                user = (String) properties.get("datasources.default.username");
                databasePassword = (String) properties.get("datasources.default.password");
            } else {
                url = settings.externalDatabaseUrl();
                user = orEmpty(settings.externalDatabaseUser());
                databasePassword = orEmpty(settings.externalDatabasePassword());
            }
            // The same migrations as the server's, so that a new database is ready for it.
            Flyway.configure()
                    .dataSource(url, user, databasePassword)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
            try (Connection connection = java.sql.DriverManager.getConnection(url, user, databasePassword)) {
                return write(connection, hash);
            }
        } catch (EmbeddedDatabase.EmbeddedDatabaseException | FlywayException e) {
            return failed(e.getMessage());
        } catch (SQLException e) {
            return failed("the database refused the change: " + e.getMessage()
                    + "; check PORTAL_DB_URL, PORTAL_DB_USER and PORTAL_DB_PASSWORD");
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    private int write(Connection connection, String hash) throws SQLException {
        connection.setAutoCommit(false);
        try {
            Optional<Existing> existing = existing(connection);
            String id;
            if (existing.isEmpty()) {
                id = insert(connection, hash);
                audit(connection, "account.create", id, "admin", null);
            } else if (reset) {
                id = existing.get().id().toString();
                promote(connection, existing.get().id(), hash);
                audit(
                        connection,
                        "account.admin_reset",
                        id,
                        "admin",
                        existing.get().role());
            } else {
                connection.rollback();
                return failed("an account with the email " + email + " exists ("
                        + existing.get().role()
                        + (existing.get().disabled() ? ", disabled" : "") + "); run again with --reset to make it an"
                        + " enabled administrator with the new password");
            }
            connection.commit();
            spec.commandLine()
                    .getOut()
                    .println((existing.isEmpty() ? "Created" : "Reset") + " the administrator " + email + " (" + id
                            + "). Sign in at the portal with this email and password.");
            return 0;
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        }
    }

    private Optional<Existing> existing(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT id, role, disabled FROM accounts WHERE lower(email) = lower(?) FOR UPDATE")) {
            select.setString(1, email);
            ResultSet rows = select.executeQuery();
            return rows.next()
                    ? Optional.of(new Existing(rows.getObject(1, UUID.class), rows.getString(2), rows.getBoolean(3)))
                    : Optional.empty();
        }
    }

    private String insert(Connection connection, String hash) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO accounts (email, display_name, role, password_hash) VALUES (?, ?, 'admin', ?)"
                        + " RETURNING id")) {
            insert.setString(1, email);
            insert.setString(2, displayName);
            insert.setString(3, hash);
            ResultSet rows = insert.executeQuery();
            rows.next();
            return rows.getString(1);
        }
    }

    private static void promote(Connection connection, UUID id, String hash) throws SQLException {
        for (String sql : new String[] {
            "UPDATE accounts SET role = 'admin', disabled = false, password_hash = ?, updated_at = now() WHERE id = ?",
            "UPDATE refresh_tokens SET revoked_at = now() WHERE account_id = ? AND revoked_at IS NULL",
            "UPDATE api_tokens SET revoked_at = now() WHERE account_id = ? AND revoked_at IS NULL"
        }) {
            try (PreparedStatement update = connection.prepareStatement(sql)) {
                int index = 1;
                if (sql.contains("password_hash")) {
                    update.setString(index++, hash);
                }
                update.setObject(index, id);
                update.executeUpdate();
            }
        }
    }

    /** As {@link org.alima.portal.api.audit.AuditLog} writes it, with no actor: the operator at the console. */
    private void audit(Connection connection, String action, String id, String role, @Nullable String formerRole)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO audit_events (actor_id, actor_email, action, target_type, target_id, detail)"
                        + " VALUES (NULL, NULL, ?, 'account', ?, jsonb_strip_nulls(jsonb_build_object('email', ?::text,"
                        + " 'role', ?::text, 'from', ?::text, 'via', 'command-line')))")) {
            insert.setString(1, action);
            insert.setString(2, id);
            insert.setString(3, email);
            insert.setString(4, role);
            insert.setString(5, formerRole);
            insert.executeUpdate();
        }
    }

    private Optional<String> password() {
        String given = environment.getOrDefault(FirstAdmin.PASSWORD_VARIABLE, "");
        if (!given.isEmpty()) {
            return Optional.of(given);
        }
        if (console == null) {
            return Optional.empty();
        }
        char[] typed = console.readPassword("Password for %s: ", email);
        if (typed == null) {
            return Optional.empty();
        }
        char[] again = console.readPassword("The same password again: ");
        try {
            if (again == null || !Arrays.equals(typed, again)) {
                throw new PasswordsDifferException();
            }
            return Optional.of(new String(typed));
        } finally {
            Arrays.fill(typed, '\0');
            if (again != null) {
                Arrays.fill(again, '\0');
            }
        }
    }

    private int usage(String message) {
        spec.commandLine().getErr().println("create-admin: " + message);
        return 2;
    }

    private int failed(String message) {
        spec.commandLine().getErr().println("create-admin: " + message);
        return 1;
    }

    private static String orEmpty(@Nullable String value) {
        return value == null ? "" : value;
    }

    private record Existing(UUID id, String role, boolean disabled) {}

    /** The password typed twice was not the same twice. */
    private static final class PasswordsDifferException extends RuntimeException {
        PasswordsDifferException() {
            super("the two passwords typed differ; nothing was changed, run the command again");
        }
    }
}
