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

    @Test
    void theTokensAnExternalProviderHandsBackSignInAndLeaveTheAddressBar() {
        E2ePortal.Account contributor = portal.account("contributor");
        JsonNode tokens = portal.anonymous()
                .post("/api/auth/login", Map.of("username", contributor.email(), "password", E2ePortal.PASSWORD));
        browser.open(
                "#/signed-in?access_token=" + encode(tokens.path("access_token").asText()) + "&refresh_token="
                        + encode(tokens.path("refresh_token").asText()) + "&token_type=Bearer&expires_in=900");
        assertThat(browser.shown(By.cssSelector("#nav .who")).getText()).isEqualTo(contributor.displayName());
        browser.waitFor(ExpectedConditions.urlToBe(portal.url() + "#/"), Duration.ofSeconds(5));
        assertThat(browser.driver().getCurrentUrl()).doesNotContain("token");
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
