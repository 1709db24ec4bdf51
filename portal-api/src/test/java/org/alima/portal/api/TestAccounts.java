package org.alima.portal.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.UUID;

/**
 * Accounts for tests, made through the API as an administrator would: the first administrator comes from
 * application-test.yml ({@code portal.accounts.first-admin}).
 */
public final class TestAccounts {

    public static final String ADMIN_EMAIL = "admin@portal.test";
    public static final String ADMIN_PASSWORD = "first-admin-passphrase";
    public static final String PASSWORD = "a long enough test passphrase";

    private TestAccounts() {}

    /** A client of the portal at {@code base}, signed in as a new contributor. */
    public static Api contributor(URI base) {
        Api api = new Api(base);
        return api.as(create(api, "contributor").token());
    }

    /** An access token of the first administrator. */
    public static String admin(Api api) {
        return signIn(api, ADMIN_EMAIL, ADMIN_PASSWORD);
    }

    /** A new account with {@code role} (contributor, curator or admin); its id and an access token. */
    public static Account create(Api api, String role) {
        String email = role + "-" + UUID.randomUUID() + "@portal.test";
        HttpResponse<String> created = api.as(admin(api))
                .json(
                        "POST",
                        "/api/admin/accounts",
                        String.format(
                                Locale.ROOT,
                                "{\"email\": \"%s\", \"displayName\": \"Test %s\", \"role\": \"%s\", \"password\": \"%s\"}",
                                email,
                                role,
                                role,
                                PASSWORD));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = Api.read(created).path("id").asText();
        return new Account(id, email, signIn(api, email, PASSWORD));
    }

    /** An access token for {@code email}, signed in with its password. */
    public static String signIn(Api api, String email, String password) {
        HttpResponse<String> answer = api.anonymous()
                .json(
                        "POST",
                        "/api/auth/login",
                        String.format(Locale.ROOT, "{\"username\": \"%s\", \"password\": \"%s\"}", email, password));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode tokens = Api.read(answer);
        return tokens.path("access_token").asText();
    }

    /** A test account: its id, email and an access token. */
    public record Account(String id, String email, String token) {}
}
