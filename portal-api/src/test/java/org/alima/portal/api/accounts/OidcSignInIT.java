package org.alima.portal.api.accounts;

import static org.alima.portal.api.Api.assertProblem;
import static org.alima.portal.api.Api.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.alima.portal.api.Api;
import org.alima.portal.api.PortalTest;
import org.alima.portal.api.TestAccounts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Signing in through an external OpenID Connect provider, configured by properties alone, against a provider run by
 * the test: the browser's whole round trip, from the portal's login URL through the provider and back, ending with the
 * portal's own tokens in the URL fragment.
 */
@MicronautTest
class OidcSignInIT extends PortalTest {

    private FakeOpenIdProvider provider;

    @Override
    public Map<String, String> getProperties() {
        provider = FakeOpenIdProvider.start();
        Map<String, String> properties = super.getProperties();
        properties.put("micronaut.security.oauth2.clients.fake.openid.issuer", provider.issuer());
        properties.put("micronaut.security.oauth2.clients.fake.client-id", FakeOpenIdProvider.CLIENT_ID);
        properties.put("micronaut.security.oauth2.clients.fake.client-secret", FakeOpenIdProvider.CLIENT_SECRET);
        // The fake provider speaks plain HTTP on this machine; a real one must be https.
        properties.put("portal.accounts.oidc.allow-http-issuers", "true");
        return properties;
    }

    @AfterAll
    void stopProvider() {
        provider.close();
    }

    /** Where the portal finally sends the browser: the web page, with what follows '?' in its fragment. */
    private record Landing(String path, Map<String, String> parameters) {}

    /** A browser's sign-in: portal login URL, provider, portal callback, with the portal's cookies carried along. */
    private Landing browserSignIn() {
        return browserSignIn(null);
    }

