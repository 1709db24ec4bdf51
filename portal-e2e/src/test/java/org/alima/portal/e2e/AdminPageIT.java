package org.alima.portal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The administrators' page: an administrator creates a contributor (missing fields are shown beside them), changes
 * their role, disables and enables them, and reads the audit log; other roles neither see nor use the page.
 */
@BrowserTest
class AdminPageIT {

    private final E2ePortal portal;
    private final Browser browser;

    AdminPageIT(E2ePortal portal, Browser browser) {
        this.portal = portal;
        this.browser = browser;
    }

    @Test
    void anAdministratorCreatesAContributorAndChangesTheirRole() {
        long run = System.nanoTime();
        String email = "contributor-" + run + "@portal.test";
        String name = "Fatou Ndiaye " + run;
        browser.signIn(new E2ePortal.Account(E2ePortal.ADMIN_EMAIL, "Administrator", null));
        browser.shown(By.xpath("//nav//a[.='Administration']")).click();
        browser.settled();
        assertThat(browser.shown(By.tagName("h1")).getText()).isEqualTo("Administration");

        browser.driver()
                .findElement(By.xpath("//button[.='Create the account']"))
                .click();
        WebElement emailField = browser.shown(By.id("new-email"));
        browser.shown(By.id("new-email-error"));
        assertThat(emailField.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.driver().switchTo().activeElement()).isEqualTo(emailField);

        emailField.sendKeys(email);
        browser.driver().findElement(By.id("new-displayName")).sendKeys(name);
        new Select(browser.driver().findElement(By.id("new-role"))).selectByValue("contributor");
        browser.driver().findElement(By.id("new-password")).sendKeys("a first password 2026");
        browser.driver()
                .findElement(By.xpath("//button[.='Create the account']"))
                .click();
        browser.shown(By.xpath("//tr[td[.='" + email + "']]"));
        browser.settled();
        WebElement row = browser.shown(By.xpath("//tr[td[.='" + email + "']]"));
        assertThat(new Select(row.findElement(By.tagName("select")))
                        .getFirstSelectedOption()
                        .getText())
                .isEqualTo("Contributor");

        new Select(row.findElement(By.tagName("select"))).selectByValue("curator");
        row.findElement(By.xpath(".//button[.='Change the role']")).click();
        browser.waitFor(
                d -> "curator"
                        .equals(browser.script(
                                "const row = [...document.querySelectorAll('tr')].find(r => r.textContent.includes(arguments[0]));"
                                        + "return row && !document.querySelector('[aria-busy=true]') ? row.querySelector('select').value : null",
                                email)),
                Duration.ofSeconds(10));
        browser.settled();
        String adminToken = portal.anonymous()
                .post("/api/auth/login", Map.of("username", E2ePortal.ADMIN_EMAIL, "password", E2ePortal.PASSWORD))
                .path("access_token")
                .asText();
        assertThat(portal.anonymous().as(adminToken).get("/api/admin/accounts")).anySatisfy(account -> {
            assertThat(account.path("email").asText()).isEqualTo(email);
            assertThat(account.path("role").asText()).isEqualTo("curator");
        });

        browser.shown(By.xpath("//button[@aria-label='Disable the account of " + name + "']"))
                .click();
        browser.shown(By.xpath("//button[@aria-label='Enable the account of " + name + "']"));
        browser.settled();
        assertThat(browser.shown(By.xpath("//tr[td[.='" + email + "']]")).getText())
                .contains("disabled");

        WebElement audit = browser.shown(By.cssSelector("section[aria-labelledby='audit-h'] tbody"));
        assertThat(audit.getText()).contains("account");
        browser.assertAccessible("the administration page");
        browser.screenshot("admin");
        browser.language("fr");
        browser.shown(By.xpath("//h2[.='Journal d’audit']"));
        browser.settled();
        browser.assertAccessible("the administration page in French");
        browser.language("en");
        browser.settled();
        browser.signOut();
    }

    @Test
    void aContributorHasNoAdministrationLinkAndIsToldThePageIsNotForThem() {
        browser.signIn(portal.account("contributor"));
        assertThat(browser.driver().findElements(By.cssSelector("#nav a[href='#/admin']")))
                .isEmpty();
        browser.go("#/admin");
        browser.settled();
        assertThat(browser.shown(By.cssSelector("main .notice")).getText())
                .isEqualTo("This page is for administrators.");
        browser.signOut();
    }
}
