package org.alima.portal.api.system;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Base64;
import java.util.Map;

/**
 * The secret that signs access and refresh tokens, the same on every portal node: {@code PORTAL_JWT_SECRET} when set,
 * otherwise a random one created once in PostgreSQL ({@code node_secrets}) by the first node to start and read by the
 * others, so that a token one node issued is good on every other. Resolved when the portal starts (eager), since
 * signed-in requests must keep being checked while the database is away. Immutable once built.
 *
 * <p>A portal that kept its secret under its data directory ({@code secrets/jwt-secret}, before several nodes could
 * share a database) offers that one as the first value, so that its sessions survive the upgrade.
 */
@Context
final class SigningSecret {

    static final String VARIABLE = "PORTAL_JWT_SECRET";

    /** The property {@link Portal} sets from {@link #VARIABLE}. */
    static final String PROPERTY = "portal.accounts.jwt-secret";

    /** HS256 wants at least 256 bits. */
    static final int MIN_LENGTH = 32;

    private static final String ROW = "jwt";

    private final String value;

    @Inject
    SigningSecret(
            @Value("${" + PROPERTY + ":}") String configured,
            @Value("${portal.data-dir}") String dataDirectory,
            JdbcOperations jdbc,
            TransactionOperations<Connection> transactions) {
        this.value = configured.isBlank()
                ? shared(jdbc, transactions, legacy(Path.of(dataDirectory)))
                : checked(configured.strip());
    }

    /** The secret tokens are signed and checked with. */
    String value() {
        return value;
    }

    /**
     * {@code PORTAL_JWT_SECRET} from {@code environment} as the property {@link #PROPERTY}, when set.
     *
     * @throws IllegalArgumentException naming the variable when it is too short
     */
    static Map<String, Object> properties(Map<String, String> environment) {
        String given = environment.getOrDefault(VARIABLE, "").strip();
        return given.isEmpty() ? Map.of() : Map.of(PROPERTY, checked(given));
    }

    private static String checked(String given) {
        if (given.length() < MIN_LENGTH) {
            throw new IllegalArgumentException(VARIABLE + " must be at least " + MIN_LENGTH
                    + " characters (256 bits for HS256); generate one with `openssl rand -base64 48`");
        }
        return given;
    }

    /** The nodes' secret: the one stored, or {@code offered} (else a new random one) stored by this node first. */
    private static String shared(JdbcOperations jdbc, TransactionOperations<Connection> transactions, String offered) {
        String candidate = offered != null ? offered : random();
        return transactions.executeWrite(status -> {
            jdbc.prepareStatement(
                    "INSERT INTO node_secrets (name, secret) VALUES (?, ?) ON CONFLICT (name) DO NOTHING",
                    statement -> {
                        statement.setString(1, ROW);
                        statement.setString(2, candidate);
                        return statement.executeUpdate();
                    });
            return jdbc.prepareStatement("SELECT secret FROM node_secrets WHERE name = ?", statement -> {
                statement.setString(1, ROW);
                ResultSet rows = statement.executeQuery();
                rows.next();
                return rows.getString(1);
            });
        });
    }

    /** The secret a single-node portal kept under its data directory, or null. */
    private static String legacy(Path dataDirectory) {
        Path file = SecretFile.directoryOf(dataDirectory).resolve("jwt-secret");
        try {
            if (!Files.isRegularFile(file)) {
                return null;
            }
            String stored = Files.readString(file, StandardCharsets.US_ASCII).strip();
            return stored.length() >= MIN_LENGTH ? stored : null;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the signing secret " + file + "; check its permissions", e);
        }
    }

    private static String random() {
        byte[] bytes = new byte[48];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
