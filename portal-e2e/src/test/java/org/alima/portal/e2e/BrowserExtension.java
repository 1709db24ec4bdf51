package org.alima.portal.e2e;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.openqa.selenium.WebDriverException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The browser lifecycle of the {@link BrowserTest} classes: resolves {@link E2ePortal}, {@link Library} and {@link
 * Browser} parameters (of constructors, lifecycle and test methods), keeps one browser per class in the class's
 * store (quit when the class is done), one per test for an {@link OwnBrowser} parameter (quit when the test is done),
 * makes each test start as a new visitor, and takes a screenshot of every browser a failed test used. Stateless; the
 * browsers live in JUnit's stores.
 */
final class BrowserExtension implements ParameterResolver, BeforeEachCallback, AfterTestExecutionCallback {

    private static final Logger LOG = LoggerFactory.getLogger(BrowserExtension.class);
    private static final ExtensionContext.Namespace BROWSERS =
            ExtensionContext.Namespace.create(BrowserExtension.class);
    private static final String CLASS_BROWSER = "class browser";
    private static final String OWN_BROWSERS = "own browsers";

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == E2ePortal.class || type == Library.class || type == Browser.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        if (type == E2ePortal.class) {
            return E2ePortal.get();
        }
        if (type == Library.class) {
            return E2ePortal.get().library();
        }
        Optional<OwnBrowser> own = parameter.findAnnotation(OwnBrowser.class);
        if (own.isPresent()) {
            if (context.getTestMethod().isEmpty()) {
                throw new ParameterResolutionException(
                        "@OwnBrowser is for a test method's parameter; a class's browser is set by @BrowserTest");
            }
            return ownBrowser(context, own.get());
        }
        return classBrowser(context);
    }

    /** Each test begins as a new visitor: no session, no language choice left by the test before. */
    @Override
    public void beforeEach(ExtensionContext context) {
        Browser browser = classStore(context).get(CLASS_BROWSER, Browser.class);
        if (browser != null) {
            browser.forget();
        }
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        if (context.getExecutionException().isEmpty()) {
            return;
        }
        List<Browser> used = new ArrayList<>(ownBrowsers(context));
        Browser shared = classStore(context).get(CLASS_BROWSER, Browser.class);
        if (shared != null) {
            used.add(shared);
        }
        String test = context.getRequiredTestClass().getSimpleName() + "."
                + context.getRequiredTestMethod().getName();
        for (int i = 0; i < used.size(); i++) {
            Browser browser = used.get(i);
            try {
                Path shot = browser.screenshot("failures/" + test + (i == 0 ? "" : "-" + (i + 1)));
                LOG.warn(
                        "{} failed at {}; screenshot: {}",
                        test,
                        browser.driver().getCurrentUrl(),
                        shot);
            } catch (WebDriverException | UncheckedIOException e) {
                // The browser itself may be what failed: the test's own failure is what matters.
                LOG.warn("{} failed; no screenshot could be taken: {}", test, e.toString());
            }
        }
    }

    private static Browser classBrowser(ExtensionContext context) {
        ExtensionContext.Store store = classStore(context);
        return store.getOrComputeIfAbsent(
                CLASS_BROWSER,
                key -> {
                    String languages = AnnotationSupport.findAnnotation(
                                    context.getRequiredTestClass(), BrowserTest.class)
                            .map(BrowserTest::languages)
                            .orElseThrow(() -> new ParameterResolutionException(
                                    context.getRequiredTestClass().getName() + " needs @BrowserTest"));
                    return Browser.start(E2ePortal.get().url(), languages);
                },
                Browser.class);
    }

    private static Browser ownBrowser(ExtensionContext context, OwnBrowser own) {
        Browser browser = Browser.start(E2ePortal.get().url(), own.languages(), own.loads());
        // Kept in the test's store, which quits it (AutoCloseable) when the test is done, failed or not.
        ExtensionContext.Store store = context.getStore(BROWSERS);
        store.put(browser, browser);
        ownBrowsers(context).add(browser);
        return browser;
    }

    @SuppressWarnings("unchecked")
    private static List<Browser> ownBrowsers(ExtensionContext context) {
        return context.getStore(BROWSERS)
                .getOrComputeIfAbsent(OWN_BROWSERS, key -> new ArrayList<Browser>(), List.class);
    }

    /** The store of the test class, whatever the context (class, constructor or test method) asking. */
    private static ExtensionContext.Store classStore(ExtensionContext context) {
        ExtensionContext current = context;
        while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
            current = current.getParent().get();
        }
        return current.getStore(BROWSERS);
    }
}