    /** The same, the web page having set {@code pageCookie} (name=value) before it left for the provider. */
    private Landing browserSignIn(String pageCookie) {
        HttpResponse<String> start = anonymous.get("/oauth/login/fake");
        assertThat(start.statusCode()).as(start.body()).isIn(302, 303);
        String cookies = start.headers().allValues("Set-Cookie").stream()
                .map(cookie -> cookie.substring(0, cookie.indexOf(';') < 0 ? cookie.length() : cookie.indexOf(';')))
                .collect(Collectors.joining("; "));
        if (pageCookie != null) {
            cookies = cookies.isEmpty() ? pageCookie : cookies + "; " + pageCookie;
        }
        URI toProvider = URI.create(start.headers().firstValue("Location").orElseThrow());
        assertThat(toProvider.toString()).startsWith(provider.issuer() + "/authorize?");

        HttpResponse<String> atProvider = anonymous.get(toProvider.toString());
        assertThat(atProvider.statusCode()).as(atProvider.body()).isEqualTo(302);
        String callback = atProvider.headers().firstValue("Location").orElseThrow();

        HttpResponse<String> back = anonymous.get(callback, "Cookie", cookies);
        assertThat(back.statusCode()).as(back.body()).isEqualTo(303);
        assertThat(back.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(back.headers().allValues("Set-Cookie"))
                .as("the tab's nonce cookie is cleared")
                .anyMatch(cookie ->
                        cookie.startsWith(OidcLoginHandler.NONCE_COOKIE + "=;") && cookie.contains("Max-Age=0"));
        String landing = back.headers().firstValue("Location").orElseThrow();
        int question = landing.indexOf('?');
        assertThat(landing.indexOf('#'))
                .as("tokens only ever after the fragment mark")
                .isBetween(0, question);
        return new Landing(
                landing.substring(0, question), FakeOpenIdProvider.parameters(landing.substring(question + 1)));
    }

    private static String newEmail() {
        return "oidc-" + UUID.randomUUID() + "@portal.test";
    }

    @Test
    void listsTheConfiguredProviderWithItsLoginUrl() {
        JsonNode providers = read(anonymous.get("/api/auth/providers"));

        assertThat(providers).hasSize(1);
        assertThat(providers.get(0).get("name").asText()).isEqualTo("fake");
        assertThat(providers.get(0).get("loginUrl").asText()).isEqualTo("/oauth/login/fake");
    }

    @Test
    void sendsTheBrowserToTheProviderWithTheClientIdCallbackStateAndNonce() {
        provider.signsInNext(UUID.randomUUID().toString(), newEmail(), true, "Redirected Person");

        browserSignIn();

        Map<String, String> request = provider.lastAuthorizationRequest();
        assertThat(request.get("response_type")).isEqualTo("code");
        assertThat(request.get("client_id")).isEqualTo(FakeOpenIdProvider.CLIENT_ID);
        assertThat(request.get("redirect_uri"))
                .isEqualTo(server.getURI().resolve("/oauth/callback/fake").toString());
        assertThat(request.get("scope")).contains("openid").contains("email");
        assertThat(request.get("state")).isNotBlank();
        assertThat(request.get("nonce")).isNotBlank();
    }

    @Test
    void createsAContributorAndHandsTheBrowserThePortalsOwnTokens() {
        String email = newEmail();
        String subject = UUID.randomUUID().toString();
        provider.signsInNext(subject, email, true, "Aminata Koné");

        Landing landing = browserSignIn();

        assertThat(landing.path()).isEqualTo("/#/signed-in");
        assertThat(landing.parameters().get("token_type")).isEqualTo("Bearer");
        assertThat(Integer.parseInt(landing.parameters().get("expires_in"))).isPositive();
        Api signedIn = anonymous.as(landing.parameters().get("access_token"));
        JsonNode me = read(signedIn.get("/api/account"));
        assertThat(me.get("email").asText()).isEqualTo(email);
        assertThat(me.get("displayName").asText()).isEqualTo("Aminata Koné");
        assertThat(me.get("role").asText()).isEqualTo("contributor");
        HttpResponse<String> renewed = anonymous.json(
                "POST",
                "/api/auth/token",
                "{\"grant_type\": \"refresh_token\", \"refresh_token\": \""
                        + landing.parameters().get("refresh_token") + "\"}");
        assertThat(renewed.statusCode()).as(renewed.body()).isEqualTo(200);
        JsonNode created = read(anonymous
                        .as(TestAccounts.admin(anonymous))
                        .get("/api/admin/audit?action=account.create&target="
                                + me.get("id").asText()))
                .get("items")
                .get(0);
        assertThat(created.at("/detail/via").asText()).isEqualTo("oidc:fake");
    }

    @Test
    void handsBackTheNonceTheWebPageSetBeforeLeavingWithTheTokens() {
        provider.signsInNext(UUID.randomUUID().toString(), newEmail(), true, "Tab Person");
        String nonce = "0123456789abcdef0123456789abcdef";

        Landing landing = browserSignIn(OidcLoginHandler.NONCE_COOKIE + "=" + nonce);

        assertThat(landing.parameters().get("signin_nonce")).isEqualTo(nonce);
        assertThat(landing.parameters().get("access_token")).isNotBlank();
    }

    @Test
    void handsBackNoNonceWithoutTheCookieNorOneNotMadeByThePage() {
        provider.signsInNext(UUID.randomUUID().toString(), newEmail(), true, "Tab Person");
        assertThat(browserSignIn().parameters()).doesNotContainKey("signin_nonce");

        provider.signsInNext(UUID.randomUUID().toString(), newEmail(), true, "Tab Person");
        assertThat(browserSignIn(OidcLoginHandler.NONCE_COOKIE + "=<script>").parameters())
                .doesNotContainKey("signin_nonce");
    }

    @Test
    void findsTheSameAccountAgainByTheProvidersSubject() {
        String subject = UUID.randomUUID().toString();
        provider.signsInNext(subject, newEmail(), true, "Returning Person");
        String first = read(anonymous
                        .as(browserSignIn().parameters().get("access_token"))
                        .get("/api/account"))
                .get("id")
                .asText();

        // The provider may report a changed email: the subject is what identifies the person.
        provider.signsInNext(subject, newEmail(), true, "Returning Person");
        String second = read(anonymous
                        .as(browserSignIn().parameters().get("access_token"))
                        .get("/api/account"))
                .get("id")
                .asText();

        assertThat(second).isEqualTo(first);
    }

    @Test
    void linksAnExistingAccountWhoseEmailTheProviderVerified() {
        TestAccounts.Account local = TestAccounts.create(anonymous, "curator");
        provider.signsInNext(UUID.randomUUID().toString(), local.email(), true, "Linked Person");

        JsonNode me = read(
                anonymous.as(browserSignIn().parameters().get("access_token")).get("/api/account"));

        assertThat(me.get("id").asText()).isEqualTo(local.id());
        assertThat(me.get("role").asText()).isEqualTo("curator");
    }

    @Test
    void refusesToLinkAnExistingAccountOnAnUnverifiedEmail() {
        TestAccounts.Account local = TestAccounts.create(anonymous, "admin");
        provider.signsInNext(UUID.randomUUID().toString(), local.email(), false, "Impostor");

        Landing landing = browserSignIn();

        assertThat(landing.parameters()).doesNotContainKeys("access_token", "refresh_token");
        assertThat(landing.parameters().get("error")).isEqualTo("email-unverified");
        assertThat(landing.parameters().get("error_description")).isNotBlank();
    }

    @Test
    void refusesADisabledAccount() {
        String subject = UUID.randomUUID().toString();
        provider.signsInNext(subject, newEmail(), true, "Soon Disabled");
        String id = read(anonymous
                        .as(browserSignIn().parameters().get("access_token"))
                        .get("/api/account"))
                .get("id")
                .asText();
        anonymous.as(TestAccounts.admin(anonymous)).json("PATCH", "/api/admin/accounts/" + id, "{\"disabled\": true}");

        provider.signsInNext(subject, newEmail(), true, "Soon Disabled");
        Landing landing = browserSignIn();

        assertThat(landing.parameters()).doesNotContainKeys("access_token", "refresh_token");
        assertThat(landing.parameters().get("error")).isEqualTo("account-disabled");
    }

    @Test
    void refusesTheProvidersOwnIdTokenAsABearerToken() {
        provider.signsInNext(UUID.randomUUID().toString(), newEmail(), true, "Token Reuser");
        browserSignIn();

        // Signed with a key the portal trusts for sign-in, but not one of the portal's tokens.
        assertProblem(anonymous.as(provider.lastIdToken()).get("/api/account"), 401, "unauthenticated");
    }

    @Test
    void refusesACallbackWhoseStateWasNotIssuedToThisBrowser() {
        provider.signsInNext(UUID.randomUUID().toString(), newEmail(), true, "Forged State");
        HttpResponse<String> start = anonymous.get("/oauth/login/fake");
        HttpResponse<String> atProvider =
                anonymous.get(start.headers().firstValue("Location").orElseThrow());
        String callback = atProvider.headers().firstValue("Location").orElseThrow();

        // The callback arrives without the cookies the portal set on this browser's login request.
        HttpResponse<String> back = anonymous.get(callback);

        assertThat(back.statusCode()).isEqualTo(303);
        String landing = back.headers().firstValue("Location").orElseThrow();
        assertThat(landing).startsWith("/#/signed-in?error=sign-in-failed&").doesNotContain("access_token");
    }

    @Test
    void createsNoAccountForAnEmailTheProviderHasNotVerified() {
        String email = newEmail();
        provider.signsInNext(UUID.randomUUID().toString(), email, false, "Unverified Newcomer");

        Landing landing = browserSignIn();

        assertThat(landing.parameters()).doesNotContainKeys("access_token", "refresh_token");
        assertThat(landing.parameters().get("error")).isEqualTo("email-unverified");
        assertThat(read(anonymous.as(TestAccounts.admin(anonymous)).get("/api/admin/accounts"))
                        .toString())
                .doesNotContain(email);
    }

    @Test
    void neverTakesThePreferredUsernameForAnEmail() {
        TestAccounts.Account local = TestAccounts.create(anonymous, "admin");
        // A provider whose users choose their username: this one chose the administrator's email.
        provider.signsInNextWithoutEmail(UUID.randomUUID().toString(), local.email(), "Username Chooser");

        Landing landing = browserSignIn();

        assertThat(landing.parameters()).doesNotContainKeys("access_token", "refresh_token");
        assertThat(landing.parameters().get("error")).isEqualTo("no-email");
    }
}
