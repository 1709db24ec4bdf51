package org.alima.portal.api.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Map;
import org.alima.portal.api.PortalTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The signing secret every node shares: each {@link SigningSecret} built here stands for a node starting on the test
 * database (whose own contexts use the configured secret of application-test.yml, not the stored one).
 */
@MicronautTest(transactional = false)
class SigningSecretIT extends PortalTest {

    @Inject
    JdbcOperations jdbc;

    @Inject
    TransactionOperations<Connection> transactions;

    @TempDir
    Path directory;

    @BeforeEach
    void forgetTheStoredSecret() {
        transactions.executeWrite(status -> jdbc.execute(connection ->
                connection.createStatement().executeUpdate("DELETE FROM node_secrets WHERE name = 'jwt'")));
    }

    private SigningSecret node(String configured, Path dataDirectory) {
        return new SigningSecret(configured, dataDirectory.toString(), jdbc, transactions);
    }

    @Test
    void theFirstNodeStoresARandomSecretAndEveryOtherUsesIt() {
        String first = node("", directory.resolve("one")).value();
        String second = node("", directory.resolve("two")).value();

        assertThat(first).hasSizeGreaterThanOrEqualTo(SigningSecret.MIN_LENGTH).isEqualTo(second);
    }

    @Test
    void aPortalUpgradedFromASecretInItsDataDirectoryKeepsItsSessions() throws IOException {
        Path data = directory.resolve("upgraded");
        Files.createDirectories(data.resolve("secrets"));
        String kept = "a-secret-kept-under-the-data-directory-0123456789";
        Files.writeString(data.resolve("secrets/jwt-secret"), kept + "\n", StandardCharsets.US_ASCII);

        assertThat(node("", data).value()).isEqualTo(kept);
        assertThat(node("", directory.resolve("another-node")).value()).isEqualTo(kept);
    }

    @Test
    void aConfiguredSecretWinsAndMustBeLongEnough() {
        String configured = "configured-secret-of-at-least-32-characters";

        assertThat(node(configured, directory).value()).isEqualTo(configured);
        assertThatThrownBy(() -> SigningSecret.properties(Map.of("PORTAL_JWT_SECRET", "too short")))
                .hasMessageContaining("PORTAL_JWT_SECRET must be at least 32 characters");
    }
}
