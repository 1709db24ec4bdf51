package org.alima.portal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The signed-in account's page: a token created there works for a plain HTTP call until it is revoked there; a wrong
 * current password is refused with a message.
 */
@BrowserTest
class AccountPageIT {

    private final E2ePortal portal;
    private final Browser browser;

    AccountPageIT(E2ePortal portal, Browser browser) {
        this.portal = portal;
        this.browser = browser;
    }

    @Test
    void aTokenCreatedInThePageWorksUntilItIsRevokedThere() throws Exception {
        E2ePortal.Account contributor = portal.account("contributor");
        browser.signIn(contributor);
        browser.shown(By.cssSelector("#nav a.who")).click();
        browser.settled();
        assertThat(browser.shown(By.tagName("h1")).getText()).isEqualTo("My account");
        assertThat(browser.shown(By.cssSelector("dl.facts")).getText()).contains(contributor.email(), "Contributor");

        String name = "nightly-export-" + System.nanoTime();
        browser.shown(By.id("token-name")).sendKeys(name);
        WebElement days = browser.driver().findElement(By.id("token-days"));
        days.clear();
        days.sendKeys("30");
        browser.driver().findElement(By.xpath("//button[.='Create the token']")).click();
        WebElement secret = browser.shown(By.id("new-token"));
        assertThat(browser.driver().switchTo().activeElement()).isEqualTo(secret);
        // the token's banner, beside the saved searches' one about e-mail
        assertThat(browser.driver().findElements(By.cssSelector(".banner")).stream()
                        .map(WebElement::getText))
                .anyMatch(text -> text.contains("it will never be shown again"));
        assertThat(browser.driver()
                        .findElement(By.xpath("//button[.='Copy the token']"))
                        .isDisplayed())
                .isTrue();
        String token = secret.getText();
        assertThat(me(token)).isEqualTo(200);
        browser.assertAccessible("the account page with a new token");
        browser.screenshot("account");

        browser.driver()
                .findElement(By.xpath("//button[.='Done, hide the token']"))
                .click();
        browser.settled();
        assertThat(browser.driver().findElements(By.id("new-token"))).isEmpty();
        browser.shown(By.xpath("//button[@aria-label='Revoke the token “" + name + "”']"))
                .click();
        browser.waitFor(d -> d.findElements(By.xpath("//td[.='" + name + "']")).isEmpty(), Duration.ofSeconds(10));
        browser.settled();
        assertThat(me(token)).isEqualTo(401);

        browser.language("fr");
        browser.shown(By.xpath("//h1[.='Mon compte']"));
        browser.settled();
        browser.assertAccessible("the account page in French");
        browser.language("en");
        browser.settled();
        browser.signOut();
    }

    @Test
    void aWrongCurrentPasswordIsRefusedWithAMessage() {
        browser.signIn(portal.account("contributor"));
        browser.go("#/account");
        browser.settled();
        browser.shown(By.id("pw-current")).sendKeys("not the password at all");
        browser.driver().findElement(By.id("pw-new")).sendKeys("a brand new password 2026");
        browser.driver()
                .findElement(By.xpath("//button[.='Change the password']"))
                .click();
        assertThat(browser.shown(By.cssSelector("section[aria-labelledby='pw-h'] [role=alert]"))
                        .getText())
                .contains("The current password is wrong.");
        browser.assertAccessible("the account page with a refused password");
        browser.signOut();
    }

    /** The status of GET /api/account with {@code token}, as a script would call it. */
    private int me(String token) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(portal.url()).resolve("/api/account"))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .GET()
                .build();
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }
}
