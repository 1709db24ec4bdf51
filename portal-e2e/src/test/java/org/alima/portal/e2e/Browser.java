package org.alima.portal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.PageLoadStrategy;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, driven by Debian's chromedriver: both named explicitly, so that Selenium never looks
 * for or downloads a browser or a driver. A fresh profile each time, so each browser starts with an empty cache (a
 * first visit). Not thread-safe: one test at a time drives it.
 */
final class Browser implements AutoCloseable {

    /** The WCAG 2.1 A and AA rules of axe-core: the level the portal promises. */
    private static final List<String> WCAG_21_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

    private final ChromeDriver driver;
    private final Path profile;
    private final String base;

    private Browser(ChromeDriver driver, Path profile, String base) {
        this.driver = driver;
        this.profile = profile;
        this.base = base;
    }

    /**
     * Starts a browser whose preferred languages are {@code languages} (an Accept-Language value, e.g. {@code
     * fr-FR,fr}) on a 1280×800 window.
     */
    static Browser start(String base, String languages) {
        return start(base, languages, PageLoadStrategy.NORMAL);
    }

    /**
     * As {@link #start(String, String)}, with {@code loads} telling how long opening a page waits: {@link
     * PageLoadStrategy#NONE} returns at once, to act on a page before it has loaded.
     */
    static Browser start(String base, String languages, PageLoadStrategy loads) {
        Path profile;
        try {
            profile = Files.createTempDirectory("portal-e2e-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a Chromium profile directory", e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setPageLoadStrategy(loads);
        options.setBinary(System.getProperty("portal.e2e.chromium", "/usr/bin/chromium"));
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-default-apps",
                "--disable-extensions",
                "--no-first-run",
                "--no-default-browser-check",
                "--hide-scrollbars",
                "--window-size=1280,800",
                "--lang=" + languages.split(",")[0],
                "--user-data-dir=" + profile);
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", languages));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty("portal.e2e.chromedriver", "/usr/bin/chromedriver")))
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        // The window's size includes what headless Chromium keeps for its own frame: the page gets exactly 1280×800.
        driver.executeCdpCommand(
                "Emulation.setDeviceMetricsOverride",
                Map.of("width", 1280, "height", 800, "deviceScaleFactor", 1, "mobile", false));
        return new Browser(driver, profile, base);
    }

    ChromeDriver driver() {
        return driver;
    }

    /**
     * Loads the page shell afresh at a route, e.g. {@code #/search?q=malaria}, as if typed in the address bar of a
     * new tab (a route differing only by its fragment would otherwise not reload the page).
     */
    void open(String route) {
        driver.get("about:blank");
        driver.get(base + route);
    }

    /** Follows a route inside the running page, as a link of the page would. */
    void go(String route) {
        script("location.hash = arguments[0]", route);
    }

    /** Forgets the session and the language choice, as a new visitor. */
    void forget() {
        if (driver.getCurrentUrl().startsWith(base)) {
            script("sessionStorage.clear(); localStorage.clear();");
        }
    }

    /** Waits (10 s at most) for an element to be shown and returns it. */
    WebElement shown(By locator) {
        return waitFor(ExpectedConditions.visibilityOfElementLocated(locator), Duration.ofSeconds(10));
    }

    /** Waits for {@code condition}; an element the page redraws meanwhile (stale) is looked for again. */
    <T> T waitFor(ExpectedCondition<T> condition, Duration timeout) {
        return new WebDriverWait(driver, timeout, Duration.ofMillis(50))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(condition);
    }

    /** Waits until the page shell shows the interface language {@code lang} (fr or en), switching it if needed. */
    void language(String lang) {
        shown(By.id("lang"));
        if (!lang.equals(script("return document.documentElement.lang"))) {
            driver.findElement(By.id("lang")).click();
        }
        waitFor(ExpectedConditions.attributeToBe(By.tagName("html"), "lang", lang), Duration.ofSeconds(5));
    }

    /** Waits until the page shows the route in the address bar, and has finished loading what it shows. */
    void settled() {
        waitFor(
                d -> Boolean.TRUE.equals(
                        script(
                                "const main = document.getElementById('main');"
                                        + "return main.dataset.shown === location.hash && !document.querySelector('[aria-busy=true]')")),
                Duration.ofSeconds(15));
    }

    /** Signs in through the sign-in page and waits until the header offers to sign out. */
    void signIn(E2ePortal.Account account) {
        open("#/signin");
        shown(By.id("signin-email")).sendKeys(account.email());
        driver.findElement(By.id("signin-password")).sendKeys(E2ePortal.PASSWORD);
        driver.findElement(By.cssSelector("main form button[type=submit]")).click();
        shown(By.cssSelector("#nav button.link"));
        settled();
    }

    void signOut() {
        shown(By.cssSelector("#nav button.link")).click();
        shown(By.cssSelector("#nav a[href^='#/signin']"));
    }

    Object script(String javascript, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(javascript, arguments);
    }

    /** Runs axe-core's WCAG 2.1 A and AA rules on the page as it is now and fails on any violation. */
    void assertAccessible(String page) {
        Results results = new AxeBuilder().withTags(WCAG_21_AA).analyze(driver);
        assertThat(results.getViolations())
                .as(
                        "axe-core violations on %s (%s):%n%s",
                        page, driver.getCurrentUrl(), describe(results.getViolations()))
                .isEmpty();
        assertThat(results.getPasses())
                .as("axe-core rules that ran on %s", page)
                .isNotEmpty();
    }

    private static String describe(List<Rule> violations) {
        return violations.stream()
                .map(rule -> rule.getId() + " (" + rule.getImpact() + "): " + rule.getHelp() + " — "
                        + rule.getNodes().stream()
                                .map(node -> node.getTarget() + " " + node.getFailureSummary())
                                .collect(Collectors.joining("; ")))
                .collect(Collectors.joining("\n"));
    }

    /** Writes a screenshot of the window to target/screenshots/{name}.png ({@code name} may name a sub-directory). */
    Path screenshot(String name) {
        Path directory = Path.of(System.getProperty("portal.e2e.screenshots", "target/screenshots"));
        try {
            Path target = directory.resolve(name + ".png");
            Files.createDirectories(target.getParent());
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the screenshot " + name, e);
        }
    }

    /**
     * Writes a screenshot of the page's top {@code height} pixels, beyond the 800 of the window, to {@code
     * target/screenshots/{name}.png}: for a README picture that shows more than one screen.
     */
    Path screenshot(String name, int height) {
        Path directory = Path.of(System.getProperty("portal.e2e.screenshots", "target/screenshots"));
        Map<String, Object> shot = cdp(
                "Page.captureScreenshot",
                Map.of(
                        "format",
                        "png",
                        "captureBeyondViewport",
                        true,
                        "clip",
                        Map.of("x", 0, "y", 0, "width", 1280, "height", height, "scale", 1)));
        try {
            Path target = directory.resolve(name + ".png");
            Files.createDirectories(target.getParent());
            Files.write(target, Base64.getDecoder().decode((String) shot.get("data")));
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the screenshot " + name, e);
        }
    }

    /** A Chrome DevTools Protocol command on the current tab, through chromedriver. */
    Map<String, Object> cdp(String command, Map<String, Object> parameters) {
        return driver.executeCdpCommand(command, parameters);
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .map(Path::toFile)
                        .forEach(File::delete);
            } catch (IOException e) {
                // A profile left in the temporary directory is harmless; the browser has already stopped.
            }
        }
    }
}
