package org.alima.portal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Signing in and out: with a password, with the tokens an external provider's sign-in hands back in the fragment,
 * and an expired access token renewed with the refresh token without the user noticing.
 */
@BrowserTest
class SignInIT {

    private final E2ePortal portal;
    private final Browser browser;

    SignInIT(E2ePortal portal, Browser browser) {
        this.portal = portal;
        this.browser = browser;
    }

    @Test
    void signingInShowsTheAccountAndSigningOutRevokesTheRefreshToken() {
        E2ePortal.Account curator = portal.account("curator");
        browser.open("#/search?q=malaria");
        browser.shown(By.cssSelector("#nav a[href^='#/signin']")).click();
        browser.shown(By.id("signin-email")).sendKeys(curator.email());
        browser.driver().findElement(By.id("signin-password")).sendKeys(E2ePortal.PASSWORD);
        browser.driver()
                .findElement(By.cssSelector("main form button[type=submit]"))
                .click();
        browser.waitFor(ExpectedConditions.urlContains("#/search?q=malaria"), Duration.ofSeconds(5));
        assertThat(browser.shown(By.cssSelector("#nav .who")).getText()).isEqualTo(curator.displayName());
        assertThat(browser.driver().findElements(By.cssSelector("#nav a[href='#/dashboard']")))
                .hasSize(1);
        String refresh = (String) browser.script("return JSON.parse(sessionStorage.getItem('portal.auth')).refresh");

        browser.signOut();
        assertThat(browser.script("return sessionStorage.getItem('portal.auth')"))
                .isNull();
        assertThat(browser.driver().findElements(By.cssSelector("#nav a[href='#/dashboard']")))
                .isEmpty();
        assertThat(portal.anonymous()
                        .send(
                                "POST",
                                "/api/auth/token",
                                Map.of("grant_type", "refresh_token", "refresh_token", refresh))
                        .statusCode())
                .as("the refresh token no longer renews access")
                .isBetween(400, 499);
    }

    /** Fresh tokens of {@code account}, as the portal hands them back after a provider's sign-in. */
    private JsonNode tokensOf(E2ePortal.Account account) {
        return portal.anonymous()
                .post("/api/auth/login", Map.of("username", account.email(), "password", E2ePortal.PASSWORD));
    }

    /** The route a provider's sign-in ends at, with {@code tokens} and the tab's nonce when given. */
    private static String signedInRoute(JsonNode tokens, String nonce) {
        return "#/signed-in?access_token=" + encode(tokens.path("access_token").asText()) + "&refresh_token="
                + encode(tokens.path("refresh_token").asText()) + "&token_type=Bearer&expires_in=900"
                + (nonce == null ? "" : "&signin_nonce=" + nonce);
    }

    /** What the sign-in page does as the browser leaves for a provider: a new nonce for this tab. */
    private String leaveForProvider() {
        browser.open("#/signin");
        browser.settled();
        String nonce = (String)
                browser.driver()
                        .executeAsyncScript(
                                "const done = arguments[arguments.length - 1];"
                                        + "import(new URL('pages/signin.js', document.baseURI).href).then((page) => done(page.leaveForProvider()));");
        assertThat(nonce).matches("[0-9a-f]{32}");
        assertThat(browser.driver().manage().getCookieNamed("portal_signin_nonce"))
                .as("the cookie the portal's callback hands back, for /oauth only")
                .isNull();
        return nonce;
    }

    private boolean renews(JsonNode tokens) {
        return portal.anonymous()
                        .send(
                                "POST",
                                "/api/auth/token",
                                Map.of(
                                        "grant_type",
                                        "refresh_token",
                                        "refresh_token",
                                        tokens.path("refresh_token").asText()))
                        .statusCode()
                == 200;
    }

    @Test
    void theTokensAnExternalProviderHandsBackSignInAndLeaveTheAddressBar() {
        E2ePortal.Account contributor = portal.account("contributor");
        String nonce = leaveForProvider();

        browser.open(signedInRoute(tokensOf(contributor), nonce));

        assertThat(browser.shown(By.cssSelector("#nav .who")).getText()).isEqualTo(contributor.displayName());
        browser.waitFor(ExpectedConditions.urlToBe(portal.url() + "#/"), Duration.ofSeconds(5));
        assertThat(browser.driver().getCurrentUrl()).doesNotContain("token");
        assertThat(browser.script("return sessionStorage.getItem('portal.signin-nonce')"))
                .as("a nonce serves once")
                .isNull();
        browser.signOut();
    }

    @Test
    void aLinkCarryingSomeoneElsesTokensSignsNoOneIn() {
        JsonNode attackers = tokensOf(portal.account("contributor"));

        // No nonce at all, then a nonce this tab never set.
        browser.open(signedInRoute(attackers, null));
        assertThat(browser.shown(By.cssSelector("main .error")).getText())
                .isEqualTo("This sign-in was not started from this tab, so it was ignored. Sign in from this tab if"
                        + " you wish.");
        leaveForProvider();
        browser.open(signedInRoute(attackers, "0123456789abcdef0123456789abcdef"));
        browser.shown(By.cssSelector("main .error"));

        assertThat(browser.script("return sessionStorage.getItem('portal.auth')"))
                .isNull();
        assertThat(browser.driver().findElements(By.cssSelector("#nav .who"))).isEmpty();
        assertThat(browser.driver().getCurrentUrl()).doesNotContain("token");
        assertThat(renews(attackers)).as("tokens not taken are revoked").isFalse();
        browser.assertAccessible("a sign-in not started from this tab");
    }

    @Test
    void aProvidersSignInNeverReplacesTheSessionOfTheTab() {
        E2ePortal.Account curator = portal.account("curator");
        browser.signIn(curator);
        String nonce = leaveForProvider();
        JsonNode others = tokensOf(portal.account("contributor"));

        browser.open(signedInRoute(others, nonce));

        assertThat(browser.shown(By.cssSelector("main .error")).getText())
                .startsWith("You are already signed in on this tab");
        assertThat(browser.shown(By.cssSelector("#nav .who")).getText()).isEqualTo(curator.displayName());
        assertThat(renews(others)).as("tokens not taken are revoked").isFalse();
        browser.signOut();
    }

    @Test
    void aFailedExternalSignInSaysWhy() {
        browser.open("#/signed-in?error=email-unverified&error_description=unverified");
        assertThat(browser.shown(By.cssSelector("main .error")).getText())
                .isEqualTo("Your organisation has not verified your email address; have it verified, then try again.");
        browser.assertAccessible("a failed external sign-in");
    }

    @Test
    void anExpiredAccessTokenIsRenewedWithTheRefreshToken() {
        browser.signIn(portal.account("curator"));
        // As if the access token had expired: the page must renew it before its next call.
        browser.script("const auth = JSON.parse(sessionStorage.getItem('portal.auth'));"
                + "auth.access = 'expired'; auth.expiresAt = 0;"
                + "sessionStorage.setItem('portal.auth', JSON.stringify(auth));");
        browser.open("#/dashboard");
        browser.shown(By.cssSelector("#mine-h"));
        browser.settled();
        assertThat(browser.driver().findElements(By.cssSelector("main .error"))).isEmpty();
        assertThat(browser.script("return JSON.parse(sessionStorage.getItem('portal.auth')).access"))
                .isNotEqualTo("expired");
        assertThat(browser.driver().findElements(By.cssSelector("#nav button.link")))
                .hasSize(1);
        browser.signOut();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
