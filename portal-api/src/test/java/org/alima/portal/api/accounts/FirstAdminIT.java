package org.alima.portal.api.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.alima.portal.api.Api;
import org.alima.portal.api.Application;
import org.alima.portal.api.PortalProcess;
import org.alima.portal.api.TestAccounts;
import org.alima.portal.api.TestDatabase;
import org.alima.portal.api.operations.AdminCommands;
import org.alima.portal.api.system.Portal;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first administrator: made by the jar's {@code create-admin} command on the database the portal would use, or
 * from PORTAL_ADMIN_EMAIL and PORTAL_ADMIN_PASSWORD at startup, never with a weak password.
 */
class FirstAdminIT {

    private static final String PASSWORD = "a passphrase typed at the console";

    /** The outcome of one command: its exit status and what it printed. */
    private record Run(int status, String out, String err) {}

    private static Run run(Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = AdminCommands.run(args, environment, null, new PrintWriter(out), new PrintWriter(err));
        return new Run(status, out.toString(), err.toString());
    }

    /** A portal environment on a new database of the test server, without a configured first administrator. */
    private static Map<String, String> environment(Path dataDirectory, String password) {
        Map<String, String> environment = new HashMap<>(TestDatabase.portalEnvironment(dataDirectory));
        environment.remove("PORTAL_ADMIN_EMAIL");
        environment.put("PORTAL_ADMIN_PASSWORD", password);
        return environment;
    }

    private static TestSql database(Map<String, String> environment) {
        return new TestSql(
                environment.get("PORTAL_DB_URL"),
                environment.get("PORTAL_DB_USER"),
                environment.get("PORTAL_DB_PASSWORD"));
    }

    @Nested
    class CommandLine {

        @Test
        void createsAnAdministratorOnANewDatabaseThatThePortalThenSignsIn(@TempDir Path data) {
            Map<String, String> environment = environment(data, PASSWORD);
            String email = "root-" + UUID.randomUUID() + "@portal.test";

            Run created = run(environment, "create-admin", "--email", email, "--display-name", "Root");

            assertThat(created.status()).as(created.err()).isZero();
            assertThat(created.out()).contains("Created the administrator " + email);
            TestSql sql = database(environment);
            assertThat(sql.value("SELECT role FROM accounts WHERE email = ?", email))
                    .isEqualTo("admin");
            assertThat(sql.value(
                            "SELECT detail->>'via' FROM audit_events WHERE action = 'account.create'"
                                    + " AND detail->>'email' = ?",
                            email))
                    .isEqualTo("command-line");
            environment.remove("PORTAL_ADMIN_PASSWORD");
            try (Portal portal = Portal.start(Application.class, environment)) {
                Api api = new Api(portal.url());
                assertThat(TestAccounts.signIn(api, email, PASSWORD)).isNotBlank();
                HttpResponse<String> accounts =
                        api.as(TestAccounts.signIn(api, email, PASSWORD)).get("/api/admin/accounts");
                assertThat(accounts.statusCode()).isEqualTo(200);
            }
        }

        @Test
        void refusesAnExistingEmailUnlessToldToResetIt(@TempDir Path data) {
            Map<String, String> environment = environment(data, PASSWORD);
            String email = "twice-" + UUID.randomUUID() + "@portal.test";
            assertThat(run(environment, "create-admin", "--email", email).status())
                    .isZero();
            TestSql sql = database(environment);
            sql.update("UPDATE accounts SET role = 'contributor', disabled = true WHERE email = ?", email);

            environment.put("PORTAL_ADMIN_PASSWORD", "the second passphrase");
            Run again = run(environment, "create-admin", "--email", email.toUpperCase(java.util.Locale.ROOT));
            Run reset = run(environment, "create-admin", "--email", email, "--reset");

            assertThat(again.status()).isEqualTo(1);
            assertThat(again.err()).contains("exists").contains("--reset");
            assertThat(reset.status()).as(reset.err()).isZero();
            assertThat(sql.value("SELECT role || ',' || disabled FROM accounts WHERE email = ?", email))
                    .isEqualTo("admin,false");
            String hash = (String) sql.value("SELECT password_hash FROM accounts WHERE email = ?", email);
            assertThat(new Passwords(0).matches("the second passphrase", hash)).isTrue();
        }

        @Test
        void refusesAWeakPasswordNamingTheRuleAndChangesNothing(@TempDir Path data) {
            Map<String, String> environment = environment(data, "short");
            String email = "weak-" + UUID.randomUUID() + "@portal.test";

            Run refused = run(environment, "create-admin", "--email", email);

            assertThat(refused.status()).isEqualTo(2);
            assertThat(refused.err()).contains("PORTAL_ADMIN_PASSWORD").contains("at least 10 characters");
        }

        @Test
        void asksForThePasswordWhenThereIsNeitherConsoleNorVariable(@TempDir Path data) {
            Map<String, String> environment = environment(data, "");

            Run refused = run(environment, "create-admin", "--email", "nobody@portal.test");

            assertThat(refused.status()).isEqualTo(2);
            assertThat(refused.err()).contains("PORTAL_ADMIN_PASSWORD");
        }

        @Test
        void explainsItsUsageWhenTheEmailIsMissing() {
            Run refused = run(Map.of(), "create-admin");

            assertThat(refused.status()).isEqualTo(2);
            assertThat(refused.err()).contains("--email");
        }

        @Test
        void worksOnTheEmbeddedDatabaseUnderTheDataDirectory(@TempDir Path data) {
            Map<String, String> environment = Map.of(
                    "PORTAL_DATA_DIR", data.toString(),
                    "PORTAL_EMBEDDED_DB_PORT", String.valueOf(TestDatabase.freePort()),
                    "PORTAL_ADMIN_PASSWORD", PASSWORD);

            Run created = run(environment, "create-admin", "--email", "embedded@portal.test");
            // The database was stopped with the command; the account outlived it.
            Run again = run(environment, "create-admin", "--email", "embedded@portal.test");

            assertThat(created.status()).as(created.err()).isZero();
            assertThat(again.status()).isEqualTo(1);
            assertThat(again.err()).contains("exists (admin)");
        }
    }

    @Nested
    class Configuration {

        /**
         * In a process of its own: a start refused by a startup listener leaves Micronaut's context half started (not
         * running, so closing it does nothing), and in this JVM its HTTP server kept Netty's JVM-wide upload folder
         * pointed at this test's deleted directory, which failed a later test's multipart upload.
         */
        @Test
        void aWeakPortalAdminPasswordStopsTheStartNamingTheVariableAndTheRule(@TempDir Path data) throws Exception {
            Map<String, String> environment = new HashMap<>(TestDatabase.portalEnvironment(data.resolve("data")));
            environment.put("PORTAL_ADMIN_PASSWORD", "too short");
            Path log = data.resolve("portal.log");

            Process portal = PortalProcess.start(environment, log);

            assertThat(portal.waitFor(90, TimeUnit.SECONDS))
                    .as("the portal stops")
                    .isTrue();
            String messages = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(portal.exitValue()).as(messages).isNotZero();
            assertThat(messages).contains("PORTAL_ADMIN_PASSWORD").contains("at least 10 characters");
        }
    }
}
